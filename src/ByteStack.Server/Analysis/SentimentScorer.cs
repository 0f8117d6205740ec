using System.Text.RegularExpressions;

namespace ByteStack.Server.Analysis;

/// <summary>
/// The offline sentiment scorer for short social posts, written for ByteStack (its lexicon is
/// ours, in <see cref="SentimentLexicon"/>). Each known word, phrase, emoji or emoticon carries a
/// valence from -3 to +3, and the rules that decide real posts adjust it:
/// <list type="bullet">
/// <item>domain phrases are read before words, so "crash reporting", "bug bounty", "kill switch"
/// and "hate speech filter" are neutral and "killed it" is praise;</item>
/// <item>negation reaches to the end of its clause ("never had a single outage"), and
/// "can't recommend it enough" is praise;</item>
/// <item>contrast: what follows "but", "however" or "yet" weighs almost four times what precedes it,
/// and a concession that opens a sentence ("Although …,") yields to the clause after its comma;</item>
/// <item>intensifiers and diminishers ("so", "insanely", "kinda", "a bit"), ALL CAPS words in
/// mixed-case text, stretched words ("sooo goood") and repeated ! or ?;</item>
/// <item>slang both ways ("slaps", "goated", "fire", "W" / "mid", "trash", "L");</item>
/// <item>sarcasm: a positive interjection over bad news ("Great, it crashed again. Just
/// great.", "Oh wonderful, another outage"), "thanks for nothing", "love how…", "/s";</item>
/// <item>a question weakens praise ("Is Acme any good?") but not complaint ("Why is it so slow?"), and a
/// how-to question ("How do I kill a stuck job?") counts nothing;</item>
/// <item>moving to or away from the query's own subject ("went back to Acme", "a replacement for Acme");</item>
/// <item>whole-post cues (<see cref="SentimentLexicon.Cues"/>) for what words miss: complaints
/// with no negative word ("two hours on hold", "cancelled our subscription"), praise by numbers
/// ("from 3 hours to 12 minutes") and praise not meant ("was great before the redesign").</item>
/// </list>
/// The sum is squashed into [-1, 1]; ±<see cref="Threshold"/> separates neutral from the rest.
/// </summary>
public static partial class SentimentScorer
{
    public const double Threshold = 0.05;

    private const double NegationFactor = -0.74;

    /// <summary>A score in [-1, 1]. <paramref name="ignore"/> are the query's own terms: "Acme" never scores.</summary>
    public static double Score(string text, IReadOnlyCollection<string>? ignore = null)
    {
        var clean = Noise().Replace(text, " ");
        // "how its filter works" explains, it does not praise.
        clean = HowItWorks().Replace(clean, "${how}operates");
        // "That said, …", "Even so, …": contrasts of more than one word read as "however".
        clean = ContrastPhrase().Replace(clean, "however");
        // "2/5 stars" is a rating of 2, not the phrase "5 stars".
        clean = OutOfFive().Replace(clean, "${n} stars");
        // "kill the agent process", "killed two pods": an operation, not violence.
        clean = KillAProcess().Replace(clean, "stop");
        var sarcasmMarker = SarcasmTag().IsMatch(clean);
        clean = SarcasmTag().Replace(clean, " ");
        var ignored = new HashSet<string>(
            (ignore ?? []).SelectMany(t => Token().Matches(t).Select(m => m.Value.TrimStart('#', '@'))), StringComparer.OrdinalIgnoreCase);
        var tokens = Token().Matches(clean).Select(m => m.Value).Where(t => !ignored.Contains(t.TrimStart('#'))).ToList();
        var mixedCase = tokens.Any(t => t.Any(char.IsLower)) && tokens.Any(IsShouted);

        var items = Read(tokens);
        var contrast = Concession(items, items.FindLastIndex(i => i.Kind == Kind.Contrast));
        var (questions, howTo) = Questions(items);
        var sum = 0.0;
        var negative = 0.0;
        var positive = 0.0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.Kind == Kind.Function)
            {
                if (howTo[i] || Instruction(items, i)) continue;
                var failed = Negate(items, i, 2.0);
                if (failed >= 0) continue;
                failed *= contrast < 0 ? 1 : i < contrast ? 0.4 : 1.5;
                sum += failed;
                negative += failed;
                continue;
            }
            if (item.Kind != Kind.Scored || item.Valence == 0) continue;
            var valence = item.Valence;

