using System.Text.RegularExpressions;

namespace ByteStack.Server.Analysis;

/// <summary>
/// The words, phrases, emoji and emoticons <see cref="SentimentScorer"/> knows, with valences
/// from -3 to +3, written for ByteStack (no third-party lexicon is copied here). Words are
/// lower case without apostrophes ("can't" is "cant"). Phrases are read before words, so a
/// phrase with valence 0 makes its words neutral ("crash reporting", "bug bounty").
/// </summary>
public static class SentimentLexicon
{
    public enum PhraseKind { Scored, Booster, Negation, Filler }

    /// <summary>
    /// What a <see cref="Cues"/> pattern does: add its valence, or also take back the post's praise
    /// ("looks great on paper") or its complaint ("expected problems, got none") first, or both
    /// (a comparison that leans nowhere: "faster, but pricier; depends what you need").
    /// </summary>
    public enum CueKind { Add, TakeBackPraise, TakeBackComplaint, Balanced }

    private const string N = @"(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a\s+few|a\s+couple(?:\s+of)?|several|half\s+an?)";

    private const string Unit = @"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)";

    private static Regex Cue(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>
    /// Whole-post patterns for what words alone miss: complaints with no negative word (waiting,
    /// leaving, refunds, rhetorical questions), praise by numbers and relief, and praise that is
    /// not meant (past, "on paper", backhanded). Each has its table of cases in SentimentScorerTests.
    /// </summary>
    /// <summary>Switching back or away ("went back to", "migrated off"): a complaint, unless the move is to the query's own subject.</summary>
    public static readonly Regex Leaving = Cue(@"\b(?:moving|moved|going|went|switching|switched|migrating|migrated|heading|gone)\s+back\s+to\b|\bback\s+to\s+using\b|\bswitch(?:ed|ing)?\s+away\s+from\b|\b(?:moving|moved|migrating|migrated)\s+(?:off|away\s+from)\b");

    public const double LeavingValence = -2.2;

    /// <summary>Cancelling a subscription or contract: a complaint, unless the post moves to the query's own subject ("cancelled our Globex contract, everything's on Acme now").</summary>
    public static readonly Regex Cancelling = Cue(@"\b(?:cancel(?:l?ed|l?ing)|end(?:ed|ing))\s+(?:my|our|the)\s+(?:\w+\s+)?(?:subscription|account|plan|contract|membership|licen[cs]e|seats?)\b|\bdeleted\s+(?:my|our)\s+account\b|\brage[-\s]?quit");

    public const double CancellingValence = -1.4;

    public static readonly IReadOnlyList<(Regex Pattern, double Valence, CueKind Kind)> Cues =
    [
        // waiting: "two hours on hold", "3 days and no reply", "been waiting since March"
        (Cue($@"\b{N}\s+(?:more\s+|whole\s+|full\s+)?{Unit}\s+(?:on\s+hold|waiting|in\s+(?:the\s+)?queue|and\s+(?:still\s+)?(?:no|nothing|not\s+a|counting)|without\s+(?:a\s+|any\s+)?(?:reply|answer|response|word|fix|update))\b"), -2.0, CueKind.Add),
        (Cue(@"\bbeen\s+waiting\b|\bwaiting\s+(?:for|on)\b[^.?!]{0,40}\bsince\b"), -1.6, CueKind.Add),
        // slowness in numbers: "takes a full minute to open" (but "only takes a minute to set up" is praise)
        (Cue($@"(?<!\b(?:only|just)\s)\b(?:takes?|took|taking)\s+(?:a\s+full|over\s+an?|more\s+than\s+an?|almost\s+an?|nearly\s+an?|{N})\s+(?:full\s+)?(?:minutes?|mins?|hours?|days?|weeks?)\s+(?:just\s+)?to\s+(?:open|load|start|boot|sync|launch|respond|reply|answer|render|export|finish|refresh|log\s+in|save|search)\b"), -2.0, CueKind.Add),
        // leaving: cancelling, switching back or away, asking for the money back
        (Cancelling, CancellingValence, CueKind.Add),
        (Leaving, LeavingValence, CueKind.Add),
        (Cue(@"\b(?:asked|asking|ask|request(?:ed|ing)?|demand(?:ed|ing)?|want(?:ed)?|need(?:ed)?|waiting\s+(?:for|on)|still\s+no)\s+(?:for\s+)?(?:a\s+|my\s+|our\s+|the\s+)?(?:full\s+)?refund\b"), -1.6, CueKind.Add),
        (Cue(@"\b(?:no\s*one|nobody)\s+(?:asked|wanted|needed|requested)\b"), -2.4, CueKind.Add),
        (Cue(@"\b(?:would(?:\s+not|n'?t|n’t)|will\s+never|won'?t|won’t|never)\s+(?:touch|use|using|buy|buying|recommend|go\s+near|renew(?:ing)?|pay(?:ing)?\s+for|trust(?:ing)?)\b[^.?!]{0,30}\bagain\b|\b(?:would(?:\s+not|n'?t|n’t)|won'?t|won’t)\s+touch\b|\bstay\s+away\b|\bsteer\s+clear\b|\bnever\s+again\b"), -2.6, CueKind.Add),
        // rhetorical questions: "why does it log me out every time?", "is it too much to ask…"
        (Cue(@"\bwhy\s+(?:does|do|is|are|did|would|can'?t|won'?t|doesn'?t|isn'?t|must|has|have)\b[^?.!]{0,60}\b(?:every\s+(?:single\s+)?time|always|keeps?|constantly|still|never|again|so\s+hard)\b"), -2.2, CueKind.Add),
        (Cue(@"\bis\s+it\s+(?:really\s+)?(?:too\s+much|that\s+hard|so\s+hard|asking\s+too\s+much)\s+to\b"), -2.4, CueKind.Add),
        (Cue(@"\bwho\s+(?:thought|decided|approved|signed\s+off\s+on|designed)\b[^?.!]{0,60}\b(?:good|great|smart|fine|clever)\s+idea\b"), -1.8, CueKind.TakeBackPraise),
        // praise that is not meant: past ("was great before the redesign"), "on paper", backhanded, "remember when…"
        (Cue(@"\bremember\s+when\b[^?.!]*\b(?:actually|used\s+to|worked|cared|answered|good|great|fast|reliable)\b"), -2.0, CueKind.TakeBackPraise),
        (Cue(@"\b(?:was|were)\b(?:(?!\bbut\b)[^.?!,;]){0,30}?\b(?:before|until|back\s+(?:in|when|then)|in\s+the\s+old\s+days|years\s+ago|in\s+(?:19|20)\d\d)\b"), -1.2, CueKind.TakeBackPraise),
        (Cue(@"\bon\s+paper\b"), -1.2, CueKind.TakeBackPraise),
        (Cue(@"\b(?:good|great|excellent|amazing|fast|quick)\s+at\s+[^,.;]+[,;]\s*(?:but\s+)?not\s+(?:at\s+|so\s+much\s+)?"), -1.5, CueKind.TakeBackPraise),
        (Cue(@"\bpromised\b[^?!]{0,60}?(?:\b(?:it'?s|it’s|it\s+is)\s+(?:now\s+)?(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\b(?:still|we\s+got|instead|never|yet\s+to)\b)"), -2.0, CueKind.TakeBackPraise),
        (Cue($@"\bonly\s+(?:took|takes|taking)\s+(?:them\s+|him\s+|her\s+|us\s+|me\s+)?{N}\s+(?:days?|weeks?|months?|years?)\b|\b(?:replied|responded|answered|shipped|fixed|arrived)\s+in\s+only\s+{N}\s+(?:days?|weeks?|months?|years?)\b"), -2.0, CueKind.TakeBackPraise),
        (Cue(@"[""“]\s*(?:[\w-]+\s+){0,2}(?:improvements?|upgrades?|features?|fix(?:es)?|updates?|enhancements?|support|innovation|help|security)\s*[""”]"), -2.0, CueKind.TakeBackPraise),
        (Cue(@"^\W*(?:sure|yeah|right)\b[^.?!]{0,60}\b(?:totally|perfectly|completely)\s+(?:fine|normal|ok(?:ay)?|acceptable|reasonable)\b"), -2.0, CueKind.TakeBackPraise),
        // paying and not getting: "paid for premium and still get ads", "charged me twice"
        (Cue(@"\bpaid\s+(?:for\b[^.?!]{0,40}?|\w+\s+)(?:and\s+)?still\b"), -2.2, CueKind.Add),
        (Cue(@"\b(?:charged|billed)\s+(?:us|me|my\s+\w+|our\s+\w+)\s+(?:twice|double|two\s+times|again|for\s+(?:nothing|something))\b|\bdouble[-\s]?(?:charged|billed)\b"), -2.2, CueKind.Add),
        (Cue(@"\bcould(?:\s+have|'ve|’ve)\s+(?:gone|been\s+handled|done)\s+better\b"), -1.5, CueKind.TakeBackPraise),
        // praise by numbers and relief: "cut our bill in half", "only took ten minutes", "finally shipped"
        (Cue(@"\b(?:cut|cuts|cutting|slashed|halved|reduced|lowered|dropped|trimmed)\s+(?:our|my|the|their)?\s*(?:\w+\s+){0,2}(?:bills?|costs?|spend(?:ing)?|invoices?|expenses?|time|times|latency|effort)\b[^.?!]{0,20}?\b(?:in\s+half|by\s+(?:half|\d+\s*%|\w+\s+percent|\d+x))|\bhalved\s+(?:our|my|the)\b"), 2.4, CueKind.Add),
        (Cue($@"\bsav(?:ed|es|ing)\s+(?:us|me|them|our\s+\w+|the\s+team|everyone|my\s+\w+)?\s*(?:{N}|hours|days|weeks|so\s+much|a\s+ton|tons)\s+(?:{Unit}|dollars|bucks|euros|%|percent|of\s+(?:time|work|money))"), 1.2, CueKind.Add),
        (Cue($@"\b(?:only|just)\s+(?:took|takes|needed|required)\s+(?:me\s+|us\s+)?(?:about\s+)?{N}\s+(?:seconds?|secs?|minutes?|mins?|hours?)\b|\btook\s+(?:only|just|less\s+than|under)\s+(?:{N}\s+)?(?:seconds?|minutes?|mins?|hours?)\b"), 2.0, CueKind.Add),
        (Cue($@"\b(?:fixed|solved|resolved|answered|replied|responded|shipped|deployed|live|running)\s+(?:it\s+)?in\s+(?:under\s+|less\s+than\s+|just\s+|only\s+)?{N}\s+(?:seconds?|minutes?|mins?)\b"), 1.2, CueKind.Add),
        (Cue(@"\bfinally\s+(?:\w+\s+)?(?:shipped|added|fixed|released|launched|landed|supports?|works|here|delivered|arrived|implemented|rolled\s+out|listened)\b"), 1.8, CueKind.Add),
        (Cue(@"\b(?:didn'?t|didn’t|did\s+not|wish\s+(?:I|we)\s+(?:had|would\s+have)|should\s+have)\b[^.?!]{0,40}\b(?:sooner|earlier|years\s+ago)\b|\bwhy\s+didn'?t\s+(?:anyone|anybody|someone|you|I|we)\b[^.?!]{0,40}\b(?:sooner|earlier|before)\b"), 2.6, CueKind.Add),
        (Cue(@"\b(?:nobody|no\s*one|none\s+of\s+us)\s+(?:wants|wanted)\s+to\s+go\s+back\b"), 2.4, CueKind.Add),
        (Cue(@"\b(?:never|haven'?t|hasn'?t|not\s+once)\s+(?:once\s+)?(?:needed|had|have\s+had|needing)\s+to\s+(?:call|contact|email|ping|open\s+a\s+ticket|talk\s+to|reach\s+out|file\s+a\s+ticket)\b|\b(?:haven'?t|hasn'?t|have\s+not|never)\s+(?:opened|filed|raised|logged)\s+(?:a\s+)?(?:single\s+)?(?:support\s+)?(?:ticket|case)\b"), 2.2, CueKind.Add),
        (Cue(@"\b(?:only|first)\s+(?:\w+\s+){0,3}?(?:that|which|whose|I|we|our|my|they)\b[^.?!]{0,50}\bactually\b"), 2.0, CueKind.Add),
        (Cue(@"(?:\bwould|'d|’d|\bwill)\s+(?:pick|choose|buy|use|do|sign)\s+(?:it|them|\w+)?\s*(?:again|all\s+over\s+again)\b"), 2.0, CueKind.Add),
        (Cue(@"\b(?:got|had|saw|found|hit|ran\s+into|there\s+were)\s+(?:none|zero|nothing)\b"), 1.2, CueKind.TakeBackComplaint),
        // third round (tuned on part A of the independent set)
        // waiting measured out: "waiting on support for 4 days", "ticket opened 19 days ago. Still pending"
        (Cue($@"\bwaiting\s+(?:on|for)\b[^.?!]{{0,40}}?\bfor\s+(?:over\s+|almost\s+|nearly\s+)?{N}\s+{Unit}\b"), -2.0, CueKind.Add),
        (Cue($@"\b{N}\s+{Unit}\s+ago\b[^?!]{{0,20}}?\bstill\W{{1,3}}(?:open|pending|waiting|no|not|nothing|broken|unanswered|unresolved|unread)\b"), -2.0, CueKind.Add),
        // "remember when it loaded in under a second?": a question about better days
        (Cue(@"(?:^|[.!?]\s+)remember\s+when\b[^.?!]{0,100}\?"), -2.0, CueKind.TakeBackPraise),
        // "there's no better client than…": the negated comparative is praise
        (Cue(@"\bthere(?:'s|’s|\s+is|\s+are)\s+(?:simply\s+|just\s+)?no\s+(?:better|faster|easier|simpler|nicer|cheaper)\b"), 2.4, CueKind.TakeBackComplaint),
        // "never had this problem before": the problem is new
        (Cue(@"\bnever\s+(?:had|seen|saw)\s+(?:this|that|these|those)\s+(?:\w+\s+)?(?:problems?|issues?|bugs?|errors?)\s+(?:before|until)\b"), -1.8, CueKind.TakeBackPraise),
        // "can't imagine going back", "couldn't imagine working without it"
        (Cue(@"\b(?:can'?t|can’t|cannot|couldn'?t|couldn’t)\s+imagine\s+(?:going\s+back|(?:working|living|life|shipping|doing\s+\w+)\s+without)\b"), 2.6, CueKind.TakeBackComplaint),
        // prices that grow: "doubled the price", "prices went up 40%"
        (Cue(@"\b(?:doubled|tripled|raised|hiked|jacked\s+up|bumped)\s+(?:the\s+|their\s+|our\s+|my\s+|its\s+)?(?:price|prices|pricing|bill|fees?|costs?|rates?)\b|\bprices?\s+(?:just\s+)?(?:doubled|tripled|went\s+up|jumped)\b"), -2.2, CueKind.Add),
        // fewer bad things in numbers: "support queue dropped 60%", "tickets fell by half"
        (Cue(@"\b(?:tickets?|queue|churn|errors?|incidents?|pages|alerts|complaints|bugs|escalations|outages|crashes|bills?|costs?|spend|invoices?)\s+(?:\w+\s+)?(?:dropped|fell|went\s+down|decreased|shrank|(?:is|are)\s+down)\s+(?:by\s+)?(?:\d+\s*%|\w+\s+percent|(?:in\s+)?half)"), 2.2, CueKind.Add),
        // loyalty without a praise word: "renewed without even looking at alternatives"
        (Cue(@"\bwithout\s+(?:even\s+)?(?:looking\s+at\s+(?:alternatives|anything\s+else|other\s+options)|a\s+second\s+thought|hesitation|hesitating)\b"), 2.0, CueKind.Add),
        // "feels like 2009", "giving 2005 energy": dated
        (Cue(@"\b(?:giving|feels?\s+like|looks?\s+like|stuck\s+in)\s+(?:it'?s\s+from\s+)?(?:19[89]\d|200\d|201[0-4])\b"), -1.8, CueKind.Add),
        // fourth round (parts A and B)
        (Cue(@"\bnever\s+(?:had\s+to\s+)?wait(?:ed)?\s+(?:more|longer)\s+than\b"), 2.0, CueKind.Add),
        (Cue(@"\bif\s+you(?:'re|’re|\s+are)\s+(?:a\s+)?(?:bank|millionaire|billionaire|fortune\s+500|rich|made\s+of\s+money|oil\s+company)\b|\bon\s+(?:a\s+different|another)\s+planet\b|\bin\s+geological\s+time\b|\bparallel\s+universe\b"), -2.0, CueKind.TakeBackPraise),
        (Cue(@"\b(?:amazing|great|excellent|brilliant|fantastic|really\s+good)\s+at\s+(?:saying|telling|losing|breaking|crashing|ignoring|charging|deleting|hiding|inventing|making\s+up)\b"), -2.0, CueKind.TakeBackPraise),
        (Cue($@"\bspent\s+(?:over\s+|almost\s+|nearly\s+)?{N}\s+{Unit}\s+(?:on\s+(?:the\s+)?(?:phone|chat|hold|a\s+call|support)|trying|fighting|debugging|waiting|going\s+back\s+and\s+forth)\b"), -2.0, CueKind.Add),
        (Cue(@"\bin\s+(?:one|a\s+single|one\s+single)\s+(?:afternoon|morning|evening|sitting)\b"), 1.6, CueKind.Add),
        (Cue(@"\bwho\s+(?:at\s+\w+\s+)?(?:signed\s+off\s+on|approved|thought|decided|designed|tested|reviewed|shipped)\s+(?:this|that|these|those)\b[^.?!]{0,60}\?"), -2.0, CueKind.Add),
        (Cue(@"\bis\s+(?:anyone|anybody|someone)\s+(?:at\s+\w+\s+)?(?:actually|even|ever)\s+(?:test|read|listen|check|review|answer|look)\w*\b[^.?!]{0,60}\?"), -2.0, CueKind.Add),
        (Cue(@"(?:^|[.!?]\s+)(?:it|this|that)(?:'s|’s|\s+is|\s+was)\s+supposed\s+to\s+(?:be|work|do|have|sync|load|update|include|show|send|save|handle|support)\b"), -1.8, CueKind.Add),
        (Cue(@"\b(?:speak|talk)\s+to\s+(?:a|an|any|one|literally\s+any|an\s+actual|a\s+real)\s+(?:human|person|real\s+person|actual\s+person)\b"), -2.0, CueKind.Add),
        // a comparison that leans nowhere: "depends what you need", "it's a wash"
        (Cue(@"\b(?:it\s+)?(?:really\s+)?depends\s+(?:on\s+)?what\s+you\b|\bit\s+(?:all\s+|really\s+)?depends\b|\b(?:it'?s|it’s|its)\s+a\s+wash\b|\bsix\s+of\s+one\b|\bswings\s+and\s+roundabouts\b|\b(?:don'?t|don’t|do\s+not)\s+have\s+an\s+opinion(?:\s+yet)?\s*[.!]*\s*$|\bnot\s+sure\s+how\s+I\s+feel\b|\bstill\s+deciding\b|\bsome\s+(?:\w+\s+){0,4}love\s+(?:it|\w+),\s+some\s+(?:\w+\s+)?hate\b|\bhalf\s+(?:\w+\s+){0,3}loves?\s+[^.?!]{0,40}\bhalf\b"), 0, CueKind.Balanced),
        // fifth round (independent parts C, D and E), narrowed after a review found ordinary posts they misread
        // a loyal sign-off decides: "Rough month, but their postmortem was honest. Staying."
        (Cue(@"(?:^|[.!;]\s+)(?:(?:we'?re|we’re|i'?m|i’m|and)\s+)?(?:still\s+)?(?:staying|renewing|sticking\s+around)\s*[.!]*\s*$"), 2.2, CueKind.TakeBackComplaint),
        // praise on a condition that mocks it: "great if you never need support", "chef's kiss if your goal is losing customers"
        (Cue(@"\b(?:great|fine|perfect|good|amazing|awesome|excellent|flawless(?:ly)?|wonderful|brilliant|kiss)\s+(?:if|as\s+long\s+as|provided)\s+(?:you\s+(?:never\s+(?:need|have|want)|don'?t\s+need\s+(?:support|help|a\s+human|to\s+(?:talk|speak|contact|reach)|(?:it|them)\s+to\s+(?:work|integrate|scale))|enjoy\s+(?:waiting|guessing|pain|debugging|suffering)|like\s+(?:waiting|guessing|pain)|love\s+(?:waiting|guessing|pain))|your\s+goal\s+is)\b"), -2.0, CueKind.TakeBackPraise),
        // trouble that multiplies: "the error rate has roughly doubled" (its own subject: not "no errors even when load doubled")
        (Cue(@"\b(?:errors?|error\s+rates?|latency|failures|incidents|outages|timeouts|tickets|bills?|invoices?|downtime)\s+(?:(?!while\b|even\b|when\b|though\b|as\b|but\b|and\b)[\w']+\s+){0,3}(?:doubled|tripled|quadrupled|spiked|skyrocketed|ballooned)\b"), -2.2, CueKind.Add),
        // peace of mind: "haven't thought about our infra in months", "nobody even thinks about it" (not "never thought about fees until…")
        (Cue(@"\b(?:haven'?t|haven’t|have\s+not|hasn'?t)\s+(?:had\s+to\s+)?(?:think|thought|worry|worried)\s+about\b(?![^.?!]*\buntil\b)|\b(?:never|don'?t|don’t|no\s+longer)\s+(?:have|had|need|needed)\s+to\s+(?:think|worry)\s+about\b|\b(?:nobody|no\s*one)\s+(?:even\s+)?(?:thinks|worries)\s+about\s+it\b"), 2.0, CueKind.Add),
        // sixth round (parts F to I)
        // paywalling a feature: "moved SSO into the enterprise tier"
        (Cue(@"\b(?:moved?|moving|put|putting|locked|locking|gated|gating)\s+(?:(?!(?:our|my|us|me|we|down|them|him|her)\b)\w+\s+){1,3}?(?:to|into|behind)\s+(?:the\s+|a\s+|an\s+|their\s+)?(?:new\s+)?(?:enterprise|premium|pro|paid|business|higher|top|\$\d+\S*)\s+(?:tier|plan|subscription|edition)\b"), -1.8, CueKind.Add),
        // the bill pushed up: "pushed our bill up 60 percent"
        (Cue(@"\b(?:pushed|drove|sent|bumped)\s+(?:our|the|my|their)\s+(?:\w+\s+)?(?:bill|costs?|spend|invoice)\s+up\b"), -2.2, CueKind.Add),
        // star ratings: "giving it four stars", "2/5 stars" (read as "2 stars"; "five stars" is a phrase)
        (Cue(@"(?<![/\d.,]|\b(?:under|below|above|over)\s)\b(?:4|four)\s+stars?\b(?!\s+if\b)"), 2.0, CueKind.Add),
        (Cue(@"(?<![/\d.,]|\b(?:under|below|above|over)\s)\b(?:0|1|2|zero|one|two)\s+stars?\b(?!\s+if\b)"), -2.0, CueKind.Add),
        // an outage that takes down what we run
        (Cue(@"\btook\s+down\s+(?:our|my|the)\s+(?:whole\s+|entire\s+)?(?:prod|production|site|app|api|integration|service|servers?|cluster|checkout|website|platform)\b"), -2.2, CueKind.Add),
    ];

    /// <summary>
    /// Verbs of a product doing its job: neutral alone ("the page loads"), a complaint when negated
    /// ("never finishes", "nobody has replied", "doesn't sync").
    /// </summary>
    public static readonly HashSet<string> Functions = new(StringComparer.OrdinalIgnoreCase)
    {
        "loads", "loaded", "finishes", "finished", "syncs", "synced", "responds", "responded", "replies", "replied", "answers", "answered",
        "completes", "completed", "arrives", "arrived", "connects", "connected", "sync", "load", "finish", "respond", "reply", "connect",
        // a remedy not delivered: "didn't solve anything", "won't resolve it"
        "solve", "resolve", "compile", "compiles", "run", "runs", "install", "installs", "launch", "launches", "open", "opens", "boot", "boots",
        "lets", "allows", "supports", "offers", "includes", "stop", "stops", "read", "reads", "listen", "listens",
    };

    public static readonly Dictionary<string, double> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        // third round (independent set, part A)
        ["sloppy"] = -2.0, ["half-baked"] = -2.2, ["beta-quality"] = -1.6, ["acceptable"] = 1.0, ["inspiring"] = 2.0, ["polite"] = 1.2,
        // fifth round (parts C to E)
        ["respect"] = 1.6, ["absurd"] = -2.0, ["nothingburger"] = -2.0, ["footgun"] = -1.8, ["glow-up"] = 2.2, ["underwhelmed"] = -2.0, ["overpromised"] = -1.8,
        // fourth round (parts A and B)
        ["clearest"] = 2.2, ["thorough"] = 1.8, ["spammy"] = -1.8, ["impossible"] = -1.4, ["pricey"] = -1.4,
        ["abandonware"] = -2.2, ["neglected"] = -2.0, ["unmaintained"] = -1.8, ["buns"] = -2.0, ["ghosted"] = -2.0,
        // praise
        ["good"] = 1.9, ["great"] = 3.0, ["excellent"] = 3.0, ["amazing"] = 3.0, ["awesome"] = 3.0, ["love"] = 3.0,
        ["loved"] = 2.9, ["loves"] = 2.7, ["loving"] = 2.8, ["like"] = 1.3, ["liked"] = 1.6, ["likes"] = 1.4, ["nice"] = 1.8,
        ["fantastic"] = 3.0, ["wonderful"] = 2.9, ["brilliant"] = 2.8, ["best"] = 3.0, ["better"] = 1.9, ["happy"] = 2.7,
        ["glad"] = 2.0, ["impressed"] = 2.3, ["impressive"] = 2.4, ["recommend"] = 1.9, ["recommended"] = 1.8, ["recommending"] = 1.8,
        ["fast"] = 1.3, ["faster"] = 1.5, ["quick"] = 1.1, ["quicker"] = 1.3, ["easy"] = 1.8, ["easier"] = 1.8, ["simple"] = 1.0,
        ["smooth"] = 1.6, ["smoothly"] = 1.6, ["reliable"] = 2.0, ["stable"] = 1.3, ["rock-solid"] = 2.5,
        ["helpful"] = 2.0, ["useful"] = 1.8, ["fixed"] = 1.2, ["solved"] = 1.6, ["resolved"] = 1.4, ["works"] = 1.1, ["worked"] = 1.1,
        ["thanks"] = 1.9, ["thank"] = 1.6, ["perfect"] = 3.0, ["perfectly"] = 2.7, ["beautiful"] = 2.9, ["clean"] = 1.4, ["elegant"] = 2.1,
        ["enjoy"] = 2.2, ["enjoyed"] = 2.3, ["enjoying"] = 2.3, ["fun"] = 2.3, ["cool"] = 1.5, ["win"] = 2.4, ["wins"] = 2.2, ["winning"] = 2.3,
        ["success"] = 2.5, ["successful"] = 2.6, ["improved"] = 2.0, ["improvement"] = 1.9, ["improvements"] = 1.9, ["solid"] = 1.6, ["wow"] = 2.3,
        ["favorite"] = 2.2, ["favourite"] = 2.2, ["superb"] = 3.0, ["outstanding"] = 3.0, ["pleased"] = 2.4, ["delighted"] = 2.9,
        ["exciting"] = 2.3, ["excited"] = 2.3, ["innovative"] = 2.0, ["powerful"] = 1.7, ["secure"] = 1.4, ["affordable"] = 1.6,
        ["friendly"] = 2.0, ["responsive"] = 1.6, ["seamless"] = 2.1, ["seamlessly"] = 2.1, ["incredible"] = 2.9, ["kudos"] = 2.3, ["praise"] = 2.3,
        ["ok"] = 0.9, ["okay"] = 0.9, ["fine"] = 0.8, ["decent"] = 1.2, ["grateful"] = 2.5, ["congrats"] = 2.4, ["congratulations"] = 2.4,
        ["lifesaver"] = 2.8, ["gem"] = 2.4, ["flawless"] = 3.0, ["flawlessly"] = 3.0, ["intuitive"] = 2.0, ["polished"] = 2.0, ["snappy"] = 1.8,
        ["blazing"] = 1.8, ["love-it"] = 3.0, ["lovely"] = 2.6, ["neat"] = 1.6, ["handy"] = 1.6, ["worth"] = 1.6, ["bargain"] = 1.8,
        ["thrilled"] = 2.8, ["proud"] = 2.2, ["yay"] = 2.2, ["hooray"] = 2.4, ["finally"] = 0.6, ["superior"] = 2.0, ["stellar"] = 2.8,
        ["top-notch"] = 2.8, ["rocks"] = 2.2, ["rock"] = 0.5, ["nailed"] = 2.4, ["smart"] = 1.6, ["clever"] = 1.7, ["genius"] = 2.5,
        ["appreciate"] = 2.0, ["appreciated"] = 2.0, ["wholesome"] = 2.2, ["refreshing"] = 2.0, ["addictive"] = 1.5, ["magic"] = 2.0,
        ["magical"] = 2.3, ["unreal"] = 1.5, ["insane"] = 1.0, ["legendary"] = 2.6, ["chef"] = 0, ["underrated"] = 1.8,
        // slang praise
        ["slaps"] = 2.6, ["slapped"] = 2.4, ["goated"] = 3.0, ["goat"] = 2.5, ["fire"] = 2.2, ["lit"] = 2.0, ["dope"] = 2.2, ["bussin"] = 2.6,
        ["banger"] = 2.6, ["based"] = 1.5, ["elite"] = 2.3, ["clutch"] = 2.0, ["valid"] = 1.2, ["vibes"] = 1.0, ["sick"] = 1.2,
        ["killer"] = 1.8, ["badass"] = 2.4, ["hype"] = 1.6, ["hyped"] = 2.0, ["pog"] = 2.2, ["poggers"] = 2.2, ["epic"] = 2.2,
        ["crushing"] = 0.5, ["immaculate"] = 2.8, ["chefs"] = 0, ["blessed"] = 2.2, ["obsessed"] = 2.0, ["gg"] = 1.5,
        // complaint
        ["bad"] = -2.5, ["terrible"] = -3.0, ["awful"] = -3.0, ["horrible"] = -3.0, ["worst"] = -3.0, ["worse"] = -2.3,
        ["hate"] = -3.0, ["hated"] = -2.9, ["hates"] = -2.7, ["hating"] = -2.7, ["poor"] = -2.1, ["poorly"] = -2.1, ["broken"] = -2.2, ["breaks"] = -1.8, ["broke"] = -1.8,
        ["bug"] = -1.6, ["bugs"] = -1.7, ["buggy"] = -2.2, ["crash"] = -2.2, ["crashes"] = -2.3, ["crashed"] = -2.2, ["crashing"] = -2.3,
        ["slow"] = -1.6, ["slower"] = -1.8, ["sluggish"] = -1.7, ["expensive"] = -1.5, ["overpriced"] = -2.2, ["useless"] = -2.7, ["fail"] = -2.4,
        ["failed"] = -2.3, ["fails"] = -2.2, ["failing"] = -2.3, ["failure"] = -2.6, ["problem"] = -1.5, ["problems"] = -1.7, ["issue"] = -1.1,
        ["issues"] = -1.3, ["annoying"] = -2.1, ["annoyed"] = -2.0, ["frustrating"] = -2.4, ["frustrated"] = -2.3,
        ["disappointed"] = -2.4, ["disappointing"] = -2.4, ["disappointment"] = -2.4, ["angry"] = -2.6, ["sad"] = -2.1, ["scam"] = -3.0, ["fraud"] = -3.0,
        ["outage"] = -2.2, ["outages"] = -2.3, ["down"] = -0.8, ["downtime"] = -2.0, ["confusing"] = -1.8, ["confused"] = -1.4, ["complicated"] = -1.3, ["hard"] = -0.8,
        ["difficult"] = -1.4, ["painful"] = -2.2, ["pain"] = -2.0, ["unusable"] = -2.8, ["unreliable"] = -2.3, ["insecure"] = -2.0,
        ["leak"] = -1.8, ["leaked"] = -2.0, ["breach"] = -2.5, ["lost"] = -1.6, ["lose"] = -1.6, ["losing"] = -1.7, ["wrong"] = -1.9,
        ["ugly"] = -2.3, ["mess"] = -2.0, ["messy"] = -1.8, ["garbage"] = -2.7, ["trash"] = -2.5, ["sucks"] = -2.6, ["suck"] = -2.4, ["sucked"] = -2.4,
        ["complaint"] = -1.8, ["complaints"] = -1.9, ["refund"] = -1.0, ["cancel"] = -1.0, ["cancelled"] = -1.3, ["canceled"] = -1.3, ["avoid"] = -1.6,
        ["regret"] = -2.2, ["ridiculous"] = -2.1, ["disaster"] = -3.0, ["nightmare"] = -2.9, ["worried"] = -1.8, ["concern"] = -1.2,
        ["concerns"] = -1.3, ["rude"] = -2.2, ["spam"] = -2.0, ["lag"] = -1.5, ["laggy"] = -1.9, ["error"] = -1.5, ["errors"] = -1.6,
        ["bricked"] = -2.6, ["borked"] = -2.2, ["janky"] = -2.0, ["bloated"] = -2.0, ["clunky"] = -1.8, ["flaky"] = -1.8, ["scammy"] = -2.6,
        ["ripoff"] = -2.6, ["rip-off"] = -2.6, ["underwhelming"] = -2.0, ["overhyped"] = -2.0, ["meh"] = -1.0, ["downgrade"] = -2.0,
        ["enshittification"] = -2.6, ["nerfed"] = -1.6, ["cringe"] = -2.0, ["yikes"] = -1.6, ["ugh"] = -1.8, ["oof"] = -1.2, ["smh"] = -1.6,
        ["wtf"] = -2.0, ["fml"] = -2.2, ["rip"] = -1.5, ["disgusting"] = -2.8, ["pathetic"] = -2.6, ["shame"] = -1.8, ["shameful"] = -2.4,
        ["unacceptable"] = -2.7, ["incompetent"] = -2.6, ["joke"] = -1.2, ["laughable"] = -2.0, ["stuck"] = -1.4, ["freezes"] = -2.0,
        ["froze"] = -1.8, ["frozen"] = -1.2, ["hangs"] = -1.5, ["glitch"] = -1.6, ["glitchy"] = -2.0, ["glitches"] = -1.7, ["dead"] = -1.2,
        ["dying"] = -1.4, ["died"] = -1.6, ["unresponsive"] = -2.0, ["ignored"] = -1.8, ["ignoring"] = -1.6, ["waste"] = -2.2, ["wasted"] = -2.2,
        ["terrifying"] = -2.0, ["worrying"] = -1.8, ["scary"] = -1.8, ["shady"] = -2.2, ["sketchy"] = -2.0, ["misleading"] = -2.2,
        ["lies"] = -2.2, ["lied"] = -2.4, ["greedy"] = -2.4, ["bait"] = -1.4, ["bs"] = -2.2, ["bullshit"] = -2.8, ["crap"] = -2.4, ["crappy"] = -2.4,
        ["shit"] = -2.4, ["shitty"] = -2.6, ["dumb"] = -2.0, ["stupid"] = -2.2, ["awkward"] = -1.3, ["tedious"] = -1.8, ["boring"] = -1.8,
        ["mid"] = -1.4, ["lame"] = -1.8, ["cope"] = -1.2, ["ratio"] = -1.0, ["flop"] = -2.2, ["flopped"] = -2.2, ["dogshit"] = -2.8,
        ["hostile"] = -2.2, ["predatory"] = -2.6, ["throttled"] = -1.6, ["throttling"] = -1.6, ["outrage"] = -2.2, ["furious"] = -2.8,
        ["sadly"] = -1.6, ["unfortunately"] = -1.6, ["fragile"] = -1.5, ["regression"] = -1.6, ["regressions"] = -1.6, ["worthless"] = -2.7,
        ["inaccurate"] = -1.8, ["incorrect"] = -1.6, ["unstable"] = -2.0, ["insanely"] = 0, ["tired"] = -1.2, ["exhausting"] = -1.8,
        ["hell"] = -2.0, ["abysmal"] = -3.0, ["atrocious"] = -3.0, ["dreadful"] = -2.7, ["miserable"] = -2.6, ["rubbish"] = -2.5,
        ["headache"] = -1.8, ["headaches"] = -1.8, ["bottleneck"] = -1.2, ["fiasco"] = -2.6, ["trainwreck"] = -2.8, ["dumpster"] = -1.5,
        ["10/10"] = 2.6, ["0/10"] = -2.6, ["joy"] = 2.4, ["care"] = 1.0, ["cares"] = 1.2, ["fix"] = 1.0, ["saves"] = 1.8, ["saved"] = 1.8, ["save"] = 1.2, ["helped"] = 1.6, ["help"] = 1.0, ["helps"] = 1.5,
        // second round: everyday praise and complaint words the first lexicon lacked
        ["dependable"] = 2.0, ["pleasant"] = 2.0, ["satisfied"] = 2.2, ["generous"] = 1.8, ["fair"] = 1.2, ["trust"] = 1.2, ["trusted"] = 1.6,
        ["cleanest"] = 2.2, ["fastest"] = 2.2, ["easiest"] = 2.2, ["smoothest"] = 2.2, ["iconic"] = 2.2, ["usable"] = 1.2, ["readable"] = 1.0, ["simpler"] = 1.4, ["quickly"] = 0.8,
        ["dislike"] = -2.0, ["disliked"] = -2.0, ["dislikes"] = -2.0, ["clueless"] = -2.2, ["unfair"] = -2.0, ["chaotic"] = -1.8, ["chaos"] = -1.5,
        ["unintuitive"] = -2.0, ["cumbersome"] = -1.8, ["subpar"] = -2.2, ["lackluster"] = -2.0, ["mediocre"] = -1.8, ["unprofessional"] = -2.4,
        ["nonexistent"] = -2.0, ["loses"] = -1.8, ["hiccup"] = -0.8, ["hiccups"] = -0.8, ["stings"] = -1.0, ["doubts"] = -0.8, ["skeptical"] = -0.8,
        ["hallucinated"] = -2.0, ["hallucinates"] = -2.0, ["hallucinating"] = -2.0, ["deteriorated"] = -2.0, ["worsened"] = -2.0, ["canned"] = -0.8,
        ["thin"] = -0.6, ["drains"] = -1.0, ["overcharged"] = -2.4, ["overcharging"] = -2.4, ["uninstalled"] = -2.0, ["unsubscribed"] = -1.6,
        ["churned"] = -2.0, ["ditched"] = -2.0, ["dumped"] = -1.6,
        // second round: slang both ways
        ["slay"] = 2.4, ["slays"] = 2.4, ["slayed"] = 2.4, ["slaying"] = 2.4, ["vibe"] = 1.4, ["sheesh"] = 1.0, ["bop"] = 1.6, ["rizz"] = 1.4,
        ["sus"] = -1.6, ["whack"] = -2.0, ["wack"] = -2.0, ["fumbled"] = -2.2, ["fumble"] = -2.0, ["fumbling"] = -2.0, ["scuffed"] = -1.8,
        ["jank"] = -1.8, ["bruh"] = -1.2, ["copium"] = -1.4, ["ick"] = -1.8, ["bloatware"] = -2.2, ["washed"] = -1.2,
        ["rough"] = -1.4, ["breaking"] = -1.2, ["break"] = -1.6, ["timeouts"] = -1.6, ["timeout"] = -1.5, ["beats"] = 1.5, ["right"] = 0.6, ["bleh"] = -1.2, ["hmph"] = -1.0, ["unhappy"] = -2.2, ["upset"] = -2.0, ["sorry"] = -0.5, ["kill"] = -1.6, ["killed"] = -1.8, ["killing"] = -1.6,
    };

