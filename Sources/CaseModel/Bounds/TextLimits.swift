/// How much text each field of a complaint, an action and a crisis event holds, in characters (a
/// Chinese character is one): one definition for the intake form, the action forms, the command
/// line and imports, so a text accepted in one place is accepted in every other (docs/text-limits.md).
///
/// The limits are generous for what each field is for (a pasted WeChat message fits the summary, a
/// letter fits the details) and far below `DeskBounds.textBytes`, which stays the storage bound for
/// every other text.
public enum TextLimits {
    /// 摘要: one or two sentences, read in lists and whole on the case screen.
    public static let summary = 1_000
    /// 详情: the complaint as told, a letter or a transcript.
    public static let details = 50_000
    /// 诉求: what the customer asks for.
    public static let demand = 2_000
    /// Progress notes and the notes of workflow actions (备注).
    public static let note = 10_000
    /// Reasons: withdrawal, rejection, extension, reopening, severity, validity, dismissal, reveal.
    public static let reason = 2_000
    /// A resolution (处理方案) submitted or closed with.
    public static let resolution = 10_000
    /// Crisis report texts, the final result, the cause analysis and the lessons learned.
    public static let crisisText = 20_000
    /// A crisis event's title.
    public static let title = 200
    /// Names of people, branches, products and teams, and the addressee of a reminder.
    public static let shortText = 200
    /// Policy, claim and bank account numbers and a regulator's transfer number.
    public static let reference = 64
    /// A source system's reference (`hotline:123456`).
    public static let sourceReference = 200

    /// The limit of a field by its name, or nil for a field without one (`DeskBounds.textBytes` only).
    public static func limit(for field: String) -> Int? {
        switch FieldLabel.normalized(field) {
        case "summary": summary
        case "details": details
        case "demand": demand
        case "note": note
        case "reason": reason
        case "resolution": resolution
        case "text", "cause", "lessons", "final_result": crisisText
        case "title": title
        case "name", "branch", "product", "team", "to", "responsible", "lead", "display": shortText
        case "policy_number", "claim_number", "bank_account", "regulator_ref", "phone", "id_number": reference
        case "source_ref": sourceReference
        default: nil
        }
    }

    /// Throws naming `field` when `text` holds a NUL, is longer than the storage bound, or has more
    /// characters than the field's limit.
    public static func check(_ text: String, field: String) throws {
        try FieldText.check(text, field: field)
        guard let limit = limit(for: field) else { return }
        // Every character is at least one byte: most texts are decided without counting.
        guard text.utf8.count > limit else { return }
        let count = text.count
        if count > limit { throw DomainError.malformedField(field: field, reason: .tooLong(limit: limit, count: count)) }
    }

    /// Checks an optional text.
    public static func check(_ text: String?, field: String) throws {
        if let text { try check(text, field: field) }
    }
}
