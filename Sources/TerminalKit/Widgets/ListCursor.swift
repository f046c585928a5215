/// A step through a list, as the keys name them.
public enum CursorStep: Sendable, Equatable {
    case up, down, pageUp, pageDown, top, bottom
}

/// A list's cursor, the first row in view, and the marked items: the state every list on screen
/// shares. Marks are kept by the item's key (a case number, an alert id), so they survive
/// scrolling, paging, reloading and filtering.
///
/// The cursor always stays inside the list; `top` scrolls as little as needed to keep the cursor
/// in view, and `window` gives the first row to draw for any height, so a resize never hides the
/// cursor.
public struct ListCursor<Mark: Hashable & Sendable>: Sendable, Equatable {
    /// The selected row (0 when the list is empty).
    public var cursor = 0
    /// The first row in view.
    public var top = 0
    /// The marked items' keys.
    public var marks: Set<Mark> = []

    /// An unmoved cursor with nothing marked.
    public init() {}

    /// Moves by a step in a list of `count` rows (`page` rows for page up/down), then scrolls to
    /// keep the cursor among `visible` rows.
    public mutating func move(_ step: CursorStep, count: Int, page: Int, visible: Int? = nil) {
        guard count > 0 else { cursor = 0; top = 0; return }
        let next: Int
        switch step {
        case .up: next = cursor - 1
        case .down: next = cursor + 1
        case .pageUp: next = cursor - page
        case .pageDown: next = cursor + page
        case .top: next = 0
        case .bottom: next = count - 1
        }
        cursor = max(0, min(count - 1, next))
        clamp(count: count, visible: visible ?? page)
    }

    /// Keeps the cursor inside `count` rows and `top` where `visible` rows show the cursor.
    public mutating func clamp(count: Int, visible: Int) {
        cursor = max(0, min(cursor, count - 1))
        top = window(visible: visible, count: count)
    }

    /// The first row to draw when `visible` rows show a list of `count`: `top`, moved as little as
    /// needed to show the cursor and not to leave rows empty at the end.
    public func window(visible: Int, count: Int) -> Int {
        let rows = max(1, visible)
        var first = min(top, cursor)
        if cursor >= first + rows { first = cursor - rows + 1 }
        return max(0, min(first, count - rows))
    }

    /// Marks an item, or unmarks it when it was marked.
    public mutating func toggleMark(_ key: Mark) {
        if marks.contains(key) { marks.remove(key) } else { marks.insert(key) }
    }
}
