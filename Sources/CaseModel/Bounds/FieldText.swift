/// The rule for text in every field the desk stores: no NUL, and no more than
/// `DeskBounds.textBytes` of UTF-8.
///
/// A NUL cannot be kept: the storage layer and every C interface end a string there, so it would
/// silently cut the text short. It is refused, naming the field and the position. Every other
/// control character (ESC, BEL, DEL, C1) is kept as data and shown visibly wherever text reaches a
/// terminal (docs/input-bounds.md).
public enum FieldText {
    /// Throws naming `field` when `text` holds a NUL or is longer than `maxBytes` (nil: any length,
    /// for text the desk composes itself, such as an event's before-and-after values).
    public static func check(_ text: String, field: String, maxBytes: Int? = DeskBounds.textBytes) throws {
        if let maxBytes, text.utf8.count > maxBytes {
            throw DomainError.malformedField(field: field, reason: .tooManyBytes(limit: DeskBounds.textBytes))
        }
        // The common case, no NUL, costs one pass over the bytes (imports check millions of fields).
        guard text.utf8.contains(0) else { return }
        var position = 0
        for u in text.unicodeScalars {
            position += 1
            if u.value == 0 {
                throw DomainError.malformedField(field: field, reason: .containsNUL(position: position))
            }
        }
    }

    /// Checks several fields at once: `(field, text)` pairs, the first bad one named.
    public static func check(_ fields: [(String, String)]) throws {
        for (field, text) in fields { try check(text, field: field) }
    }

    /// Checks an optional field.
    public static func check(_ text: String?, field: String) throws {
        if let text { try check(text, field: field) }
    }
}
