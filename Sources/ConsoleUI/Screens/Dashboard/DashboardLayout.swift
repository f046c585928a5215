import TerminalKit

/// Where each pane sits for a terminal size; shared by `view` (to draw) and `update` (to page by
/// what is visible), so the two can never disagree.
public struct DashboardLayout: Equatable, Sendable {
    /// Rows of the matrix block: its header, five categories and the total.
    public static let matrixRows = 7
    public var wide: Bool
    public var matrixTop = 2
    /// Columns given to the matrix (the rest goes to the alert pane when wide).
    public var matrixWidth: Int
    public var alertsTop: Int
    public var alertsLeft: Int
    public var alertsWidth: Int
    /// Rows of alerts below the pane title.
    public var alertRows: Int
    public var countdownTop: Int
    public var countdownRows: Int
    public var sparklineRow: Int
    public var tickerRow: Int
    public var footerRow: Int

    /// The layout for a terminal of `width` × `height` (at least 80×24).
    public init(width: Int, height: Int) {
        wide = width >= 100
        sparklineRow = height - 3
        tickerRow = height - 2
        footerRow = height - 1
        let ruleAfterMatrix = matrixTop + DashboardLayout.matrixRows
        if wide {
            matrixWidth = min(72, max(62, width * 11 / 20))
            alertsLeft = matrixWidth + 1
            alertsWidth = width - alertsLeft
            alertsTop = matrixTop
            alertRows = DashboardLayout.matrixRows - 1
            countdownTop = ruleAfterMatrix + 1
        } else {
            matrixWidth = width
            alertsLeft = 0
            alertsWidth = width
            alertsTop = ruleAfterMatrix + 1
            alertRows = min(6, max(2, (height - 15) / 3))
            countdownTop = alertsTop + 1 + alertRows + 1
        }
        countdownRows = max(1, (height - 4) - (countdownTop + 1))
    }
}

/// The queue screen's rows: header, column titles, the table, the status line and the footer.
public enum QueueLayout {
    /// Table rows visible at a terminal height.
    public static func visibleRows(height: Int) -> Int { max(1, height - 4) }
    public static let tableTop = 2
}
