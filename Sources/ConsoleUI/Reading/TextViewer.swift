import CaseModel
import TerminalKit

/// A whole text to read, over any screen: a note, a reason, a summary, a crisis report, a clock's
/// explanation or a month of the calendars. Nothing in it is ever cut: each paragraph is wrapped
/// to the viewer's width in display cells (a Chinese character takes two) and the lines scroll
/// (docs/console-reading.md).
///
/// What goes in is what the reader may see: the caller masks free text for someone who has not
/// revealed the case (`Disclosure`); every line is made harmless (`SafeText`) when it is drawn.
public struct TextViewer: Sendable, Equatable {
    /// What the viewer shows.
    public enum Content: Sendable, Equatable {
        /// Paragraphs, each wrapped on its own; leading spaces become the indent of every line it wraps to.
        case paragraphs([String])
        /// A month of the calendars (Left/Right change the month).
        case calendar(year: Int, month: Int)
    }

    /// The heading (`处理记录 02-17 21:30 陈杰 进展记录`).
    public var title: String
    public var content: Content
    /// The first line shown.
    public var scroll = 0

    /// A text to read under a heading.
    public init(title: String, paragraphs: [String]) {
        self.title = title
        content = .paragraphs(paragraphs)
    }

    /// A month of the calendars.
    public init(title: String, calendarYear year: Int, month: Int) {
        self.title = title
        content = .calendar(year: year, month: month)
    }

    /// The frame the viewer draws in on a screen of `width`×`height`: everything under the
    /// header line, so nothing of the screen beneath shows beside the text.
    static func frame(width: Int, height: Int) -> Rect {
        Rect(x: 0, y: 1, width: max(10, width), height: max(5, height - 1))
    }

    /// Text lines that fit in the frame (the title above, the key line below).
    static func textRows(height: Int) -> Int { max(1, frame(width: 80, height: height).height - 2) }

    /// The cells a text line may take (a space either side inside the frame).
    static func textWidth(width: Int) -> Int { max(8, frame(width: width, height: 24).width - 2) }

    /// Every line of the paragraphs wrapped to `width` cells, each made harmless; a line that
    /// starts with spaces keeps them as the indent of the lines it wraps to (`  规则：…`).
    public static func wrap(_ paragraphs: [String], width: Int) -> [String] {
        var out: [String] = []
        for paragraph in paragraphs {
            for raw in TextWrapping.lines(paragraph, width: .max, clean: SafeText.sanitize) {
                let indent = raw.prefix { $0 == " " }.count
                guard indent > 0, indent < width / 2 else {
                    out += TextWrapping.wrap(raw, width)
                    continue
                }
                let pad = String(repeating: " ", count: indent)
                out += TextWrapping.wrap(String(raw.dropFirst(indent)), width - indent).map { pad + $0 }
            }
        }
        return out
    }
}