            if (mixedCase && IsShouted(item.Text)) valence += Math.Sign(valence) * 0.73;
            if (Repeats().IsMatch(item.Text)) valence += Math.Sign(valence) * 0.3;
            valence *= Boost(items, i);
            valence = Negate(items, i, valence);
            if ((questions[i] && valence > 0) || howTo[i]) valence = 0;
            if (contrast >= 0) valence *= i < contrast ? 0.4 : 1.5;
            sum += valence;
            if (valence < 0) negative += valence;
            else positive += valence;
        }

        var cues = Cues(clean, positive, negative);
        sum += cues;
        if (cues < 0) negative += cues;
        var move = Move(clean, ignore ?? []);
        // Moving to the subject: "went back to Acme" is not the complaint the leaving cue took it for.
        if (move > 0 && SentimentLexicon.Leaving.IsMatch(clean)) move -= SentimentLexicon.LeavingValence;
        if (move > 0 && SentimentLexicon.Cancelling.IsMatch(clean)) move -= SentimentLexicon.CancellingValence;
        // Leaving the subject: whatever the post praises is where it went ("moved from Acme to Globex, our bill dropped 35%").
        if (move < 0) sum = Math.Min(sum, 0);
        sum += move;
        if (move < 0) negative += move;
        sum += Sarcasm(clean, items, sum, negative, sarcasmMarker);
        if (Math.Abs(sum) > 1e-9)
        {
            var exclamations = Math.Min(4, clean.Count(c => c == '!'));
            var questionMarks = Math.Min(3, QuestionRun().Matches(clean).Sum(m => m.Length - 1));
            sum += Math.Sign(sum) * (exclamations * 0.29 + questionMarks * 0.18);
        }
        return Math.Clamp(sum / Math.Sqrt(sum * sum + 15), -1, 1);
    }

    public static Sentiment Classify(string text, IReadOnlyCollection<string>? ignore = null) => Label(Score(text, ignore));

    /// <summary>The label of a score: the one place the thresholds live.</summary>
    public static Sentiment Label(double score) => score switch
    {
        >= Threshold => Sentiment.Positive,
        <= -Threshold => Sentiment.Negative,
        _ => Sentiment.Neutral,
    };

    private enum Kind { Scored, Negation, Booster, Contrast, Boundary, Question, Word, Function }

    private sealed record Item(Kind Kind, string Text, double Valence = 0);

    /// <summary>Tokens into items: phrases first (longest wins), then words, emoji and clause marks.</summary>
    private static List<Item> Read(List<string> tokens)
    {
        var items = new List<Item>();
        var lower = tokens.Select(t => Fold(t.TrimStart('#'))).ToList();
        var squeezed = lower.Select(Squeeze).ToList();
        for (var i = 0; i < tokens.Count;)
        {
            if (LongestPhrase(lower, squeezed, i) is { } phrase)
            {
                items.Add(phrase.Kind switch
                {
                    SentimentLexicon.PhraseKind.Booster => new Item(Kind.Booster, string.Join(' ', tokens.Skip(i).Take(phrase.Words.Length)), phrase.Valence),
                    SentimentLexicon.PhraseKind.Negation => new Item(Kind.Negation, string.Join(' ', tokens.Skip(i).Take(phrase.Words.Length))),
                    SentimentLexicon.PhraseKind.Filler => new Item(Kind.Word, string.Join(' ', tokens.Skip(i).Take(phrase.Words.Length))),
                    _ => new Item(Kind.Scored, string.Join(' ', tokens.Skip(i).Take(phrase.Words.Length)), phrase.Valence),
                });
                i += phrase.Words.Length;
                continue;
            }

            var token = tokens[i];
            var word = lower[i];
            if (token is "," or ";" or "." or ":" or "…" or "-" or "—" or "!") items.Add(new Item(Kind.Boundary, token));
            else if (token == "?") items.Add(new Item(Kind.Question, token));
            else if (SentimentLexicon.Contrasts.Contains(word)) items.Add(new Item(Kind.Contrast, token));
            else if (SentimentLexicon.Negations.Contains(word)) items.Add(new Item(Kind.Negation, token));
            else if (SentimentLexicon.Boosters.TryGetValue(word, out var boost) || SentimentLexicon.Boosters.TryGetValue(Squeeze(word), out boost))
                items.Add(new Item(Kind.Booster, token, boost));
            else if (SentimentLexicon.CaseSensitive.TryGetValue(token, out var exact)) items.Add(new Item(Kind.Scored, token, exact));
            else if (EmojiValence(token) is { } emoji) items.Add(new Item(Kind.Scored, token, emoji));
            else if (Valence(word) is { } valence) items.Add(new Item(Kind.Scored, token, valence));
            else if (SentimentLexicon.Functions.Contains(word)) items.Add(new Item(Kind.Function, token));
            else items.Add(new Item(Kind.Word, token));
            i++;
        }
        return items;
    }

    /// <summary>The phrases by their first word, in lexicon order, so a token is only compared with phrases that can start there.</summary>
    private static readonly Dictionary<string, (string[] Words, double Valence, SentimentLexicon.PhraseKind Kind, int Order)[]> PhrasesByFirstWord =
        SentimentLexicon.Phrases.Select((p, order) => (p.Words, p.Valence, p.Kind, Order: order))
            .GroupBy(p => p.Words[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>The longest phrase starting at token <paramref name="i"/> (the first in lexicon order among equals); each word may match as written or stretched.</summary>
    private static (string[] Words, double Valence, SentimentLexicon.PhraseKind Kind)? LongestPhrase(List<string> lower, List<string> squeezed, int i)
    {
        (string[] Words, double Valence, SentimentLexicon.PhraseKind Kind, int Order)? best = null;
        foreach (var first in lower[i] == squeezed[i] ? [lower[i]] : new[] { lower[i], squeezed[i] })
        {
            if (!PhrasesByFirstWord.TryGetValue(first, out var candidates)) continue;
            foreach (var p in candidates)
            {
                if (i + p.Words.Length > lower.Count) continue;
                var matches = true;
                for (var k = 0; k < p.Words.Length && matches; k++) matches = p.Words[k] == lower[i + k] || p.Words[k] == squeezed[i + k];
                if (matches && (best is not { } b || p.Words.Length > b.Words.Length || (p.Words.Length == b.Words.Length && p.Order < b.Order))) best = p;
            }
        }
        return best is { } found ? (found.Words, found.Valence, found.Kind) : null;
    }

    /// <summary>An emoji or emoticon's valence; a sequence (🤦‍♂️, 👍🏽) by its first symbol.</summary>
    private static double? EmojiValence(string token)
    {
        if (SentimentLexicon.Emoji.TryGetValue(token, out var v) || SentimentLexicon.Emoji.TryGetValue(token.Replace("\uFE0F", ""), out v)) return v;
        var first = char.IsHighSurrogate(token[0]) && token.Length > 1 ? token[..2] : token[..1];
        return first != token && SentimentLexicon.Emoji.TryGetValue(first, out v) ? v : null;
    }

    private static bool IsEmoji(string token) => !char.IsLetter(token[0]) && EmojiValence(token) is not null;

    private static double? Valence(string word)
    {
        if (SentimentLexicon.Words.TryGetValue(word, out var v)) return v;
        var squeezed = Squeeze(word);
        if (squeezed != word && (SentimentLexicon.Words.TryGetValue(squeezed, out v) || SentimentLexicon.Words.TryGetValue(Single(word), out v))) return v;
        return null;
    }

    /// <summary>Boosters and diminishers up to three words before, nearer ones stronger; "af" after.</summary>
    private static double Boost(List<Item> items, int i)
    {
        var factor = 1.0;
        for (int back = 1, seen = 0; i - back >= 0 && seen < 3; back++)
        {
            var before = items[i - back];
            if (before.Kind is Kind.Boundary or Kind.Contrast or Kind.Question) break;
            seen++;
            if (before.Kind == Kind.Booster) factor += before.Valence * (seen == 1 ? 1 : seen == 2 ? 0.95 : 0.9);
        }
        if (i + 1 < items.Count && items[i + 1] is { Kind: Kind.Booster, Text: var after } && after.Equals("af", StringComparison.OrdinalIgnoreCase))
            factor += items[i + 1].Valence;
        return Math.Max(0.2, factor);
    }

    /// <summary>
    /// A negation flips (and weakens) what follows it to the end of its clause, up to four words on.
    /// "can't recommend it enough" / "can't say enough good things" keep their praise.
    /// </summary>
    private static double Negate(List<Item> items, int i, double valence)
    {
        for (var back = 1; back <= 4 && i - back >= 0; back++)
        {
            var before = items[i - back];
            if (before.Kind is Kind.Boundary or Kind.Contrast or Kind.Question) return valence;
            // "fixed the crash", "no more outages": a remedy turns the trouble after it into good news.
            if (before.Kind == Kind.Scored && valence < 0 && SentimentLexicon.Remedies.Contains(Fold(before.Text))) return -valence * 0.5;
            if (before.Kind != Kind.Negation) continue;
            // Emoji say how the writer feels about the whole post; "hasn't arrived 😤" is not praise.
            if (IsEmoji(items[i].Text)) return valence;
            // Only an inability is praise with "enough": "can't recommend it enough", but "isn't fast enough".
            var negation = Fold(before.Text);
            var couldNot = negation == "couldnt" || (negation == "not" && i - back - 1 >= 0 && Fold(items[i - back - 1].Text) == "could");
            var clauseEnd = items.FindIndex(i, x => x.Kind is Kind.Boundary or Kind.Contrast or Kind.Question);
            var upTo = clauseEnd < 0 ? items.Count : clauseEnd;
            if ((couldNot || negation is "cant" or "cannot") && valence > 0
                && items.Skip(i - back + 1).Take(upTo - (i - back) - 1).Any(x => x.Text.Equals("enough", StringComparison.OrdinalIgnoreCase)))
                return valence * 1.3;
            // "could not have made this easier", "couldn't be worse": a comparative past its limit, not a negation.
            if (couldNot && IsComparative(Fold(items[i].Text))) return valence * 1.3;
            return valence * NegationFactor;
        }
        return valence;
    }

    private static bool IsComparative(string word) =>
        word is "better" or "worse" or "more" || (word.Length > 4 && word.EndsWith("er", StringComparison.Ordinal) && Valence(word) is not null);

    /// <summary>
    /// The whole-post cues of <see cref="SentimentLexicon.Cues"/> and durations that shrink or grow
    /// ("from 3 hours to 12 minutes" is praise, "from one day to a week" a complaint).
    /// </summary>
    private static double Cues(string text, double positive, double negative)
    {
        var total = 0.0;
        foreach (var (pattern, valence, kind) in SentimentLexicon.Cues)
        {
            if (!pattern.IsMatch(text)) continue;
            total += valence + kind switch
            {
                SentimentLexicon.CueKind.TakeBackPraise => -2 * positive,
                SentimentLexicon.CueKind.TakeBackComplaint => -2 * negative,
                SentimentLexicon.CueKind.Balanced => -(positive + negative),
                _ => 0,
            };
            if (kind == SentimentLexicon.CueKind.Balanced) (positive, negative) = (0, 0);
            // A post's praise or complaint is taken back once, however many cues say so.
            if (kind == SentimentLexicon.CueKind.TakeBackPraise) positive = 0;
            if (kind == SentimentLexicon.CueKind.TakeBackComplaint) negative = 0;
        }
        foreach (Match m in Durations().Matches(text))
        {
            // "from 40 minutes to 6": the second number keeps the first one's unit.
            var unitB = m.Groups["ub"].Success ? m.Groups["ub"].Value : m.Groups["ua"].Value;
            if (Seconds(m.Groups["a"].Value, m.Groups["ua"].Value) is not { } a || Seconds(m.Groups["b"].Value, unitB) is not { } b || a == b) continue;
            total += b < a ? 2.6 : -2.0;
        }
        foreach (Match m in Bills().Matches(text))
        {
            if (Amount(m, "a") is not { } a || Amount(m, "b") is not { } b || a == b) continue;
            // "$900 in April, $1,200 in March": the months say which came first.
            var later = m.Groups["am"].Success && Months.IndexOf(m.Groups["bm"].Value.ToLowerInvariant(), StringComparison.Ordinal) < Months.IndexOf(m.Groups["am"].Value.ToLowerInvariant(), StringComparison.Ordinal) ? a : b;
            var earlier = later == b ? a : b;
            total += later < earlier ? 2.2 : -2.2;
        }
        // Counts of trouble: "pages went from ~30 a week to 2" is praise, "errors from 5 to 50" a complaint.
        foreach (Match m in TroubleCounts().Matches(text))
        {
            if (!double.TryParse(m.Groups["a"].Value, System.Globalization.CultureInfo.InvariantCulture, out var a)
                || !double.TryParse(m.Groups["b"].Value, System.Globalization.CultureInfo.InvariantCulture, out var b) || a == b) continue;
            // Fewer crashes is good news: the word "crashes" is not the complaint here.
            total += b < a ? 2.2 - negative : -2.0;
            if (b < a) negative = 0;
        }
        return total;
    }

    private const string Months = "janfebmaraprmayjunjulaugsepoctnovdec";

    /// <summary>An amount of money a <see cref="Bills"/> match captured in group <paramref name="name"/>: commas dropped, "k" as thousands.</summary>
    private static double? Amount(Match m, string name) =>
        double.TryParse(m.Groups[name].Value.Replace(",", ""), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var amount)
            ? amount * (m.Groups[name + "k"].Success ? 1000 : 1)
            : null;

    private static double? Seconds(string number, string unit)
    {
        var n = number.Trim().ToLowerInvariant() switch
        {
            "half a" or "half an" => 0.5,
            "a few" or "several" => 3,
            var t => Queries.WindowReader.ReadNumber(t) is { } whole ? whole : double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : (double?)null,
        };
        var u = unit.ToLowerInvariant() switch { "ms" or "msec" or "msecs" => "ms", "s" => "second", var other => other.TrimEnd('s') };
        double? scale = u switch
        {
            "ms" or "millisecond" => 0.001,
            "second" or "sec" => 1, "minute" or "min" => 60, "hour" or "hr" => 3600, "day" => 86400, "week" => 604800, "month" => 2_592_000, "year" => 31_536_000,
            _ => null,
        };
        return n * scale;
    }

    /// <summary>
    /// Which items sit in a question whose praise should count for little ("Is Acme any good?"), and
    /// which in a how-to question, where nothing counts ("How do I kill a stuck job?").
    /// </summary>
    private static (bool[] Praise, bool[] HowTo) Questions(List<Item> items)
    {
        var inQuestion = new bool[items.Count];
        var howTo = new bool[items.Count];
        var start = 0;
        var sentence = 0;
        for (var i = 0; i <= items.Count; i++)
        {
            if (i < items.Count && items[i].Kind is not (Kind.Boundary or Kind.Question)) continue;
            if (i < items.Count && items[i].Kind == Kind.Question && start < i
                && items[start].Text.ToLowerInvariant() is "is" or "are" or "does" or "do" or "has" or "have" or "can" or "should" or "will" or "would" or "anyone" or "any" or "which" or "what" or "how" or "who")
                for (var k = start; k < i; k++) inQuestion[k] = true;
            // "How do I resolve 'dependency hell' warnings?": a how-to question asks, it does not complain
            // (its sentence runs to the question mark, over commas and colons).
            if (i < items.Count && items[i].Kind == Kind.Question && sentence + 2 < i && items[sentence].Text.Equals("how", StringComparison.OrdinalIgnoreCase)
                && items[sentence + 1].Text.ToLowerInvariant() is "do" or "can" or "to" or "should" or "would"
                && items[sentence + 2].Text.ToLowerInvariant() is "i" or "we" or "you" or "one" or "get" or "set" or "make" or "fix" or "resolve" or "stop" or "turn" or "change")
                for (var k = sentence; k < i; k++) howTo[k] = true;
            if (i < items.Count && (items[i].Kind == Kind.Question || items[i].Text is "." or "!" or "…")) sentence = i + 1;
            start = i + 1;
        }
        return (inQuestion, howTo);
    }

    /// <summary>
    /// Sarcasm patterns: praise that frames bad news ("Great, it crashed again", "Oh wonderful,
    /// another outage", "Love how it logs me out"), "thanks for nothing", and "/s". The praise is
    /// taken back (twice: it was counted once already) and the post leans negative.
    /// </summary>
    private static double Sarcasm(string text, List<Item> items, double sum, double negative, bool marker)
    {
        if (ThanksForNothing().IsMatch(text)) return -Math.Abs(sum) - 2.5;
        var praise = items.Where(x => x.Kind == Kind.Scored && x.Valence > 0).Sum(x => x.Valence);
        var firstBoundary = items.FindIndex(x => x.Kind is Kind.Boundary or Kind.Question);
        var openingPraise = items.Take(firstBoundary < 0 ? 1 : firstBoundary).Where(x => x.Kind == Kind.Scored && x.Valence > 0).Sum(x => x.Valence);
        if (openingPraise == 0) openingPraise = items.FirstOrDefault(x => x.Kind == Kind.Scored && x.Valence > 0)?.Valence ?? 0;
        // "again" is bad news only when nothing but the opening interjection praises ("Great, it works again!" is not sarcasm).
        var badNews = negative < 0 || BadNews().IsMatch(text) || (Again().IsMatch(text) && praise - openingPraise == 0);
        if (marker) return -2 * Math.Max(sum, 0) - 1.5;
        if (!badNews) return 0;
        if (SignOff().IsMatch(text)) return -2 * Math.Max(sum, 0) - 1.5;
        // Scare quotes around a claim: the "simplified" dashboard, closed as "resolved", the 'quick start'.
        if (ScareQuotes().Matches(text).Any(q => QuotedClaim(q.Groups["q"].Value))) return -2 * praise - 1.5;
        if (Interjection().IsMatch(text) || LoveHow().IsMatch(text) || JustGreat().IsMatch(text) || SaidNoOne().IsMatch(text) || PraiseMove().IsMatch(text)
            || MockPraise().IsMatch(text) || MockCongrats().IsMatch(text))
            return -2 * praise - 1.5;
        return 0;
    }

    /// <summary>"Don't run it as root", "Never open attachments", "No install needed": advice, not a failure.</summary>
    private static bool Instruction(List<Item> items, int i)
    {
        if (i + 1 < items.Count && Fold(items[i + 1].Text) is "needed" or "required" or "necessary") return true;
        var j = i - 1;
        if (j >= 0 && Fold(items[j].Text) is "dont" or "never" or "not") j--;
        if (j >= 0 && Fold(items[j].Text) == "do" && Fold(items[j + 1].Text) == "not") j--;
        return j < i - 1 && (j < 0 || items[j].Kind is Kind.Boundary or Kind.Question);
    }

    private static bool QuotedClaim(string quoted) =>
        Token().Matches(quoted).Any(t => Valence(Fold(t.Value)) > 0 || SentimentLexicon.Claims.Contains(t.Value));

    /// <summary>
    /// "Although the docs are good, the API times out": a concession that opens the sentence ends at
    /// its comma, and the main clause after it decides (as after "but").
    /// </summary>
    private static int Concession(List<Item> items, int contrast)
    {
        if (contrast < 0 || Fold(items[contrast].Text) is not ("although" or "though")) return contrast;
        static bool EndsSentence(Item x) => x.Kind == Kind.Question || x.Text is "." or "!" or "…";
        var opensSentence = contrast == 0 || EndsSentence(items[contrast - 1])
                            || (Fold(items[contrast - 1].Text) == "even" && (contrast == 1 || EndsSentence(items[contrast - 2])));
        if (!opensSentence) return contrast;
        for (var i = contrast + 1; i < items.Count && !EndsSentence(items[i]); i++)
            if (items[i].Text is "," or ";" or "—") return i;
        return contrast;
    }

    /// <summary>
    /// Moving to or from the query's own subject: "went back to Acme", "drop Globex and just use Acme"
    /// are praise of Acme (and take back the complaint about what was left), "evaluating Umbrella as a
    /// replacement for Acme" is a complaint. Without query terms there is no subject to move to.
    /// The patterns are built per term through Regex's own small cache (one query's posts share them),
    /// so no user's terms are kept beyond it; a post that does not name the term skips them.
    /// </summary>
    private static double Move(string text, IReadOnlyCollection<string> terms)
    {
        const RegexOptions options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
        var total = 0.0;
        foreach (var term in terms)
        {
            // The whole term, word by word ("Acme Cloud"), and only when the post names it.
            var words = Token().Matches(term).Select(m => m.Value.TrimStart('#', '@')).Where(w => w.Any(char.IsLetterOrDigit)).ToList();
            if (words.Count == 0 || !text.Contains(words[0], StringComparison.OrdinalIgnoreCase)) continue;
            var t = string.Join(@"\s+", words.Select(Regex.Escape));
            var toward = $@"\b(?:back\s+to|(?:switch|mov|migrat)(?:e|es|ed|ing)?\s+(?:over\s+|everything\s+|it\s+all\s+)?to|just\s+use|(?:keep|kept|keeping|chose|choose|picked|went\s+with|stick(?:ing)?\s+with|stayed\s+with|push(?:ed|ing)?\s+for|vote[ds]?\s+(?:to\s+keep|for))|(?:off|from)\s+(?!{t}\b)[\w.-]+(?:\s+[\w.-]+)?\s+to)\s+[@#]?{t}\b|\beverything(?:'s|’s|\s+is|\s+runs)\s+(?:on|in)\s+[@#]?{t}\b|\ball[-\s]in\s+on\s+[@#]?{t}\b|\bswap(?:ped|ping|s)?\s+(?!{t}\b)[\w.-]+\s+for\s+[@#]?{t}\b|\b(?:mov|migrat|switch|port)\w*\s+(?:[\w-]+\s+){{0,4}}?(?:and\s+)?onto\s+[@#]?{t}\b";
            var away = $@"\b(?:replacements?|alternatives?)\s+(?:for|to)\s+[@#]?{t}\b|\b(?:replac|ditch)(?:e|es|ed|ing)?\s+[@#]?{t}\b|\b(?:leaving|dropping|dropped)\s+[@#]?{t}\s+(?:for|after|at|because|over)\b|\b(?:mov|migrat|switch)\w*\s+(?:(?:everything|it\s+all|all\s+of\s+it|our\s+[\w-]+)\s+)?(?:off|away\s+from)\s+[@#]?{t}\b|\b(?:mov|migrat|switch)\w*\s+(?:\w+\s+){{0,2}}?from\s+[@#]?{t}\s+(?:to|onto|over\s+to)\s+(?!{t}\b)(?-i:\p{{Lu}})";
            // "Has anyone migrated from Initech to Acme?" asks; it does not move.
            bool Said(string move) => Regex.Matches(text, move, options).Any(m => text.IndexOfAny(['.', '!', '?'], m.Index + m.Length) is var end && (end < 0 || text[end] != '?'));
            bool NamedAfter(string move) => Regex.Match(text, move, options) is { Success: true } m && Regex.IsMatch(text[(m.Index + m.Length)..], $@"\b{t}\b", options);
            if (Said(toward)) total += 2.2;
            // "Moved from Acme to Globex. Regret it, Acme was better": naming the subject again after leaving it is about the subject.
            else if (Said(away) && !NamedAfter(away)) total -= 2.0;
        }
        return total;
    }

    private static bool IsShouted(string token) =>
        token.Length > 1 && token.Any(char.IsLetter) && token.All(c => !char.IsLetter(c) || char.IsUpper(c)) && token is not ("GOAT" or "MVP");

    private static string Fold(string token) => token.ToLowerInvariant().Replace("’", "'").Replace("'", "");

    /// <summary>"soooo" → "soo", for stretched words.</summary>
    private static string Squeeze(string word) => Repeats().Replace(word, "$1$1");

    private static string Single(string word) => Repeats().Replace(word, "$1");

    // URLs, @handles and HTML tags carry no sentiment and would only add noise.
    [GeneratedRegex(@"https?://\S+|(?<![\w])@[\w.]+|<[^>]+>")]
    private static partial Regex Noise();

    // Marks of irony that need no bad news beside them: "/s", "said no one ever", an eye-roll, "very character building".
    [GeneratedRegex(@"(?:^|\s)/s\b|\bsaid\s+no\s*(?:one|body)\s+ever\b|🙄|\b(?:very|so|truly|really|real)\s+character[-\s]building\b|\bcharacter[-\s]building\s*(?:,\s*\w+)?\s*[.!]*\s*$|\bteach(?:es|ing)?\s+(?:me|us|our\s+(?:whole\s+)?team)\s+(?:patience|humility)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SarcasmTag();

    [GeneratedRegex(@"</3|<3|[:;=]'?-?[()DPp/\\|]|[xX]D\b|>:\(|-_-|\d+/10\b|#?[\p{L}][\p{L}\p{N}'’\-]*|\p{N}+|[!?.,;:…—]|\p{Cs}{2}\uFE0F?(?:\u200D(?:\p{Cs}{2}|\p{So})\uFE0F?)*|\p{So}\uFE0F?(?:\u200D(?:\p{Cs}{2}|\p{So})\uFE0F?)*")]
    private static partial Regex Token();

    [GeneratedRegex(@"(\p{L})\1{2,}")]
    private static partial Regex Repeats();

    [GeneratedRegex(@"\?{2,}|\?!+|!+\?")]
    private static partial Regex QuestionRun();

    [GeneratedRegex(@"\bthanks?\s+(?:you\s+)?(?:a\s+lot\s+)?(?:\w+\s+)?for\s+(?:nothing|deleting|breaking|losing|wiping|ruining|killing|removing|overcharging|double\s+charging)\b|\bthanks\s+a\s+lot\b.*\b(?:again|nothing|broke|broken|down)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThanksForNothing();

    [GeneratedRegex(@"(?:^|[.!?][""”’]?\s+)(?:oh\s+|just\s+|yay\s*,?\s*|wow\s*,?\s*|well\s*,?\s*)?(?:great|wonderful|fantastic|perfect|brilliant|lovely|awesome|amazing|terrific|nice|cool|super|good|yay|woohoo|hooray|love\s+it|love\s+that|fun|joy|thanks|thank\s+you)(?:\s+(?:cool|great|nice|good))*(?:\s+\p{Lu}[\p{L}']*)?\s*[,.!…]+", RegexOptions.IgnoreCase)]
    private static partial Regex Interjection();

    [GeneratedRegex(@"\bjust\s+(?:great|wonderful|perfect|fantastic|brilliant|lovely|awesome)\b|(?:^|[.!?]\s+)(?:great|wonderful|perfect|fantastic|brilliant|lovely)\s*[.!]+\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex JustGreat();

    [GeneratedRegex(@"\b(?:i\s+)?(?:just\s+)?(?:love|loving|gotta\s+love|don'?t\s+you\s+(?:just\s+)?love|nothing\s+like|nothing\s+says)\s+(?:it\s+)?(?:how|when|that|\w+ing)\b|\bnothing\s+(?:says|like|beats)\b|\b(?:amazing|incredible|impressive|funny|fascinating|inspiring)\s+how\b|\bthanks?\s+for\s+(?:the|another|breaking|logging|deleting|losing|making)\b.*\b(?:again|outage|down|broke|broken|lost|deleted|crash\w*|logged\s+out|bug\w*)\b|\bwhat\s+could\s+possibly\s+go\s+wrong\b|\bclassic\b|\b(?:I'?d|I’d|I\s+would)\s+love\s+to\b", RegexOptions.IgnoreCase)]
    private static partial Regex LoveHow();

    [GeneratedRegex(@"^\W*(?:great|brilliant|nice|smart|genius|good|amazing|awesome)\s+(?:move|job|work|call|idea|one|stuff)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PraiseMove();

    // Praise that only mocks when the news is bad: "just what I needed, another billing error", "they outdid themselves with this outage".
    [GeneratedRegex(@"\bjust\s+what\s+(?:I|we)\s+(?:needed|wanted)\b|\boutdid\s+(?:themselves|yourselves|itself|himself|herself)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MockPraise();

    // Congratulations that mock, the trouble in the same sentence: "congrats on your third outage", "nice of them to break prod".
    [GeneratedRegex(@"\bcongrat(?:s|ulations)?\s+(?:to\s+[@#]?\w+\s+)?on\s+[^.!?]{0,60}?\b(?:outages?|downtime|incidents?|breach\w*|bugs?|crash\w*|breaking|broke|errors?|price\s+hikes?)\b|\b(?:new|a)\s+personal\s+best\b[^.!?]{0,40}?\b(?:outages?|downtime|incidents?|bugs?|crash\w*|errors?)\b|\b(?:outages?|downtime|incidents?|bugs?|crash\w*|errors?)\b[^.!?]{0,40}?\b(?:new|a)\s+personal\s+best\b|\bnice\s+of\s+[@#]?\w+\s+to\s+(?:break|delete|wipe|remove|raise|double|kill|drop|lose|charge|reset|deprecate)\w*", RegexOptions.IgnoreCase)]
    private static partial Regex MockCongrats();

    // Only where a clause starts: "That said, …", "… Even so, …" (not "the review that said otherwise", "didn't even so much as reply").
    [GeneratedRegex(@"(?<=(?:^|[.!?;:—])\s*)(?:that\s+said|having\s+said\s+that|all\s+that\s+said|even\s+so|on\s+the\s+other\s+hand)\b(?=\s*,)", RegexOptions.IgnoreCase)]
    private static partial Regex ContrastPhrase();

    [GeneratedRegex(@"(?<![\d.])\b(?<n>[0-5])\s*/\s*5\s+(?=stars?\b)stars?", RegexOptions.IgnoreCase)]
    private static partial Regex OutOfFive();

    [GeneratedRegex(@"\b(?<how>how\s+(?:[\w'’]+\s+){0,5}?)works\b", RegexOptions.IgnoreCase)]
    private static partial Regex HowItWorks();

    private const string DurationNumber = @"\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|a\s+few|several|half\s+an?";

    private const string DurationUnit = @"milliseconds?|msecs?|ms|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|s(?=\s)";

    // "from 3 hours to 12 minutes", "builds: 11 min in January, 4 min now", "before Acme: 840ms. After: 95ms", "turned a two-day job
    // into twenty minutes": durations of work, where less is better.
    [GeneratedRegex($@"\bfrom\s+(?:about\s+|over\s+|~)?(?<a>{DurationNumber})(?:[\s-]|(?<=\d))(?<ua>{DurationUnit})(?:\s+(?:p\d\d|avg|average|median))?\s+(?:down\s+|up\s+)?to\s+(?:just\s+|only\s+|under\s+|about\s+|over\s+|~)?(?<b>{DurationNumber})(?:(?:[\s-]|(?<=\d))(?<ub>{DurationUnit})\b|(?=\s*(?:[.,;!?)]|$)))|\b(?:builds?|build\s+times?|deploys?|deployments?|loads?|load\s+times?|responses?|response\s+times?|latency|p[0-9][0-9]|cold\s+starts?|startup|boot|quer(?:y|ies)|pipelines?|ci|tests?|syncs?|exports?)\b[^.?!0-9]{{0,25}}?(?<![\w.])(?<a>[0-9]+(?:\.[0-9]+)?)\s*(?<ua>{DurationUnit})\s+(?:in|back\s+in|last)\s+[\w ]{{3,20}}?,\s*(?<b>[0-9]+(?:\.[0-9]+)?)\s*(?<ub>{DurationUnit})?\s+(?:now|today|these\s+days)\b|\bbefore\s+(?:[@#]?[\w.-]+\s+){{0,2}}[@#]?[\w.-]+\W{{1,3}}(?<a>[0-9]+(?:\.[0-9]+)?)\s*(?<ua>{DurationUnit})\W{{1,3}}after\W{{1,3}}(?<b>[0-9]+(?:\.[0-9]+)?)\s*(?<ub>{DurationUnit})?|\b(?:turn(?:ed|s|ing)?|took|takes|cut|made|brought)\s+(?:a|an|our|the|my|their)\s+(?<a>{DurationNumber})[\s-](?<ua>{DurationUnit})\s+(?:\w+\s+){{0,2}}?(?:into|to|down\s+to)\s+(?:just\s+|only\s+|under\s+|about\s+)?(?:a\s+)?(?<b>{DurationNumber})[\s-](?<ub>{DurationUnit})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Durations();

    // Sign-offs that are never meant: "Bold strategy.", "Love that for me.", "a highlight of my day", "Acme really said…".
    [GeneratedRegex(@"\blove\s+that\s+for\s+(?:me|us)\b|\bbold\s+(?:strategy|move|choice)\b|\bhighlight\s+of\s+my\s+(?:day|week|month)\b|\bkeeps?\s+(?:me|us)\s+on\s+(?:my|our)\s+toes\b|\breally\s+said\b|\bteach(?:ing|es)?\s+(?:me|us)\s+patience\b|\bI'?m\s+sure\s+(?:this|that|it)\s+will\s+(?:end|go|turn\s+out)\s+(?:well|great|fine)\b|\bpeak\s+engineering\b|\bkeeps?\s+things\s+(?:exciting|interesting|spicy|fun)\b|\bmuch\s+wow\b", RegexOptions.IgnoreCase)]
    private static partial Regex SignOff();

    // A short lower-case quotation (a claim, not a product name): "simplified", 'quick start', "blazing fast".
    [GeneratedRegex(@"(?<![\w])[""“‘'](?<q>[a-z][^""”’'\n]{0,30}?)[""”’'](?![\w])")]
    private static partial Regex ScareQuotes();

    [GeneratedRegex(@"\bkill(?:ing|ed|s)?(?=\s+(?:the\s+|a\s+|an\s+|that\s+|this\s+|my\s+|our\s+|its\s+|all\s+|\d+\s+|two\s+|three\s+)?(?:[\w-]+\s+){0,2}?(?:process(?:es)?|pods?|jobs?|tasks?|containers?|workers?|threads?|sessions?|quer(?:y|ies)|connections?|instances?|servers?|agents?)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex KillAProcess();

    [GeneratedRegex(@"\b(?:pages|alerts|incidents|tickets|outages|errors|bugs|complaints|escalations|crashes|failures)\b[^.?!]{0,30}?\bfrom\s+~?(?<a>[0-9]+(?:\.[0-9]+)?)\b[^.?!]{0,15}?\bto\s+~?(?<b>[0-9]+(?:\.[0-9]+)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TroubleCounts();

    // A bill that moved: "our bill went from $4,200 to $1,900", "bill: $1.2k in January. $4,900 in February."
    // (thousands with commas only, so "€4,5" is not read as 45; "k" is thousands).
    [GeneratedRegex(@"\b(?:bills?|invoices?|spend)\b[^.?!]{0,20}?\b(?:went|rose|jumped|climbed|grew|increased|dropped|fell|came\s+down|decreased|shrank)\s+from\s+[$€£](?<a>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?)(?<ak>k)?\s+to\s+[$€£](?<b>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?)(?<bk>k)?\b|\b(?:bills?|invoices?|spend)\b\W{1,3}[$€£](?<a>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?)(?<ak>k)?\s+in\s+(?<am>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[.,;]\s+[$€£](?<b>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?)(?<bk>k)?\s+in\s+(?<bm>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*", RegexOptions.IgnoreCase)]
    private static partial Regex Bills();

    [GeneratedRegex(@"\bagain\b", RegexOptions.IgnoreCase)]
    private static partial Regex Again();

    [GeneratedRegex(@"\bsaid\s+no\s*(?:one|body)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SaidNoOne();

    // Bad news in words the lexicon does not score ("another", "logged out", "having to").
    [GeneratedRegex(@"\b(?:another|having\s+to|logged\s+(?:me\s+)?out|logs?\s+(?:me\s+)?out|deleted|deleting|wiped|down\s+again|yet\s+again|without\s+(?:reading|notice|warning|asking|telling|replying|responding|a\s+reply|an\s+answer|a\s+changelog|any\s+changelog|a\s+heads[-\s]?up|explanation)|does(?:n'?t|n’t|\s+not)\s+exist|every\s+single\s+time|for\s+the\s+(?:third|fourth|fifth|sixth|tenth|\d+(?:st|nd|rd|th)|nth|hundredth|millionth)\s+time|removed\s+the\s+(?:only|one)|non-?issues?|(?:bills?|charg(?:es|ed|ing))\s+(?:me|us)\s+for|500|404|502|503)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BadNews();
}
