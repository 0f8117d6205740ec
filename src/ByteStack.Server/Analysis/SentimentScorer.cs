using System.Text.RegularExpressions;

namespace ByteStack.Server.Analysis;

/// <summary>
/// An offline lexicon scorer for short social posts, written for ByteStack. Each known word
/// carries a valence from -3 to +3; the rules that matter most on social text adjust it:
/// intensifiers and dampeners ("very good", "slightly slow"), negation within three words
/// ("not good", "never works"), contrast ("…, but support was awful": the clause after "but"
/// weighs more), emoji, ALL-CAPS emphasis in mixed-case text, and exclamation marks. The sum
/// is squashed into [-1, 1]; ±0.05 separates neutral from the rest.
/// Known limits: sarcasm, domain slang ("sick", "killer"), non-English text.
/// </summary>
public static partial class SentimentScorer
{
    public const double Threshold = 0.05;

    private static readonly Dictionary<string, double> Lexicon = new(StringComparer.OrdinalIgnoreCase)
    {
        // positive
        ["good"] = 1.9, ["great"] = 3.0, ["excellent"] = 3.0, ["amazing"] = 3.0, ["awesome"] = 3.0, ["love"] = 3.0,
        ["loved"] = 2.9, ["loves"] = 2.7, ["loving"] = 2.8, ["like"] = 1.5, ["liked"] = 1.6, ["likes"] = 1.4, ["nice"] = 1.8,
        ["fantastic"] = 3.0, ["wonderful"] = 2.9, ["brilliant"] = 2.8, ["best"] = 3.0, ["better"] = 1.9, ["happy"] = 2.7,
        ["glad"] = 2.0, ["impressed"] = 2.3, ["impressive"] = 2.4, ["recommend"] = 1.9, ["recommended"] = 1.8,
        ["fast"] = 1.3, ["quick"] = 1.1, ["easy"] = 1.8, ["simple"] = 1.0, ["smooth"] = 1.6, ["reliable"] = 2.0, ["stable"] = 1.3,
        ["helpful"] = 2.0, ["useful"] = 1.8, ["fixed"] = 1.2, ["solved"] = 1.6, ["works"] = 1.1, ["worked"] = 1.1,
        ["thanks"] = 1.9, ["thank"] = 1.6, ["perfect"] = 3.0, ["beautiful"] = 2.9, ["clean"] = 1.4, ["elegant"] = 2.1,
        ["enjoy"] = 2.2, ["enjoyed"] = 2.3, ["fun"] = 2.3, ["cool"] = 1.5, ["win"] = 2.4, ["wins"] = 2.2, ["winning"] = 2.3,
        ["success"] = 2.5, ["successful"] = 2.6, ["improved"] = 2.0, ["improvement"] = 1.9, ["solid"] = 1.6, ["wow"] = 2.3,
        ["favorite"] = 2.2, ["favourite"] = 2.2, ["superb"] = 3.0, ["outstanding"] = 3.0, ["pleased"] = 2.4, ["delighted"] = 2.9,
        ["exciting"] = 2.3, ["excited"] = 2.3, ["innovative"] = 2.0, ["powerful"] = 1.7, ["secure"] = 1.4, ["affordable"] = 1.6,
        ["friendly"] = 2.0, ["responsive"] = 1.6, ["seamless"] = 2.1, ["incredible"] = 2.9, ["kudos"] = 2.3, ["praise"] = 2.3,
        ["ok"] = 0.9, ["okay"] = 0.9, ["fine"] = 0.8, ["decent"] = 1.2, ["grateful"] = 2.5, ["congrats"] = 2.4,
        // negative
        ["bad"] = -2.5, ["terrible"] = -3.0, ["awful"] = -3.0, ["horrible"] = -3.0, ["worst"] = -3.0, ["worse"] = -2.3,
        ["hate"] = -3.0, ["hated"] = -2.9, ["hates"] = -2.7, ["poor"] = -2.1, ["broken"] = -2.2, ["breaks"] = -1.8, ["broke"] = -1.8,
        ["bug"] = -1.6, ["bugs"] = -1.7, ["buggy"] = -2.2, ["crash"] = -2.2, ["crashes"] = -2.3, ["crashed"] = -2.2,
        ["slow"] = -1.6, ["sluggish"] = -1.7, ["expensive"] = -1.5, ["overpriced"] = -2.2, ["useless"] = -2.7, ["fail"] = -2.4,
        ["failed"] = -2.3, ["fails"] = -2.2, ["failure"] = -2.6, ["problem"] = -1.5, ["problems"] = -1.7, ["issue"] = -1.1,
        ["issues"] = -1.3, ["annoying"] = -2.1, ["annoyed"] = -2.0, ["frustrating"] = -2.4, ["frustrated"] = -2.3,
        ["disappointed"] = -2.4, ["disappointing"] = -2.4, ["angry"] = -2.6, ["sad"] = -2.1, ["scam"] = -3.0, ["fraud"] = -3.0,
        ["outage"] = -2.2, ["down"] = -0.8, ["confusing"] = -1.8, ["confused"] = -1.4, ["complicated"] = -1.3, ["hard"] = -0.8,
        ["difficult"] = -1.4, ["painful"] = -2.2, ["pain"] = -2.0, ["unusable"] = -2.8, ["unreliable"] = -2.3, ["insecure"] = -2.0,
        ["leak"] = -1.8, ["breach"] = -2.5, ["lost"] = -1.6, ["lose"] = -1.6, ["losing"] = -1.7, ["wrong"] = -1.9,
        ["ugly"] = -2.3, ["mess"] = -2.0, ["garbage"] = -2.7, ["trash"] = -2.5, ["sucks"] = -2.6, ["suck"] = -2.4,
        ["complaint"] = -1.8, ["complaints"] = -1.9, ["refund"] = -1.0, ["cancel"] = -1.0, ["cancelled"] = -1.3, ["avoid"] = -1.6,
        ["regret"] = -2.2, ["ridiculous"] = -2.1, ["disaster"] = -3.0, ["nightmare"] = -2.9, ["worried"] = -1.8, ["concern"] = -1.2,
        ["concerns"] = -1.3, ["rude"] = -2.2, ["spam"] = -2.0, ["lag"] = -1.5, ["laggy"] = -1.9, ["error"] = -1.5, ["errors"] = -1.6,
    };

