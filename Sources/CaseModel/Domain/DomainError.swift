/// An error in the domain: bad input, an illegal move, a conflict. Each names what and where.
///
/// Every case carries, or maps to, typed refusals (`refusals`): a code, its parameters and the
/// field they concern, rendered in Chinese or English by `text(_:)` (docs/refusals.md).
/// `description` stays English, for logs and `--lang en`.
public enum DomainError: Error, Equatable, CustomStringConvertible {
    /// A value that is not one of the field's codes.
    case invalidValue(field: String, value: String, expected: String)
    /// A required field is missing or empty.
    case missingField(String)
    /// A field's value is malformed (bad date, negative amount...).
    case malformedField(field: String, reason: RefusalReason)
    /// The action cannot be taken from the case's current status.
    case illegalTransition(caseNumber: String, action: String, status: String, allowedFrom: [String])
    /// No case has this number.
    case caseNotFound(String)
    /// The case changed since it was read: another console saved first.
    case conflict(caseNumber: String, expectedVersion: Int, actualVersion: Int, changedBy: String, changedAt: Instant)
    /// The database was written by a newer version of the console.
    case newerSchema(found: String, known: String)
    /// The acting user may not do this.
    case notPermitted(RefusalReason)
    /// Several fields of one request are wrong: every one of them, in the order checked.
    case invalidFields([Refusal])

    /// A refusal of one field.
    public static func refused(_ reason: RefusalReason, field: String) -> DomainError {
        Refusal(reason, field: field).error
    }

    /// The refusals this error stands for (one, except for `invalidFields`).
    public var refusals: [Refusal] {
        switch self {
        case let .invalidValue(field, value, expected): return [Refusal(.unknownValue(value: value, expected: expected), field: field)]
        case let .missingField(field): return [Refusal(.required, field: field)]
        case let .malformedField(field, reason): return [Refusal(reason, field: field)]
        case let .illegalTransition(number, action, status, allowed):
            return [Refusal(.illegalTransition(number: number, action: action, status: status, allowedFrom: allowed))]
        case let .caseNotFound(number): return [Refusal(.caseNotFound(number: number))]
        case let .conflict(number, expected, actual, by, at):
            return [Refusal(.conflict(number: number, expectedVersion: expected, actualVersion: actual, changedBy: by, changedAt: at))]
        case let .newerSchema(found, known): return [Refusal(.newerSchema(found: found, known: known))]
        case let .notPermitted(reason): return [Refusal(reason)]
        case let .invalidFields(all): return all
        }
    }

    /// The first refusal (the only one, except for `invalidFields`).
    public var refusal: Refusal { refusals.first ?? Refusal(.required) }

    /// Every refusal in a language, one per line.
    public func text(_ language: Language) -> String {
        refusals.map { $0.text(language) }.joined(separator: "\n")
    }

    /// The English text.
    public var description: String { text(.en) }
}
