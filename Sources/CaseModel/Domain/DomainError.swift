/// An error in the domain: bad input, an illegal move, a conflict. Each names what and where.
public enum DomainError: Error, Equatable, CustomStringConvertible {
    /// A value that is not one of the field's codes.
    case invalidValue(field: String, value: String, expected: String)
    /// A required field is missing or empty.
    case missingField(String)
    /// A field's value is malformed (bad date, negative amount...).
    case malformedField(field: String, reason: String)
    /// The action cannot be taken from the case's current status.
    case illegalTransition(caseNumber: String, action: String, status: String, allowedFrom: [String])
    /// No case has this number.
    case caseNotFound(String)
    /// The case changed since it was read: another console saved first.
    case conflict(caseNumber: String, expectedVersion: Int, actualVersion: Int, changedBy: String, changedAt: Instant)
    /// The database was written by a newer version of the console.
    case newerSchema(found: String, known: String)
    /// The acting user may not do this.
    case notPermitted(String)

    public var description: String {
        switch self {
        case let .invalidValue(field, value, expected):
            return "\(field): unknown value \"\(value)\" (expected one of: \(expected))"
        case let .missingField(field):
            return "\(field): required"
        case let .malformedField(field, reason):
            return "\(field): \(reason)"
        case let .illegalTransition(number, action, status, allowed):
            return "\(number): cannot \(action) a case that is \(status) (allowed from: \(allowed.joined(separator: ", ")))"
        case let .caseNotFound(number):
            return "no case \(number)"
        case let .conflict(number, expected, actual, by, at):
            return "\(number) was changed by \(by) at \(DeskTime.standard.short(at)) (version \(actual), you had \(expected)) — reload and try again; nothing was saved"
        case let .newerSchema(found, known):
            return "this database was written by a newer version of the console (schema \(found), this program knows up to \(known)); upgrade the console — the file was not changed"
        case let .notPermitted(message):
            return message
        }
    }
}
