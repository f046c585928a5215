/// One refusal of the desk: its reason (a code and parameters) and the field it concerns, shown in
/// the reader's language by `text(_:)` (docs/refusals.md).
///
/// A form puts each refusal beside its field; the command line prints `field: reason`.
public struct Refusal: Sendable, Hashable, CustomStringConvertible {
    /// The field the refusal concerns (`received_at`, `phone`, `promised`), nil for the whole request.
    public var field: String?
    /// Why.
    public var reason: RefusalReason

    /// Creates a refusal.
    public init(_ reason: RefusalReason, field: String? = nil) {
        self.reason = reason
        self.field = field
    }

    /// The reason's code.
    public var code: RefusalCode { reason.code }

    /// `field: reason` in a language (the field by its label in Chinese: `受理时间：…`).
    public func text(_ language: Language) -> String {
        guard let field, !field.isEmpty else { return reason.text(language) }
        if language == .zh { return FieldLabel.label(field, .zh) + "：" + reason.text(.zh) }
        return "\(field): \(reason.text(.en))"
    }

    /// The English text.
    public var description: String { text(.en) }

    /// The refusal as the error the desk throws (`DomainError`, shaped as code written before
    /// refusals were typed expects: `missingField` for an empty required field).
    public var error: DomainError {
        guard let field else {
            switch reason {
            case .caseNotFound(let n): return .caseNotFound(n)
            case let .newerSchema(found, known): return .newerSchema(found: found, known: known)
            case let .conflict(n, e, a, by, at): return .conflict(caseNumber: n, expectedVersion: e, actualVersion: a, changedBy: by, changedAt: at)
            case let .illegalTransition(n, action, status, allowed):
                return .illegalTransition(caseNumber: n, action: action, status: status, allowedFrom: allowed)
            default: return .notPermitted(reason)
            }
        }
        if case .required = reason { return .missingField(field) }
        return .malformedField(field: field, reason: reason)
    }
}

/// Every refusal of one request, gathered so that a form hears about all its bad fields at once.
public struct Refusals: Sendable, Equatable {
    /// The refusals, in the order the fields were checked.
    public private(set) var all: [Refusal] = []

    /// An empty list.
    public init() {}

    /// Whether nothing was refused.
    public var isEmpty: Bool { all.isEmpty }

    /// Runs one check and keeps what it refuses (each refusal of a `DomainError`; any other error
    /// as its text). Returns the check's value, or nil when it was refused.
    @discardableResult
    public mutating func check<T>(_ body: () throws -> T) -> T? {
        do { return try body() } catch let e as DomainError {
            all.append(contentsOf: e.refusals)
        } catch {
            all.append(Refusal(.text(String(describing: error))))
        }
        return nil
    }

    /// Adds a refusal.
    public mutating func add(_ refusal: Refusal) { all.append(refusal) }

    /// Throws every refusal together (one alone in the shape it has always had), or returns.
    public func throwIfAny() throws {
        guard let first = all.first else { return }
        if all.count == 1 { throw first.error }
        throw DomainError.invalidFields(all)
    }
}
