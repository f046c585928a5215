/// A closed set of domain values with a stable code (stored in SQLite and used on the
/// command line) and Chinese and English labels for people.
public protocol Labeled: CaseIterable, Hashable, Sendable, RawRepresentable, Codable where RawValue == String {
    /// The Chinese label, as the desk says it.
    var zh: String { get }
    /// The English label.
    var en: String { get }
}

extension Labeled {
    /// The stable code.
    public var code: String { rawValue }

    /// The label in a language (`zh` or `en`).
    public func label(_ language: Language) -> String { language == .zh ? zh : en }

    /// Parses a code, a Chinese label or an English label (case-insensitive; `-` and `_` and spaces are equivalent).
    public static func parse(_ text: String) -> Self? {
        if let exact = Self(rawValue: text) { return exact }   // the common case: a code, as exported
        let key = normalizedKey(text)
        if key.isEmpty { return nil }
        for value in allCases {
            if normalizedKey(value.rawValue) == key || value.zh == text.trimmed
                || normalizedKey(value.en) == key {
                return value
            }
        }
        return nil
    }

    /// Parses like `parse`, or throws an error naming the field and the accepted codes.
    public static func parse(_ text: String, field: String) throws -> Self {
        guard let value = parse(text) else {
            throw DomainError.invalidValue(field: field, value: text,
                                           expected: allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }
}

func normalizedKey(_ text: String) -> String {
    var out = ""
    for ch in text.lowercased() where !ch.isWhitespace {
        out.append(ch == "_" || ch == " " ? "-" : ch)
    }
    return out
}

/// A UI language.
public enum Language: String, Sendable, CaseIterable, Codable {
    case zh, en
}
