/// Turns bracketed-paste markers in the key stream into one paste event (docs/console-input.md).
///
/// A terminal in bracketed-paste mode sends `ESC [ 2 0 0 ~`, the pasted text, then `ESC [ 2 0 1 ~`.
/// The curses backend does not know these sequences, so they arrive as keys: Esc, `[`, `2`, `0`,
/// `0`, `~`. The decoder holds back an Esc until it knows whether a marker follows, collects
/// everything up to the end marker as text, and hands back the keys that were no marker unchanged.
/// An Esc followed at once (in the same read burst) by a character other than `[` is how terminals
/// send Alt with that character: it becomes one `M-` key (word moves, docs/console-input.md).
/// Reads may split a marker anywhere: the decoder keeps its place between calls.
public struct PasteDecoder: Sendable {
    private static let start: [Character] = ["[", "2", "0", "0", "~"]
    private static let end: [Character] = ["[", "2", "0", "1", "~"]
    /// The most characters a paste keeps; the rest is counted but not kept, so a runaway paste
    /// cannot grow without bound (every field's limit is far below, so it is refused whole).
    public static let maxCharacters = 1_000_000

    /// Keys held back while they may be the start of a marker (an Esc and what followed it).
    private var held: [Key] = []
    /// Inside a paste: the text so far.
    private var pasting: String?
    private var pastedCount = 0
    /// Inside a paste, how much of the end marker has been seen (after its Esc).
    private var endSeen: Int?

    /// A decoder outside any paste.
    public init() {}

    /// Whether the decoder holds keys that a following read may complete into a marker.
    public var isWaiting: Bool { !held.isEmpty || pasting != nil }

    /// Whether a paste has started and not yet ended.
    public var inPaste: Bool { pasting != nil }

    /// Feeds one input; returns what is now certain, in order.
    public mutating func feed(_ input: TerminalInput) -> [TerminalInput] {
        guard case .key(let key) = input else {
            // A resize inside a paste waits for it; outside one it passes (after held keys).
            return pasting != nil ? [] : flushHeld() + [input]
        }
        if pasting != nil { return feedPaste(key) }
        if held.isEmpty {
            if key == .escape { held = [key]; return [] }
            return [input]
        }
        let i = held.count - 1 // characters of the start marker seen so far
        if case .char(let c) = key, i < Self.start.count, c == Self.start[i] {
            held.append(key)
            if held.count == Self.start.count + 1 {
                held = []
                pasting = ""
                pastedCount = 0
            }
            return []
        }
        // Esc and a character at once: Alt with it, never an Esc that cancels and a stray letter.
        if held.count == 1, case .char(let c) = key {
            held = []
            return [.key(.alt(c))]
        }
        // Not a marker: the held keys were keys after all; this one may begin a new marker.
        let out = flushHeld()
        if key == .escape { held = [key]; return out }
        return out + [input]
    }

    /// Feeds several inputs.
    public mutating func feed(_ inputs: [TerminalInput]) -> [TerminalInput] { inputs.flatMap { feed($0) } }

    /// Nothing more arrived for a while: a held Esc was the Esc key. A paste stays open (its end
    /// marker may still be on the way) unless `endPaste`: then what arrived is the paste.
    public mutating func idle(endPaste: Bool = false) -> [TerminalInput] {
        if pasting != nil {
            guard endPaste else { return [] }
            return [finishPaste()]
        }
        return flushHeld()
    }

    private mutating func flushHeld() -> [TerminalInput] {
        defer { held = [] }
        return held.map { .key($0) }
    }

    private mutating func feedPaste(_ key: Key) -> [TerminalInput] {
        if let seen = endSeen {
            if case .char(let c) = key, c == Self.end[seen] {
                if seen + 1 == Self.end.count { endSeen = nil; return [finishPaste()] }
                endSeen = seen + 1
                return []
            }
            // An Esc inside the paste that began no end marker: it and what followed are text
            // (the Esc itself is dropped with the other control characters).
            for c in Self.end.prefix(seen) { append(String(c)) }
            endSeen = nil
        }
        switch key {
        case .escape: endSeen = 0
        case .char(let c): append(String(c))
        case .enter: append("\n")
        case .tab: append("\t")
        default: break // arrow keys, function keys, control characters: not text
        }
        return []
    }

    private mutating func append(_ s: String) {
        pastedCount += s.count
        if pastedCount <= Self.maxCharacters { pasting?.append(s) }
    }

    private mutating func finishPaste() -> TerminalInput {
        let text = pasting ?? ""
        pasting = nil
        endSeen = nil
        // Beyond the cap the text is marked as too long by its count: the receiver refuses it whole.
        if pastedCount > Self.maxCharacters { return .paste(text + String(repeating: " ", count: 1)) }
        return .paste(text)
    }
}
