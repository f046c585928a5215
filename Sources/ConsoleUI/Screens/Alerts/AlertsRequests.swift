import CaseModel
import TerminalKit

/// The slice of the desk the alerts screen (and the dashboard's alert pane) reads and changes:
/// CaseModel's grouped board, a group's list with its true total, acknowledgement by id and by
/// filter (previewed first), and the reader's "looked at" mark (docs/alerts.md).
public protocol AlertsSource {
    /// The alerts a filter selects, grouped by rule and level (and `dimension`), with true totals.
    func alertBoard(_ filter: AlertListFilter, by dimension: AlertBoard.Dimension, perGroup: Int) throws -> AlertBoard
    /// One page of the alerts a filter selects, with the total behind it.
    func alertPage(_ filter: AlertListFilter, limit: Int) throws -> AlertPage
    /// Acknowledges several alerts at once (all or none); returns how many changed.
    func acknowledge(alertIDs: [String]) throws -> Int
    /// How many unacknowledged alerts a filter would take; changes nothing.
    func previewAcknowledgement(_ filter: AlertListFilter) throws -> AlertAckPreview
    /// Acknowledges every alert the filter takes, refused whole when their number is no longer `expecting`.
    func acknowledge(matching filter: AlertListFilter, expecting: Int) throws -> Int
    /// Records that the reader looked at the alerts as they stood at `at`.
    func markAlertsLooked(at: Instant) throws
}

extension CaseModelDataSource: AlertsSource {
    public func alertBoard(_ filter: AlertListFilter, by dimension: AlertBoard.Dimension, perGroup: Int) throws -> AlertBoard {
        try AlertBoard.load(desk, filter: filter, by: dimension, perGroup: perGroup, actor: actor)
    }
    public func alertPage(_ filter: AlertListFilter, limit: Int) throws -> AlertPage {
        try AlertList.page(desk, filter: filter, limit: limit, actor: actor)
    }
    public func acknowledge(alertIDs: [String]) throws -> Int { try DeskAlerts.acknowledge(desk, ids: alertIDs, actor: actor) }
    public func previewAcknowledgement(_ filter: AlertListFilter) throws -> AlertAckPreview {
        try DeskAlerts.previewAcknowledgement(desk, matching: filter, actor: actor)
    }
    public func acknowledge(matching filter: AlertListFilter, expecting: Int) throws -> Int {
        try DeskAlerts.acknowledge(desk, matching: filter, expecting: expecting, actor: actor)
    }
    public func markAlertsLooked(at: Instant) throws {
        // A read-only desk keeps no marks (docs/alerts.md, "What is new").
        guard !desk.store.isReadOnly else { return }
        try AlertReaders.markLooked(desk, at: at, actor: actor)
    }
}

/// Reads the board for the screen's filter and grouping, and the list of every expanded group.
public struct LoadAlertBoard: DeskRequest {
    public var filter: AlertListFilter
    public var dimension: AlertBoard.Dimension
    public var expanded: Set<AlertBoard.Key>
    /// What an expanded group lists at most (its header keeps the true count).
    public static let groupLimit = 500

    /// What the desk answered, and when it was read (the "looked at" mark uses that instant).
    public struct Output: Sendable {
        public var board: AlertBoard
        public var lists: [AlertBoard.Key: AlertPage]
        public var at: Instant
    }

    public func perform(_ desk: DeskContext) throws -> Output {
        let source = try desk.source(AlertsSource.self)
        let board = try source.alertBoard(filter, by: dimension, perGroup: 0)
        var lists: [AlertBoard.Key: AlertPage] = [:]
        for g in board.groups where expanded.contains(g.key) {
            lists[g.key] = try source.alertPage(g.filter(within: filter, by: dimension), limit: Self.groupLimit)
        }
        return Output(board: board, lists: lists, at: desk.now)
    }