    private static readonly Dictionary<string, double> Emoji = new()
    {
        ["😀"] = 2.0, ["😃"] = 2.0, ["😄"] = 2.2, ["😁"] = 2.0, ["😊"] = 2.0, ["🙂"] = 1.2, ["😍"] = 3.0, ["🥰"] = 3.0, ["😎"] = 1.8,
        ["👍"] = 1.8, ["👏"] = 2.0, ["🙌"] = 2.2, ["🎉"] = 2.4, ["🚀"] = 1.8, ["🔥"] = 1.5, ["💯"] = 2.0, ["❤"] = 2.8, ["❤️"] = 2.8,
        ["💙"] = 2.5, ["✅"] = 1.0, [":)"] = 1.8, [":-)"] = 1.8, [":D"] = 2.3, ["<3"] = 2.5,
        ["😞"] = -2.0, ["😢"] = -2.2, ["😭"] = -2.4, ["😡"] = -3.0, ["😠"] = -2.7, ["🤬"] = -3.0, ["👎"] = -2.0, ["💩"] = -2.3,
        ["🙄"] = -1.5, ["😤"] = -1.8, ["😩"] = -2.0, ["😒"] = -1.6, ["🤮"] = -2.8, ["❌"] = -1.0, [":("] = -1.9, [":-("] = -1.9,
    };