    /// <summary>Slang that is only slang in capitals ("the GOAT"). "W" and "L" are phrases ("huge W", "took an L"): alone they are letters.</summary>
    public static readonly Dictionary<string, double> CaseSensitive = new(StringComparer.Ordinal)
    {
        ["GOAT"] = 2.6, ["MVP"] = 2.0,
    };

    public static readonly Dictionary<string, double> Emoji = new()
    {
        ["😀"] = 2.0, ["😃"] = 2.0, ["😄"] = 2.2, ["😁"] = 2.0, ["😊"] = 2.0, ["🙂"] = 1.2, ["😍"] = 3.0, ["🥰"] = 3.0, ["😎"] = 1.8,
        ["👍"] = 1.8, ["👏"] = 2.0, ["🙌"] = 2.2, ["🎉"] = 2.4, ["🥳"] = 2.5, ["🚀"] = 1.8, ["🔥"] = 1.8, ["💯"] = 2.0, ["❤"] = 2.8,
        ["💙"] = 2.5, ["💚"] = 2.5, ["💜"] = 2.5, ["🧡"] = 2.5, ["💖"] = 2.7, ["✅"] = 1.0, ["✨"] = 1.2, ["🤩"] = 3.0, ["😻"] = 2.8, ["🐐"] = 2.6,
        ["👌"] = 1.6, ["💪"] = 1.6, ["🙏"] = 1.4, ["😂"] = 0.6, ["🤣"] = 0.6, ["😆"] = 1.4, ["🤗"] = 2.0, ["⭐"] = 1.5, ["🌟"] = 1.8, ["🏆"] = 2.2,
        ["🫶"] = 2.6, ["🤌"] = 1.8, ["😌"] = 1.2, ["🥹"] = 1.6,
        [":)"] = 1.8, [":-)"] = 1.8, ["=)"] = 1.8, [":D"] = 2.3, [":-D"] = 2.3, ["xD"] = 1.5, ["XD"] = 1.5, [";)"] = 1.2, [";-)"] = 1.2,
        [":P"] = 1.0, [":p"] = 1.0, ["<3"] = 2.5,
        ["😞"] = -2.0, ["😢"] = -2.2, ["😭"] = -2.0, ["😡"] = -3.0, ["😠"] = -2.7, ["🤬"] = -3.0, ["👎"] = -2.0, ["💩"] = -2.3,
        ["🙄"] = -1.6, ["😤"] = -1.8, ["😩"] = -2.0, ["😫"] = -2.0, ["😒"] = -1.6, ["🤮"] = -2.8, ["🤢"] = -2.4, ["❌"] = -1.0, ["💔"] = -2.5,
        ["😔"] = -1.8, ["😕"] = -1.3, ["🙁"] = -1.6, ["☹"] = -1.8, ["😖"] = -2.0, ["😣"] = -1.8, ["🤡"] = -2.0, ["🗑"] = -2.0, ["🤦"] = -1.8,
        ["🤦‍♂️"] = -1.8, ["🤦‍♀️"] = -1.8, ["😬"] = -1.2, ["🫠"] = -1.2, ["🥲"] = -0.6, ["💀"] = -0.3, ["😐"] = -0.4, ["😑"] = -0.8, ["🙃"] = -0.4,
        ["📉"] = -1.0, ["😴"] = -1.0, ["😳"] = -1.2, ["😵"] = -1.6, ["⚠"] = -0.6, ["🐌"] = -1.4, ["😱"] = -1.4, ["😰"] = -1.8,
        [":("] = -1.9, [":-("] = -1.9, [":'("] = -2.2, [":/"] = -1.2, [":-/"] = -1.2, [":\\"] = -1.2, [":|"] = -0.6, [">:("] = -2.6,
        ["-_-"] = -1.4, ["</3"] = -2.4,
    };