    public func apply(_ out: Output, to s: inout ConsoleState) -> [Effect] {
        // An answer to an older filter or grouping.
        guard filter == s.alerts.filter, dimension == s.alerts.dimension else { return [] }
        let selected = s.alerts.rows[safe: s.alerts.list.cursor]?.id
        s.alerts.board = out.board
        s.alerts.lists = out.lists
        s.alerts.expanded = Set(out.lists.keys)
        s.alerts.loaded = true
        s.alerts.loadedAt = out.at
        s.alerts.rebuildRows()
        if let selected, let i = s.alerts.rows.firstIndex(where: { $0.id == selected }) { s.alerts.list.cursor = i }
        // A mark on an alert that left the list (cleared, or filtered out) would act unseen.
        s.alerts.list.marks.formIntersection(s.alerts.rows.compactMap { $0.item?.alert.id })
        s.alerts.list.clamp(count: s.alerts.rows.count, visible: AlertsScreen.visibleRows(height: s.height))
        return []
    }
}

extension Effect {
    /// Reads the alerts screen's board as its state asks.
    static func loadAlertBoard(_ a: AlertsScreen.State) -> Effect {
        Effect(LoadAlertBoard(filter: a.filter, dimension: a.dimension, expanded: a.expanded))
    }
}

/// Acknowledges the marked alerts (or the selected one).
public struct AcknowledgeAlerts: DeskRequest {
    public var ids: [String]
    public func perform(_ desk: DeskContext) throws -> Int { try desk.source(AlertsSource.self).acknowledge(alertIDs: ids) }
    public func apply(_ count: Int, to s: inout ConsoleState) -> [Effect] {
        s.alerts.list.marks.removeAll()
        s.deskChanged()
        ConsoleUpdate.say(&s, s.settings.t("已确认 \(count) 条告警", "Acknowledged \(count) alert(s)"))
        return s.screen.feature.reenter(&s, force: true)
    }
}

/// Counts what acknowledging a group or filter would take, then asks (the confirmation states
/// how many; the acknowledgement is refused if that number moved meanwhile).
public struct PreviewAlertAcknowledgement: DeskRequest {
    public var filter: AlertListFilter
    /// What the confirmation calls the selection ("新重大案件 · 提示", "rule=new-major branch=上海分公司").
    public var describing: String
    public func perform(_ desk: DeskContext) throws -> AlertAckPreview { try desk.source(AlertsSource.self).previewAcknowledgement(filter) }
    public func apply(_ p: AlertAckPreview, to s: inout ConsoleState) -> [Effect] {
        let st = s.settings
        guard p.count > 0 else {
            ConsoleUpdate.say(&s, st.t("没有未确认的告警符合 \(describing)", "No unacknowledged alert matches \(describing)"), error: true)
            return []
        }
        let n = AlertsView.figure(p.count)
        s.overlay = .confirm(text: st.t("确认 \(n) 条告警(\(describing))?", "Acknowledge \(n) alert(s) (\(describing))?"),
                             action: .acknowledgeAlerts(filter: p.filter, expecting: p.count))
        return []
    }
}

/// Acknowledges every alert a filter takes, as many as the confirmation said or none.
public struct AcknowledgeMatchingAlerts: DeskRequest {
    public var filter: AlertListFilter
    public var expecting: Int
    public func perform(_ desk: DeskContext) throws -> Int {
        try desk.source(AlertsSource.self).acknowledge(matching: filter, expecting: expecting)
    }
    public func apply(_ count: Int, to s: inout ConsoleState) -> [Effect] {
        s.deskChanged()
        ConsoleUpdate.say(&s, s.settings.t("已确认 \(AlertsView.figure(count)) 条告警", "Acknowledged \(AlertsView.figure(count)) alert(s)"))
        return s.screen.feature.reenter(&s, force: true)
    }
}

/// Records that the user looked at the alerts (on leaving the alerts screen).
public struct MarkAlertsLooked: DeskRequest {
    public var at: Instant
    public func perform(_ desk: DeskContext) throws { try desk.source(AlertsSource.self).markAlertsLooked(at: at) }
    public func apply(_ output: Void, to s: inout ConsoleState) -> [Effect] {
        s.deskChanged()
        return []
    }
}
