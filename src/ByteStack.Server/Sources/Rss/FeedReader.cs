using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace ByteStack.Server.Sources.Rss;

/// <summary>One feed item; <see cref="Language"/> is the item's or the feed's declared language, if any.</summary>
public sealed record FeedItem(string Id, string Title, string Text, string Link, string Author, DateTimeOffset? Published, string? Language = null);

/// <summary>
/// Reads RSS 2.0 and Atom 1.0 with LINQ to XML. Feed dates are famously irregular
/// ("Sun, 26 Oct 2025 09:15:00 GMT", "7 Jun 2023 10:00 CET", "2025-10-26T10:30:00+01:00"),
/// so dates are parsed leniently; an item whose date cannot be read has none rather than a guess.
/// </summary>
public static partial class FeedReader
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    // Atom inherits xml:lang from enclosing elements (RFC 4287 §2); RSS 2.0 declares the channel's
    // <language> (https://www.rssboard.org/rss-specification#optionalChannelElements).
    private static string? XmlLang(XElement e) =>
        e.AncestorsAndSelf().Select(a => (string?)a.Attribute(XNamespace.Xml + "lang")).FirstOrDefault(l => !string.IsNullOrWhiteSpace(l));

    public static IReadOnlyList<FeedItem> Read(string xml)
    {
        var document = XDocument.Parse(xml, LoadOptions.None);
        var root = document.Root ?? throw new XmlException("The feed has no root element.");
        if (root.Name == Atom + "feed")
        {
            var feedAuthor = root.Element(Atom + "author")?.Element(Atom + "name")?.Value ?? root.Element(Atom + "title")?.Value ?? "";
            return root.Elements(Atom + "entry").Select(e => new FeedItem(
                e.Element(Atom + "id")?.Value ?? e.Element(Atom + "link")?.Attribute("href")?.Value ?? "",
                Html.ToText(e.Element(Atom + "title")?.Value),
                Html.ToText(e.Element(Atom + "summary")?.Value ?? e.Element(Atom + "content")?.Value),
                (e.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate") ?? e.Element(Atom + "link"))?.Attribute("href")?.Value ?? "",
                e.Element(Atom + "author")?.Element(Atom + "name")?.Value ?? feedAuthor,
                ParseDate(e.Element(Atom + "published")?.Value ?? e.Element(Atom + "updated")?.Value), XmlLang(e))).ToList();
        }

        var channel = root.Element("channel") ?? throw new XmlException($"Not an RSS or Atom feed (root element <{root.Name.LocalName}>).");
        var channelTitle = channel.Element("title")?.Value ?? "";
        var channelLanguage = channel.Element("language")?.Value.Trim() is { Length: > 0 } l ? l : null;
        return channel.Elements("item").Select(i => new FeedItem(
            i.Element("guid")?.Value ?? i.Element("link")?.Value ?? i.Element("title")?.Value ?? "",
            Html.ToText(i.Element("title")?.Value),
            Html.ToText(i.Element("description")?.Value),
            i.Element("link")?.Value ?? "",
            i.Element(Dc + "creator")?.Value ?? i.Element("source")?.Value ?? i.Element("author")?.Value ?? channelTitle,
            ParseDate(i.Element("pubDate")?.Value ?? i.Element(Dc + "date")?.Value), channelLanguage)).ToList();
    }

    private static readonly Dictionary<string, string> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = "+00:00", ["UTC"] = "+00:00", ["GMT"] = "+00:00", ["Z"] = "+00:00",
        ["EST"] = "-05:00", ["EDT"] = "-04:00", ["CST"] = "-06:00", ["CDT"] = "-05:00",
        ["MST"] = "-07:00", ["MDT"] = "-06:00", ["PST"] = "-08:00", ["PDT"] = "-07:00",
        ["CET"] = "+01:00", ["CEST"] = "+02:00", ["BST"] = "+01:00", ["IST"] = "+05:30", ["JST"] = "+09:00",
    };

    private static readonly string[] Formats =
    [
        "d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm zzz", "d MMM yy HH:mm:ss zzz", "d MMM yy HH:mm zzz",
        "d MMM yyyy HH:mm:ss", "d MMM yyyy", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ssZ", "yyyy-MM-dd",
    ];

    /// <summary>RFC 822 (with named zones and without the weekday), RFC 3339/ISO 8601, or plain dates; null if unreadable.</summary>
    public static DateTimeOffset? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var value = Weekday().Replace(text.Trim(), "");
        value = Zone().Replace(value, m => Zones.TryGetValue(m.Groups[1].Value, out var offset) ? " " + offset : m.Value);
        value = Offset().Replace(value, "$1:$2");
        if (DateTimeOffset.TryParseExact(value, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var exact))
            return exact.ToUniversalTime();
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var loose)
            ? loose.ToUniversalTime()
            : null;
    }

    [GeneratedRegex(@"^[A-Za-z]{3,9},\s*")]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\s([A-Za-z]{1,4})$")]
    private static partial Regex Zone();

    // "+0100" → "+01:00", which the zzz format expects.
    [GeneratedRegex(@"([+-]\d{2})(\d{2})$")]
    private static partial Regex Offset();
}
