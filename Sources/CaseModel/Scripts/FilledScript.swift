/// A script filled for a case (or for a crisis event, or on its own), ready to read out or to
/// save as a note or a contact record: what the case screen's script picker and
/// `console scripts show` display (docs/scripts.md).
public struct FilledScript: Sendable, Equatable {
    public var script: ReplyScript
    /// The wording with every placeholder filled; a value the case does not have stands as its
    /// bracketed label (`［承诺时间］`) for the person to complete before saving.
    public var text: String
    /// The placeholders that had no value.
    public var gaps: [ScriptPlaceholder]
    /// How well it fits (`ScriptFit.score`); nil when asked for by id although it does not fit.
    public var score: Int?
    /// Whether personal data was filled in whole (an audited reveal) or masked.
    public var disclosure: Disclosure

    /// Creates a filled script.
    public init(script: ReplyScript, text: String, gaps: [ScriptPlaceholder], score: Int?, disclosure: Disclosure) {
        self.script = script
        self.text = text
        self.gaps = gaps
        self.score = score
        self.disclosure = disclosure
    }

    /// What to record with a note or contact saved with `savedText` (edited or not).
    public func use(savedText: String) -> ScriptUse {
        ScriptUse(id: script.id, version: script.version, language: script.language, edited: savedText != text)
    }
}

/// How to fill scripts: in which language, how to address the customer, whether to reveal the
/// customer's personal data for the fill (an audited reveal, with its reason), and a promise
/// being made with the note (so `{{promised.time}}` says it).
public struct ScriptFillOptions: Sendable, Equatable {
    /// nil: the complainant's preferred language, else Chinese.
    public var language: String?
    public var title: CustomerTitle
    /// Reveals personal data for this fill, for this reason (recorded before anything is filled).
    public var revealReason: String?
    public var promisedAt: Instant?

    /// Creates options (masked, the customer's language, no title known).
    public init(language: String? = nil, title: CustomerTitle = .unknown, revealReason: String? = nil, promisedAt: Instant? = nil) {
        self.language = language
        self.title = title
        self.revealReason = revealReason
        self.promisedAt = promisedAt
    }
}