    /// <summary>Factors added to 1 for the word scored next: 0.3 is "30% stronger", -0.3 "30% weaker".</summary>
    public static readonly Dictionary<string, double> Boosters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["very"] = 0.3, ["really"] = 0.3, ["so"] = 0.25, ["soo"] = 0.3, ["extremely"] = 0.45, ["incredibly"] = 0.4, ["super"] = 0.3,
        ["totally"] = 0.3, ["absolutely"] = 0.4, ["completely"] = 0.35, ["highly"] = 0.3, ["most"] = 0.3, ["too"] = 0.2,
        ["insanely"] = 0.45, ["ridiculously"] = 0.4, ["crazy"] = 0.35, ["hella"] = 0.35, ["freaking"] = 0.35, ["fucking"] = 0.45,
        ["damn"] = 0.3, ["utterly"] = 0.45, ["seriously"] = 0.3, ["truly"] = 0.3, ["genuinely"] = 0.25, ["literally"] = 0.15,
        ["af"] = 0.4, ["mega"] = 0.3, ["wildly"] = 0.35, ["deeply"] = 0.35, ["painfully"] = 0.4, ["stupidly"] = 0.35, ["way"] = 0.2,
        ["even"] = 0.1, ["such"] = 0.2, ["massively"] = 0.4, ["hugely"] = 0.35, ["remarkably"] = 0.3, ["especially"] = 0.2,
        ["slightly"] = -0.3, ["somewhat"] = -0.3, ["kinda"] = -0.3, ["sorta"] = -0.3, ["little"] = -0.25,
        ["marginally"] = -0.35, ["partly"] = -0.3, ["fairly"] = -0.15, ["lowkey"] = -0.2, ["mildly"] = -0.35, ["quite"] = 0.1,
        ["almost"] = -0.3, ["occasionally"] = -0.3, ["sometimes"] = -0.25, ["mostly"] = -0.1,
    };

    public static readonly HashSet<string> Negations = new(StringComparer.OrdinalIgnoreCase)
    {
        "not", "no", "never", "none", "nothing", "neither", "nor", "nobody", "without", "hardly", "rarely", "seldom", "zero",
        "cannot", "cant", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "wont", "wouldnt", "shouldnt",
        "couldnt", "aint", "hasnt", "havent", "hadnt", "nope", "nowhere", "lacks", "lacking", "stopped", "least", "barely",
    };

    /// <summary>Words that turn the trouble after them into good news ("fixed the crash", "solved our outage problem").</summary>
    public static readonly HashSet<string> Remedies = new(StringComparer.OrdinalIgnoreCase)
    {
        "fixed", "solved", "resolved", "patched", "eliminated", "prevents", "prevented", "fixes", "solves", "removed", "avoids", "reduced", "cut",
    };

    /// <summary>Claims a product makes of itself: in scare quotes they are mocked ("simplified", "resolved").</summary>
    public static readonly HashSet<string> Claims = new(StringComparer.OrdinalIgnoreCase)
    {
        "simplified", "resolved", "improved", "improvements", "fixed", "upgraded", "optimized", "streamlined", "modernized", "redesigned", "real-time", "realtime",
        "seamless", "intuitive", "smart", "easy", "quick", "fast", "instant", "unlimited", "premium", "enterprise-grade",
    };

    /// <summary>What follows these words mostly decides the post.</summary>
    public static readonly HashSet<string> Contrasts = new(StringComparer.OrdinalIgnoreCase) { "but", "however", "yet", "though", "although", "nevertheless", "still" };

    public static readonly IReadOnlyList<(string[] Words, double Valence, PhraseKind Kind)> Phrases = Build(
    [
        // domain words, neutral in context
        ("crash reporting", 0, PhraseKind.Scored), ("crash reporter", 0, PhraseKind.Scored), ("crash report", 0, PhraseKind.Scored), ("crash reports", 0, PhraseKind.Scored), ("crash logs", 0, PhraseKind.Scored), ("crash test", 0, PhraseKind.Scored),
        ("bug bounty", 0, PhraseKind.Scored), ("bug bounties", 0, PhraseKind.Scored), ("bug report", 0, PhraseKind.Scored), ("bug reports", 0, PhraseKind.Scored), ("bug tracker", 0, PhraseKind.Scored), ("bug bash", 0, PhraseKind.Scored), ("bug fix", 0.8, PhraseKind.Scored), ("bug fixes", 0.8, PhraseKind.Scored),
        ("kill switch", 0, PhraseKind.Scored), ("kill switches", 0, PhraseKind.Scored), ("hate speech", 0, PhraseKind.Scored), ("error handling", 0, PhraseKind.Scored), ("error message", 0, PhraseKind.Scored), ("error messages", 0, PhraseKind.Scored), ("error rate", 0, PhraseKind.Scored),
        ("error rates", 0, PhraseKind.Scored), ("error budget", 0, PhraseKind.Scored), ("breaking change", 0, PhraseKind.Scored), ("breaking changes", 0, PhraseKind.Scored), ("breaking news", 0, PhraseKind.Scored), ("fire drill", 0, PhraseKind.Scored),
        ("fire alarm", 0, PhraseKind.Scored), ("issue tracker", 0, PhraseKind.Scored), ("dead code", 0, PhraseKind.Scored), ("dead letter", 0, PhraseKind.Scored), ("dead simple", 2.0, PhraseKind.Scored), ("bad request", 0, PhraseKind.Scored),
        ("happy path", 0, PhraseKind.Scored), ("sad path", 0, PhraseKind.Scored), ("happy hour", 0, PhraseKind.Scored), ("stress test", 0, PhraseKind.Scored), ("load test", 0, PhraseKind.Scored), ("smoke test", 0, PhraseKind.Scored), ("pain point", -1.0, PhraseKind.Scored),
        ("pain points", -1.0, PhraseKind.Scored), ("zero downtime", 2.0, PhraseKind.Scored), ("zero-downtime", 2.0, PhraseKind.Scored), ("zero day", 0, PhraseKind.Scored), ("zero-day", 0, PhraseKind.Scored), ("no code", 0, PhraseKind.Scored), ("no-code", 0, PhraseKind.Scored),
        ("low code", 0, PhraseKind.Scored), ("attack surface", 0, PhraseKind.Scored), ("threat model", 0, PhraseKind.Scored), ("problem statement", 0, PhraseKind.Scored), ("outage map", 0, PhraseKind.Scored), ("down arrow", 0, PhraseKind.Scored),
        ("shut down", -1.0, PhraseKind.Scored), ("sunsetting", -1.0, PhraseKind.Scored), ("free trial", 0, PhraseKind.Scored), ("like a", 0, PhraseKind.Scored), ("looks like", 0, PhraseKind.Scored), ("feels like", 0, PhraseKind.Scored), ("sounds like", 0, PhraseKind.Scored),
        ("would like to", 0, PhraseKind.Scored), ("id like to", 0, PhraseKind.Scored), ("id like a", 0, PhraseKind.Scored), ("would like a", 0, PhraseKind.Scored), ("like this", 0, PhraseKind.Scored), ("kinda like", 0, PhraseKind.Scored), ("just like", 0, PhraseKind.Scored), ("more like", 0, PhraseKind.Scored),
        ("hard fork", 0, PhraseKind.Scored), ("hard drive", 0, PhraseKind.Scored), ("hard disk", 0, PhraseKind.Scored), ("hard reset", 0, PhraseKind.Scored), ("hard refresh", 0, PhraseKind.Scored), ("pretty much", 0, PhraseKind.Scored),
        ("status page", 0, PhraseKind.Scored), ("fixed price", 0, PhraseKind.Scored), ("fixed-price", 0, PhraseKind.Scored), ("killer whale", 0, PhraseKind.Scored), ("fire and forget", 0, PhraseKind.Scored), ("cease fire", 0, PhraseKind.Scored),
        ("worst case", 0, PhraseKind.Scored), ("worst-case", 0, PhraseKind.Scored), ("best practice", 0, PhraseKind.Scored), ("best practices", 0, PhraseKind.Scored), ("best effort", 0, PhraseKind.Scored), ("good first issue", 0, PhraseKind.Scored),
        ("trash can", 0, PhraseKind.Scored), ("garbage collection", 0, PhraseKind.Scored), ("garbage collector", 0, PhraseKind.Scored), ("kernel panic", -2.0, PhraseKind.Scored), ("penetration test", 0, PhraseKind.Scored),
        ("rip out", 0, PhraseKind.Scored), ("rip and replace", 0, PhraseKind.Scored), ("sick leave", 0, PhraseKind.Scored), ("sick day", 0, PhraseKind.Scored), ("lost and found", 0, PhraseKind.Scored),
        // praise and scorn that words alone would misread
        ("killed it", 2.6, PhraseKind.Scored), ("killing it", 2.6, PhraseKind.Scored), ("crushing it", 2.6, PhraseKind.Scored), ("crushed it", 2.6, PhraseKind.Scored), ("nailed it", 2.6, PhraseKind.Scored), ("hits different", 2.2, PhraseKind.Scored),
        ("game changer", 2.6, PhraseKind.Scored), ("game-changer", 2.6, PhraseKind.Scored), ("chefs kiss", 2.8, PhraseKind.Scored), ("no brainer", 2.2, PhraseKind.Scored), ("no-brainer", 2.2, PhraseKind.Scored), ("10 10", 2.6, PhraseKind.Scored),
        ("works like a charm", 2.8, PhraseKind.Scored), ("like a charm", 2.6, PhraseKind.Scored), ("rock solid", 2.5, PhraseKind.Scored), ("on fire", 2.0, PhraseKind.Scored), ("dumpster fire", -3.0, PhraseKind.Scored), ("tire fire", -2.8, PhraseKind.Scored),
        ("could be better", -1.5, PhraseKind.Scored), ("could have been better", -1.6, PhraseKind.Scored), ("couldve been better", -1.6, PhraseKind.Scored), ("leaves a lot to be desired", -2.2, PhraseKind.Scored),
        ("not worth it", -2.2, PhraseKind.Scored), ("waste of time", -2.6, PhraseKind.Scored), ("waste of money", -2.6, PhraseKind.Scored), ("sick of", -2.4, PhraseKind.Scored), ("tired of", -2.2, PhraseKind.Scored), ("fed up", -2.4, PhraseKind.Scored),
        ("gave up", -1.8, PhraseKind.Scored), ("give up", -1.6, PhraseKind.Scored), ("giving up", -1.8, PhraseKind.Scored), ("no longer works", -2.2, PhraseKind.Scored), ("stopped working", -2.4, PhraseKind.Scored), ("doesnt work", -2.2, PhraseKind.Scored),
        ("does not work", -2.2, PhraseKind.Scored), ("didnt work", -2.0, PhraseKind.Scored), ("wont load", -2.2, PhraseKind.Scored), ("wont start", -2.2, PhraseKind.Scored), ("not working", -2.2, PhraseKind.Scored), ("down again", -2.4, PhraseKind.Scored),
        ("big l", -2.2, PhraseKind.Scored), ("huge l", -2.2, PhraseKind.Scored), ("massive l", -2.2, PhraseKind.Scored), ("another l", -2.2, PhraseKind.Scored), ("big w", 2.2, PhraseKind.Scored), ("huge w", 2.2, PhraseKind.Scored), ("massive w", 2.2, PhraseKind.Scored),
        ("absolute w", 2.4, PhraseKind.Scored), ("absolute l", -2.4, PhraseKind.Scored),
        ("took an l", -2.2, PhraseKind.Scored), ("takes an l", -2.2, PhraseKind.Scored), ("taking an l", -2.2, PhraseKind.Scored), ("take the l", -2.2, PhraseKind.Scored),
        ("an l", -2.0, PhraseKind.Scored), ("another w", 2.2, PhraseKind.Scored), ("total w", 2.2, PhraseKind.Scored), ("total l", -2.2, PhraseKind.Scored), ("not bad", 1.5, PhraseKind.Scored), ("not too bad", 1.2, PhraseKind.Scored), ("no complaints", 1.8, PhraseKind.Scored), ("no problem", 1.2, PhraseKind.Scored),
        ("no problems", 1.6, PhraseKind.Scored), ("no issues", 1.6, PhraseKind.Scored), ("no worries", 1.0, PhraseKind.Scored), ("no doubt", 0.8, PhraseKind.Scored), ("second to none", 2.8, PhraseKind.Scored), ("cant complain", 1.4, PhraseKind.Scored),
        ("cannot complain", 1.4, PhraseKind.Scored), ("cant wait", 2.0, PhraseKind.Scored), ("cannot wait", 2.0, PhraseKind.Scored), ("cant beat", 2.0, PhraseKind.Scored), ("would recommend", 2.0, PhraseKind.Scored), ("thumbs up", 2.0, PhraseKind.Scored),
        ("thumbs down", -2.0, PhraseKind.Scored), ("five stars", 2.4, PhraseKind.Scored), ("5 stars", 2.4, PhraseKind.Scored), ("one star", -2.2, PhraseKind.Scored), ("1 star", -2.2, PhraseKind.Scored), ("zero stars", -2.6, PhraseKind.Scored), ("0 10", -2.6, PhraseKind.Scored),
        ("worth every penny", 2.8, PhraseKind.Scored), ("money well spent", 2.6, PhraseKind.Scored), ("highly recommend", 2.6, PhraseKind.Scored), ("love it", 3.0, PhraseKind.Scored), ("falls apart", -2.2, PhraseKind.Scored),
        ("falling apart", -2.2, PhraseKind.Scored), ("went down", -1.8, PhraseKind.Scored), ("goes down", -1.6, PhraseKind.Scored), ("is down", -1.8, PhraseKind.Scored), ("are down", -1.8, PhraseKind.Scored), ("back up", 1.0, PhraseKind.Scored),
        ("up and running", 1.5, PhraseKind.Scored), ("the goat", 2.6, PhraseKind.Scored), ("pay to win", -2.0, PhraseKind.Scored), ("cash grab", -2.6, PhraseKind.Scored), ("went downhill", -2.4, PhraseKind.Scored), ("gone downhill", -2.4, PhraseKind.Scored),
        ("not a fan", -1.8, PhraseKind.Scored), ("hit or miss", -1.0, PhraseKind.Scored), ("so so", -0.5, PhraseKind.Scored), ("so-so", -0.5, PhraseKind.Scored), ("not great", -1.8, PhraseKind.Scored), ("not good", -1.9, PhraseKind.Scored),
        ("works fine", 1.4, PhraseKind.Scored), ("works great", 2.6, PhraseKind.Scored), ("works well", 2.2, PhraseKind.Scored), ("just works", 2.2, PhraseKind.Scored), ("it just works", 2.4, PhraseKind.Scored), ("no cap", 0, PhraseKind.Scored),
        // intensifiers of several words
        ("never got back", -1.8, PhraseKind.Scored), ("never heard back", -1.8, PhraseKind.Scored), ("no answer", -1.5, PhraseKind.Scored),
        ("no response", -1.6, PhraseKind.Scored), ("no reply", -1.6, PhraseKind.Scored), ("still no", -1.2, PhraseKind.Scored),
        ("still waiting", -1.5, PhraseKind.Scored), ("hasnt arrived", -1.5, PhraseKind.Scored), ("still hasnt", -1.2, PhraseKind.Scored),
        ("turned it around", 2.0, PhraseKind.Scored), ("price increase", -1.5, PhraseKind.Scored), ("price hike", -1.8, PhraseKind.Scored),
        ("without notice", -1.5, PhraseKind.Scored), ("without warning", -1.5, PhraseKind.Scored), ("find the bug", 0, PhraseKind.Scored),
        ("found the bug", 0, PhraseKind.Scored), ("would be nice", 0, PhraseKind.Scored), ("would be great", 0, PhraseKind.Scored),
        ("would be cool", 0, PhraseKind.Scored), ("wanted to love", -1.8, PhraseKind.Scored), ("wanted to like", -1.6, PhraseKind.Scored),
        ("good until", -1.8, PhraseKind.Scored), ("great until", -1.8, PhraseKind.Scored), ("fine until", -1.5, PhraseKind.Scored),
        ("worked until", -1.5, PhraseKind.Scored), ("on hold", -1.5, PhraseKind.Scored), ("only complaint", 0.8, PhraseKind.Scored),
        ("never been happier", 2.8, PhraseKind.Scored), ("couldnt be happier", 2.8, PhraseKind.Scored), ("could not be happier", 2.8, PhraseKind.Scored),
        ("timed out", -1.6, PhraseKind.Scored), ("right now", 0, PhraseKind.Scored), ("right away", 0.3, PhraseKind.Scored), ("all right", 0.8, PhraseKind.Scored),
        ("a bit", -0.3, PhraseKind.Booster), ("a little", -0.25, PhraseKind.Booster), ("kind of", -0.3, PhraseKind.Booster),
        ("sort of", -0.3, PhraseKind.Booster), ("a lot", 0.3, PhraseKind.Booster), ("by far", 0.4, PhraseKind.Booster),
        ("so much", 0.3, PhraseKind.Booster), ("no joke", 0.3, PhraseKind.Booster), ("not only", 0, PhraseKind.Filler),
        ("nothing but", 0.2, PhraseKind.Booster), ("all but", 0, PhraseKind.Filler), ("not sure", 0, PhraseKind.Filler),
        ("no idea", 0, PhraseKind.Filler), ("no wonder", 0, PhraseKind.Filler), ("not just", 0, PhraseKind.Filler),
        ("but also", 0, PhraseKind.Filler), ("no matter", 0, PhraseKind.Filler), ("no longer", 0, PhraseKind.Negation),
        ("not even", 0, PhraseKind.Negation), ("never once", 0, PhraseKind.Negation), ("not once", 0, PhraseKind.Negation),
        ("no more", 0, PhraseKind.Negation), ("used to be", 0, PhraseKind.Negation), ("used to", 0, PhraseKind.Negation),
        ("nothing like", 0, PhraseKind.Filler), ("nothing says", 0, PhraseKind.Filler), ("nothing beats", 0, PhraseKind.Filler),
        ("couldnt have been more", 0.3, PhraseKind.Booster), ("could not have been more", 0.3, PhraseKind.Booster),
        ("couldnt be more", 0.3, PhraseKind.Booster), ("could not be more", 0.3, PhraseKind.Booster), ("never been so", 0.3, PhraseKind.Booster),
        // second round
        ("like this much", 1.8, PhraseKind.Scored), ("love this much", 2.6, PhraseKind.Scored), ("well designed", 2.2, PhraseKind.Scored), ("well-designed", 2.2, PhraseKind.Scored), ("well documented", 2.0, PhraseKind.Scored),
        ("won me over", 2.4, PhraseKind.Scored), ("pays for itself", 2.4, PhraseKind.Scored), ("paid for itself", 2.4, PhraseKind.Scored),
        ("never looked back", 2.4, PhraseKind.Scored), ("in a heartbeat", 1.4, PhraseKind.Scored), ("falls over", -2.0, PhraseKind.Scored),
        ("fell over", -2.0, PhraseKind.Scored), ("fell off", -2.0, PhraseKind.Scored), ("hot mess", -2.6, PhraseKind.Scored), ("big yikes", -2.2, PhraseKind.Scored),
        ("dont work", -2.2, PhraseKind.Scored), ("do not work", -2.2, PhraseKind.Scored), ("trust issues", -2.0, PhraseKind.Scored),
        ("room for improvement", -1.2, PhraseKind.Scored), ("leaves something to be desired", -2.2, PhraseKind.Scored), ("leaves much to be desired", -2.2, PhraseKind.Scored),
        ("take forever", -2.4, PhraseKind.Scored), ("takes forever", -2.4, PhraseKind.Scored), ("took forever", -2.4, PhraseKind.Scored), ("taking forever", -2.4, PhraseKind.Scored),
        ("goes hard", 2.4, PhraseKind.Scored), ("go hard", 2.2, PhraseKind.Scored), ("went hard", 2.4, PhraseKind.Scored), ("really ate", 2.4, PhraseKind.Scored),
        ("ate with", 2.2, PhraseKind.Scored), ("absolutely ate", 2.4, PhraseKind.Scored), ("no crumbs", 2.0, PhraseKind.Scored), ("a vibe", 1.8, PhraseKind.Scored),
        ("bad vibes", -2.0, PhraseKind.Scored), ("vibe check", 0, PhraseKind.Scored), ("on another level", 2.4, PhraseKind.Scored), ("another level", 2.2, PhraseKind.Scored),
        ("next level", 2.2, PhraseKind.Scored), ("is cooking", 2.2, PhraseKind.Scored), ("are cooking", 2.2, PhraseKind.Scored), ("cooking with", 2.2, PhraseKind.Scored),
        ("been cooking", 2.2, PhraseKind.Scored), ("let them cook", 2.2, PhraseKind.Scored), ("let him cook", 2.2, PhraseKind.Scored), ("is cooked", -2.0, PhraseKind.Scored),
        ("are cooked", -2.0, PhraseKind.Scored), ("so cooked", -2.0, PhraseKind.Scored), ("understood the assignment", 2.6, PhraseKind.Scored),
        ("top tier", 2.4, PhraseKind.Scored), ("god tier", 2.6, PhraseKind.Scored), ("s tier", 2.4, PhraseKind.Scored), ("low tier", -1.8, PhraseKind.Scored),
        ("bottom tier", -2.0, PhraseKind.Scored), ("glow up", 2.0, PhraseKind.Scored), ("this aint it", -2.4, PhraseKind.Scored), ("aint it", -2.0, PhraseKind.Scored),
        ("skill issue", -1.0, PhraseKind.Scored), ("washed up", -2.0, PhraseKind.Scored),
        ("chaos engineering", 0, PhraseKind.Scored), ("chaos testing", 0, PhraseKind.Scored), ("chaos monkey", 0, PhraseKind.Scored), ("fatal error", 0, PhraseKind.Scored),
        ("fatal errors", 0, PhraseKind.Scored), ("panic button", 0, PhraseKind.Scored), ("denial of service", 0, PhraseKind.Scored), ("incident response", 0, PhraseKind.Scored),
        ("dead letter queue", 0, PhraseKind.Scored), ("handle errors", 0, PhraseKind.Scored), ("handling errors", 0, PhraseKind.Scored), ("rate limiting", 0, PhraseKind.Scored),
        // the thinking is negated, not the praise: "didn't think I'd like it this much", "never thought it could be this pleasant"
        ("didnt think", 0, PhraseKind.Filler), ("did not think", 0, PhraseKind.Filler), ("didnt expect", 0, PhraseKind.Filler), ("did not expect", 0, PhraseKind.Filler),
        ("never thought", 0, PhraseKind.Filler), ("never expected", 0, PhraseKind.Filler), ("never imagined", 0, PhraseKind.Filler), ("wouldnt have thought", 0, PhraseKind.Filler),
        // "the notes say nothing about the bug": the bug is not absent
        ("say nothing about", 0, PhraseKind.Filler), ("says nothing about", 0, PhraseKind.Filler), ("said nothing about", 0, PhraseKind.Filler),
        ("cant even", 0, PhraseKind.Negation), ("actually", 0, PhraseKind.Filler), ("free of", 0, PhraseKind.Negation), ("instead of", 0, PhraseKind.Filler),
        // third round: praise through a negation, failures to fix, and what a word alone misreads
        ("cant fault", 2.2, PhraseKind.Scored), ("cannot fault", 2.2, PhraseKind.Scored), ("couldnt fault", 2.2, PhraseKind.Scored), ("hard to fault", 2.0, PhraseKind.Scored),
        ("dont miss", 1.6, PhraseKind.Scored), ("do not miss", 1.6, PhraseKind.Scored), ("dont miss out", 0, PhraseKind.Filler), ("no regrets", 2.2, PhraseKind.Scored), ("zero regrets", 2.2, PhraseKind.Scored),
        ("hasnt fixed", -1.8, PhraseKind.Scored), ("havent fixed", -1.8, PhraseKind.Scored), ("still hasnt fixed", -2.0, PhraseKind.Scored), ("never fixed", -1.8, PhraseKind.Scored), ("still not fixed", -2.0, PhraseKind.Scored),
        ("wont stop", 0, PhraseKind.Filler), ("doesnt stop", 0, PhraseKind.Filler), ("logging me out", -1.6, PhraseKind.Scored), ("logs me out", -1.6, PhraseKind.Scored), ("logged me out", -1.6, PhraseKind.Scored),
        ("timing out", -1.6, PhraseKind.Scored), ("times out", -1.6, PhraseKind.Scored), ("killed it for me", -2.4, PhraseKind.Scored), ("killed it for us", -2.4, PhraseKind.Scored), ("ruined it for me", -2.4, PhraseKind.Scored),
        ("well done", 2.4, PhraseKind.Scored), ("well thought out", 2.2, PhraseKind.Scored), ("well thought-out", 2.2, PhraseKind.Scored), ("so done with", -2.4, PhraseKind.Scored), ("im done with", -2.0, PhraseKind.Scored),
        ("cooked with", 2.2, PhraseKind.Scored), ("absolutely cooked", 2.2, PhraseKind.Scored), ("hold music", -1.2, PhraseKind.Scored),
        // fourth round
        ("isnt what it used to be", -2.4, PhraseKind.Scored), ("is not what it used to be", -2.4, PhraseKind.Scored), ("not what it used to be", -2.4, PhraseKind.Scored),
        ("makes sense", 0, PhraseKind.Scored), ("make sense", 0, PhraseKind.Scored), ("nothing makes sense", -2.0, PhraseKind.Scored), ("makes no sense", -2.0, PhraseKind.Scored),
        ("doesnt make sense", -2.0, PhraseKind.Scored), ("work well", 2.0, PhraseKind.Scored), ("too steep", -1.6, PhraseKind.Scored), ("a little steep", -1.2, PhraseKind.Scored),
        ("a bit steep", -1.2, PhraseKind.Scored), ("pretty steep", -1.4, PhraseKind.Scored), ("steep price", -1.6, PhraseKind.Scored), ("steep pricing", -1.6, PhraseKind.Scored),
        ("feels abandoned", -2.0, PhraseKind.Scored), ("looks abandoned", -2.0, PhraseKind.Scored), ("been abandoned", -2.0, PhraseKind.Scored), ("abandoned project", -2.0, PhraseKind.Scored),
        ("doesnt even have", -1.8, PhraseKind.Scored), ("dont even have", -1.8, PhraseKind.Scored), ("still doesnt have", -2.0, PhraseKind.Scored),
        ("hasnt added", -1.8, PhraseKind.Scored), ("havent added", -1.8, PhraseKind.Scored), ("cant justify", -2.0, PhraseKind.Scored), ("cannot justify", -2.0, PhraseKind.Scored),
        ("a steal", 2.4, PhraseKind.Scored), ("at best", -1.0, PhraseKind.Scored), ("cant log in", -2.2, PhraseKind.Scored), ("cannot log in", -2.2, PhraseKind.Scored),
        ("cant login", -2.2, PhraseKind.Scored), ("unable to log in", -2.2, PhraseKind.Scored), ("a w", 2.0, PhraseKind.Scored), ("a l", -2.0, PhraseKind.Scored),
        ("a whole l", -2.2, PhraseKind.Scored), ("whole l", -2.2, PhraseKind.Scored), ("pulled a rug", -2.2, PhraseKind.Scored), ("rug pull", -2.4, PhraseKind.Scored),
        ("rug pulled", -2.4, PhraseKind.Scored), ("pull the plug", -1.6, PhraseKind.Scored), ("pulled the plug", -1.8, PhraseKind.Scored),
        ("ghost town", -1.8, PhraseKind.Scored), ("carried our", 1.8, PhraseKind.Scored), ("carried us", 1.8, PhraseKind.Scored), ("carried the team", 2.0, PhraseKind.Scored),
        ("failed deliveries", 0, PhraseKind.Scored), ("failed jobs", 0, PhraseKind.Scored), ("failed requests", 0, PhraseKind.Scored), ("failed tasks", 0, PhraseKind.Scored),
        ("failed messages", 0, PhraseKind.Scored), ("failed events", 0, PhraseKind.Scored), ("failed payments", 0, PhraseKind.Scored), ("break on", 0, PhraseKind.Scored),
        ("on failure", 0, PhraseKind.Scored), ("as failed", 0, PhraseKind.Scored), ("disaster recovery", 0, PhraseKind.Scored), ("stepped down", 0, PhraseKind.Scored),
        ("steps down", 0, PhraseKind.Scored), ("developer advocate", 0, PhraseKind.Scored), ("quick guide", 0, PhraseKind.Scored), ("quick start", 0, PhraseKind.Scored),
        ("quickstart", 0, PhraseKind.Scored), ("crash paths", 0, PhraseKind.Scored), ("crash path", 0, PhraseKind.Scored),
        // fifth round
        ("miles ahead", 2.4, PhraseKind.Scored), ("highest praise", 2.6, PhraseKind.Scored), ("out of sync", -1.6, PhraseKind.Scored), ("still doesnt support", -2.0, PhraseKind.Scored),
        ("in this day and age", -1.4, PhraseKind.Scored), ("with respect to", 0, PhraseKind.Scored), ("in respect of", 0, PhraseKind.Scored), ("orphaned resources", 0, PhraseKind.Scored),
        ("dead instances", 0, PhraseKind.Scored), ("panic handler", 0, PhraseKind.Scored), ("kill command", 0, PhraseKind.Scored),
        // sixth round
        ("impossible to recommend", -2.6, PhraseKind.Scored), ("hard to recommend", -2.2, PhraseKind.Scored), ("sales pitch", -1.2, PhraseKind.Scored),
        ("nothing to complain about", 2.2, PhraseKind.Scored), ("nothing left to complain about", 2.4, PhraseKind.Scored), ("main character energy", 2.2, PhraseKind.Scored),
        ("poison queue", 0, PhraseKind.Scored), ("poison pill", 0, PhraseKind.Scored), ("poison message", 0, PhraseKind.Scored), ("poison messages", 0, PhraseKind.Scored),
        ("burn rate", 0, PhraseKind.Scored), ("burn-down chart", 0, PhraseKind.Scored), ("burndown chart", 0, PhraseKind.Scored), ("hard failure", 0, PhraseKind.Scored),
        ("abort signal", 0, PhraseKind.Scored), ("threat modelling", 0, PhraseKind.Scored), ("threat modeling", 0, PhraseKind.Scored), ("break-glass", 0, PhraseKind.Scored),
        ("break glass", 0, PhraseKind.Scored), ("failed health check", 0, PhraseKind.Scored),
        ("lets me down", -2.0, PhraseKind.Scored), ("let me down", -2.0, PhraseKind.Scored), ("lets us down", -2.0, PhraseKind.Scored), ("let us down", -2.0, PhraseKind.Scored),
    ]);

    private static List<(string[] Words, double Valence, PhraseKind Kind)> Build(
        IEnumerable<(string Text, double Valence, PhraseKind Kind)> phrases) =>
        phrases.Select(p => (p.Text.Replace("'", "").Split(' ', StringSplitOptions.RemoveEmptyEntries), p.Valence, p.Kind))
            .GroupBy(p => string.Join(' ', p.Item1)).Select(g => g.Last()).ToList();
}
