import CaseModel
import TerminalKit

/// The slice of the desk the alerts screen reads and changes.
public protocol AlertsSource {
    /// The alerts a filter selects.
    func alertList(_ filter: AlertListFilter) throws -> [AlertListItem]
    /// Acknowledges several alerts at once (all or none); returns how many changed.
    func acknowledge(alertIDs: [String]) throws -> Int
}

extension CaseModelDataSource: AlertsSource {
    public func alertList(_ filter: AlertListFilter) throws -> [AlertListItem] { try AlertList.list(desk, filter: filter, actor: actor) }
    public func acknowledge(alertIDs: [String]) throws -> Int { try DeskAlerts.acknowledge(desk, ids: alertIDs, actor: actor) }
}

/// Reads the list for a filter.
public struct LoadAlertList: DeskRequest {
    public var filter: AlertListFilter
    public func perform(_ desk: DeskContext) throws -> [AlertListItem] { try desk.source(AlertsSource.self).alertList(filter) }
    public func apply(_ items: [AlertListItem], to s: inout ConsoleState) -> [Effect] {
        guard filter == s.alerts.filter else { return [] } // an answer to an older filter
        s.alerts.items = items
        s.alerts.loaded = true
        // A mark on an alert that left the list (cleared, or filtered out) would act unseen.
        s.alerts.list.marks.formIntersection(items.map(\.alert.id))
        s.alerts.list.clamp(count: items.count, visible: AlertsScreen.visibleRows(height: s.height))
        return []
    }
}

extension Effect {
    /// Reads the alerts list for a filter.
    public static func loadAlertList(_ filter: AlertListFilter) -> Effect { Effect(LoadAlertList(filter: filter)) }
}

/// Acknowledges the marked alerts (or the selected one).
public struct AcknowledgeAlerts: DeskRequest {
    public var ids: [String]
    public func perform(_ desk: DeskContext) throws -> Int { try desk.source(AlertsSource.self).acknowledge(alertIDs: ids) }
    public func apply(_ count: Int, to s: inout ConsoleState) -> [Effect] {
        s.alerts.list.marks.removeAll()
        s.deskChanged()
        ConsoleUpdate.say(&s, s.settings.t("已确认 \(count) 条告警", "Acknowledged \(count) alert(s)"))
        return [.loadAlertList(s.alerts.filter)]
    }
}