    private static readonly Dictionary<string, double> Boosters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["very"] = 0.3, ["really"] = 0.3, ["so"] = 0.25, ["extremely"] = 0.45, ["incredibly"] = 0.4, ["super"] = 0.3,
        ["totally"] = 0.3, ["absolutely"] = 0.4, ["completely"] = 0.35, ["highly"] = 0.3, ["most"] = 0.3, ["too"] = 0.2,
        ["slightly"] = -0.3, ["somewhat"] = -0.3, ["barely"] = -0.4, ["kinda"] = -0.3, ["sorta"] = -0.3, ["little"] = -0.25,
        ["marginally"] = -0.35, ["partly"] = -0.3, ["fairly"] = -0.15,
    };

    private static readonly HashSet<string> Negations = new(StringComparer.OrdinalIgnoreCase)
    {
        "not", "no", "never", "none", "nothing", "neither", "nor", "nobody", "without", "hardly", "rarely", "seldom",
        "cannot", "cant", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "wont", "wouldnt", "shouldnt",
        "couldnt", "aint", "hasnt", "havent", "hadnt",
    };

    /// <summary>A score in [-1, 1]. <paramref name="ignore"/> are the query's own terms: "Acme" never scores.</summary>
    public static double Score(string text, IReadOnlyCollection<string>? ignore = null)
    {
        var clean = Noise().Replace(text, " ");
        var ignored = new HashSet<string>(
            (ignore ?? []).SelectMany(t => Token().Matches(t).Select(m => m.Value)), StringComparer.OrdinalIgnoreCase);
        var tokens = Token().Matches(clean).Select(m => m.Value).ToList();
        var mixedCase = tokens.Any(t => t.Any(char.IsLower)) && tokens.Any(t => t.Length > 1 && t.All(c => !char.IsLetter(c) || char.IsUpper(c)) && t.Any(char.IsLetter));

        // "but" splits the text: what comes after it is what the writer means.
        var butIndex = tokens.FindLastIndex(t => t.Equals("but", StringComparison.OrdinalIgnoreCase) || t.Equals("however", StringComparison.OrdinalIgnoreCase));
        var sum = 0.0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (ignored.Contains(token)) continue;
            if (!Lexicon.TryGetValue(Normalise(token), out var valence) && !Emoji.TryGetValue(token, out valence)) continue;

            if (mixedCase && token.Length > 1 && token.All(c => !char.IsLetter(c) || char.IsUpper(c)) && token.Any(char.IsLetter))
                valence += Math.Sign(valence) * 0.7;

            for (var back = 1; back <= 3 && i - back >= 0; back++)
            {
                var before = Normalise(tokens[i - back]);
                if (Boosters.TryGetValue(before, out var boost))
                    valence += Math.Sign(valence) * boost * (back == 1 ? 1 : back == 2 ? 0.95 : 0.9) * Math.Abs(valence);
                if (Negations.Contains(before))
                {
                    valence *= -0.74;
                    break;
                }
            }

            if (butIndex >= 0) valence *= i < butIndex ? 0.5 : 1.5;
            sum += valence;
        }

        var exclamations = Math.Min(4, text.Count(c => c == '!'));
        if (sum != 0) sum += Math.Sign(sum) * exclamations * 0.29;
        return Math.Clamp(sum / Math.Sqrt(sum * sum + 15), -1, 1);
    }

    public static Sentiment Classify(string text, IReadOnlyCollection<string>? ignore = null) => Score(text, ignore) switch
    {
        >= Threshold => Sentiment.Positive,
        <= -Threshold => Sentiment.Negative,
        _ => Sentiment.Neutral,
    };

    private static string Normalise(string token) => token.Replace("'", "").Replace("’", "");

    // URLs, @handles and HTML tags carry no sentiment and would only add noise.
    [GeneratedRegex(@"https?://\S+|@[\w.]+|<[^>]+>")]
    private static partial Regex Noise();

    [GeneratedRegex(@"[\p{L}][\p{L}'’]*|:-?[()D]|<3|\p{So}\uFE0F?|\p{Cs}{2}")]
    private static partial Regex Token();
}
