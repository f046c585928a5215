/// A form in progress, kept for its author so that a crash, a `kill -9` or a closed terminal loses
/// nothing typed (docs/drafts.md).
///
/// `fields` are exactly what was typed, for putting back into the form (where the author sees them
/// as typed); `preview` is how the draft is offered, with personal data masked like everywhere else.
public struct FormDraft: Sendable, Equatable {
    public let form: DraftForm
    /// Field id → text, as the form names its fields (`summary`, `phone`, `received_at`).
    public let fields: [String: String]
    /// When it was last saved.
    public let savedAt: Instant

    /// Creates a draft value.
    public init(form: DraftForm, fields: [String: String], savedAt: Instant) {
        self.form = form
        self.fields = fields
        self.savedAt = savedAt
    }

    /// One line offering the draft back: its form, when, and the start of its texts, masked:
    /// `受理草稿 02-17 03:12：理赔款两周未到账 · 电话 138****1234`.
    public func preview(_ language: Language, width: Int = 60) -> String {
        let zh = language == .zh
        let what: String
        switch form {
        case .intake: what = zh ? "受理草稿" : "intake draft"
        case let .caseAction(number, action): what = "\(number) \(EventActionLabel.label(action, language))" + (zh ? "草稿" : " draft")
        case let .crisis(event, action):
            what = (event.map { zh ? "危机事件 #\($0)" : "crisis event #\($0)" } ?? (zh ? "新危机事件" : "new crisis event")) + " " + action + (zh ? "草稿" : " draft")
        }
        var parts: [String] = []
        for key in ["summary", "note", "reason", "text", "title", "details", "demand"] {
            if let t = fields[key]?.trimmed, !t.isEmpty { parts.append(Masking.maskText(t)); break }
        }
        if let p = fields["phone"]?.trimmed, !p.isEmpty { parts.append(FieldLabel.label("phone", language) + " " + Masking.maskIdentifier(p)) }
        if let n = fields["name"]?.trimmed, !n.isEmpty { parts.append(FieldLabel.label("name", language) + " " + Masking.maskName(n)) }
        let body = parts.joined(separator: " · ")
        let head = "\(what) \(DeskTime.standard.short(savedAt))"
        let line = body.isEmpty ? head : head + (zh ? "：" : ": ") + body
        return SafeText.sanitize(line.count > width + 20 ? String(line.prefix(width + 20)) + "…" : line)
    }
}
