import CaseModel
import TerminalKit

/// The slice of the desk the queue reads.
public protocol QueueSource {
    /// One page of the queue and the number of matching cases.
    func queuePage(_ query: QueueQuery, offset: Int, limit: Int) throws -> QueuePage
}

extension CaseModelDataSource: QueueSource {
    public func queuePage(_ query: QueueQuery, offset: Int, limit: Int) throws -> QueuePage {
        try desk.queuePage(query, offset: offset, limit: limit, actor: actor)
    }
}

/// Reads a window of the queue from `offset`.
public struct LoadQueuePage: DeskRequest {
    public var query: QueueQuery
    public var offset: Int

    public func perform(_ desk: DeskContext) throws -> QueuePage {
        try desk.source(QueueSource.self).queuePage(query, offset: offset, limit: desk.settings.queuePageSize)
    }

    public func apply(_ page: QueuePage, to s: inout ConsoleState) -> [Effect] {
        guard page.query == s.queue.query else { return [] } // a stale answer to an older filter
        s.queue.rows = page.rows
        s.queue.windowOffset = page.offset
        s.queue.total = page.total
        s.queue.loaded = true
        s.queue.list.clamp(count: s.queue.total, visible: QueueScreen.visibleRows(height: s.height))
        let start = QueueScreen.windowStart(s)
        if s.queue.total > 0, s.queue.row(at: s.queue.list.cursor) == nil, page.offset != start {
            return [.loadQueue(s.queue.query, offset: start)]
        }
        return []
    }
}

extension Effect {
    /// Reads a window of the queue.
    public static func loadQueue(_ query: QueueQuery, offset: Int) -> Effect { Effect(LoadQueuePage(query: query, offset: offset)) }
}
