/// A text being edited with a cursor: the line-editing keys every text field and prompt shares
/// (docs/console-input.md).
///
/// The cursor counts characters (grapheme clusters), so a wide CJK character or an emoji is one
/// step for Left/Right and one Backspace, never half of one.
public struct EditableText: Sendable, Equatable {
    public private(set) var text: String
    /// Characters before the cursor (0…count).
    public private(set) var cursor: Int

    /// A text with the cursor at its end, or at `cursor`.
    public init(_ text: String = "", cursor: Int? = nil) {
        self.text = text
        let n = text.count
        self.cursor = min(max(0, cursor ?? n), n)
    }

    /// What a key did.
    public enum Outcome: Sendable, Equatable {
        /// Not a line-editing key.
        case ignored
        /// The cursor moved; the text is the same.
        case moved
        /// The text changed.
        case edited
    }

    private var chars: [Character] { Array(text) }

    /// Inserts text at the cursor and moves the cursor after it.
    public mutating func insert(_ s: String) {
        guard !s.isEmpty else { return }
        var c = chars
        c.insert(contentsOf: Array(s), at: cursor)
        text = String(c)
        cursor += s.count
    }

    /// Replaces the whole text, cursor at the end.
    public mutating func replace(with s: String) {
        text = s
        cursor = s.count
    }

    /// Applies a line-editing key: ←/→, Home/End and C-a/C-e (start and end of the line), M-b/M-f
    /// (a word back and forward), Backspace, Delete and C-d, C-u (delete to the line's start), C-k
    /// (to its end), C-w (the word before the cursor), M-d (the word after it). Words are
    /// `TextWords`: a run of CJK characters is one word. A typed character is inserted only when
    /// `typing` allows it.
    public mutating func apply(_ key: Key, typing: (Character) -> Bool = { _ in true }) -> Outcome {
        var c = chars
        let (lineStart, lineEnd) = lineBounds(c)
        switch key {
        case .left:
            guard cursor > 0 else { return .ignored }
            cursor -= 1
            return .moved
        case .right:
            guard cursor < c.count else { return .ignored }
            cursor += 1
            return .moved
        case .home, .ctrl("a"):
            cursor = lineStart
            return .moved
        case .end, .ctrl("e"):
            cursor = lineEnd
            return .moved
        case .backspace:
            guard cursor > 0 else { return .ignored }
            c.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < c.count else { return .ignored }
            c.remove(at: cursor)
        case .ctrl("u"):
            guard cursor > lineStart else { return .ignored }
            c.removeSubrange(lineStart..<cursor)
            cursor = lineStart
        case .ctrl("k"):
            guard cursor < lineEnd else { return .ignored }
            c.removeSubrange(cursor..<lineEnd)
        case .alt("b"):
            let i = TextWords.start(before: cursor, in: c, from: lineStart)
            guard i < cursor else { return .ignored }
            cursor = i
            return .moved
        case .alt("f"):
            let i = TextWords.end(after: cursor, in: c, upTo: lineEnd)
            guard i > cursor else { return .ignored }
            cursor = i
            return .moved
        case .ctrl("w"):
            let i = TextWords.start(before: cursor, in: c, from: lineStart)
            guard i < cursor else { return .ignored }
            c.removeSubrange(i..<cursor)
            cursor = i
        case .alt("d"):
            let i = TextWords.end(after: cursor, in: c, upTo: lineEnd)
            guard i > cursor else { return .ignored }
            c.removeSubrange(cursor..<i)
        case .char(let ch):
            guard typing(ch) else { return .ignored }
            c.insert(ch, at: cursor)
            cursor += 1
        default:
            return .ignored
        }
        text = String(c)
        return .edited
    }

    /// The start and end of the line the cursor is on (lines end at "\n").
    private func lineBounds(_ c: [Character]) -> (Int, Int) {
        var s = cursor
        while s > 0, c[s - 1] != "\n" { s -= 1 }
        var e = cursor
        while e < c.count, c[e] != "\n" { e += 1 }
        return (s, e)
    }
}
