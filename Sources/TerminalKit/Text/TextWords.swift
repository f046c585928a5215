/// Where words begin and end for the word moves of line editing (M-b, M-f, C-w, M-d;
/// docs/console-input.md).
///
/// A word is a run of characters of one kind: letters and digits (`ABC123`), or CJK characters
/// (Han, kana, Hangul: `客户投诉`). Chinese has no spaces, so a run of CJK is one word and the
/// change between CJK and Latin letters or digits is a boundary (`保单P2026` is two words).
/// Spaces, line breaks and punctuation (ASCII or full-width: `,。、`) separate words and are
/// skipped over by a move, as readline and Emacs do.
public enum TextWords {
    /// The kind of a character for word moves.
    enum Kind: Equatable { case separator, latin, cjk }

    static func kind(_ ch: Character) -> Kind {
        if ch.isWhitespace || ch.isPunctuation || ch.isSymbol { return .separator }
        if let u = ch.unicodeScalars.first, isCJK(u) { return .cjk }
        if ch.isLetter || ch.isNumber || ch == "_" { return .latin }
        return .separator
    }

    /// Han (with extensions and compatibility), kana and Hangul syllables.
    static func isCJK(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x3134F:
            return true
        default:
            return false
        }
    }

    /// The start of the word before `cursor` (separators before it skipped), not before `from`.
    public static func start(before cursor: Int, in c: [Character], from: Int = 0) -> Int {
        var i = min(cursor, c.count)
        while i > from, kind(c[i - 1]) == .separator { i -= 1 }
        guard i > from else { return i }
        let k = kind(c[i - 1])
        while i > from, kind(c[i - 1]) == k { i -= 1 }
        return i
    }

    /// The end of the word after `cursor` (separators before it skipped), not beyond `upTo`.
    public static func end(after cursor: Int, in c: [Character], upTo: Int) -> Int {
        let limit = min(upTo, c.count)
        var i = max(0, cursor)
        while i < limit, kind(c[i]) == .separator { i += 1 }
        guard i < limit else { return i }
        let k = kind(c[i])
        while i < limit, kind(c[i]) == k { i += 1 }
        return i
    }
}
