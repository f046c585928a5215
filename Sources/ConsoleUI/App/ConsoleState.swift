import CaseModel
import TerminalKit

/// The console's whole state: everything `view` draws and `update` changes. A value, so tests can
/// build one, send it events and look at the screen.
public struct ConsoleState: Sendable {
    /// The console's screens.
    public enum Screen: Sendable, Equatable {
        case dashboard, queue, caseView, help, reports, intake, crisisBoard, assign, alerts
    }
    /// The dashboard's panes, in Tab order.
    public enum Pane: Int, Sendable, CaseIterable { case matrix, countdown, alerts }

    public var settings: ConsoleSettings
    public var now: Instant
    public var width: Int
    public var height: Int
    public var screen: Screen = .dashboard
    /// The Reports screen: which period (index into `ReportsUpdate.periods`) and its figures.
    public var reportPeriodIndex = 0
    public var report: ReportScreenData?
    /// Screens to go back to (Esc/q).
    public var backStack: [Screen] = []
    public var pane: Pane = .matrix
    /// Matrix cursor: row (categories, then the total row), column (severities, then the total).
    public var matrixRow = 0
    public var matrixColumn = 0
    public var countdownCursor = 0
    public var alertCursor = 0
    public var dashboard: DashboardData?
    public var dashboardStale = true
    public var queue = QueueState()
    public var detail: CaseDetail?
    public var detailScroll = 0
    public var helpScroll = 0
    /// The screen whose keys help lists.
    public var helpContext: KeyContext = .dashboard
    public var overlay: Overlay?
    public var message: StatusMessage?
    /// Why the background alert evaluation fails, while it does (a value in the file it cannot use).
    public var alertProblem: String?
    /// Seconds ticked since start (the crisis ticker scrolls with it).
    public var ticks = 0
    public var quitRequested = false
    /// Handlers on duty with their load (picker and handler filter).
    public var roster: [RosterEntry] = []
    public var branches: [String] = []
    /// Part 2: forms, conflicts, revealed data, intake suggestions, the crisis board.
    public var work = WorkState()
    /// The assign screen: every handler's load and worst clock, and a proposed move-all.
    public var assignBoard = AssignBoardState()
    /// The alerts screen: the filtered list, cursor and marks.
    public var alertList = AlertListState()

    /// A fresh console at `now` on a terminal of the given size.
    public init(settings: ConsoleSettings, now: Instant, width: Int, height: Int) {
        self.settings = settings
        self.now = now
        self.width = width
        self.height = height
    }

    /// Whether the terminal is too small for the layout (below 80×24).
    public var tooSmall: Bool { width < ConsoleState.minWidth || height < ConsoleState.minHeight }
    public static let minWidth = 80
    public static let minHeight = 24

    /// The key context of the current screen.
    public var keyContext: KeyContext {
        switch screen {
        case .dashboard: return .dashboard
        case .queue: return .queue
        case .caseView: return .caseView
        case .help: return .help
        case .reports: return .reports
        case .intake: return .intake
        case .crisisBoard: return .crisis
        case .assign: return .assign
        case .alerts: return .alerts
        }
    }
}

/// A transient line at the bottom of the screen.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    /// Shown until this instant.
    public var until: Instant
}

/// The queue screen's state: the query, a window of loaded rows, the cursor and the marks.
public struct QueueState: Sendable {
    public var query = QueueQuery()
    /// The loaded window: rows `windowOffset ..< windowOffset + rows.count` of the result.
    public var rows: [CaseRow] = []
    public var windowOffset = 0
    public var total = 0
    /// Absolute row index of the cursor and of the first visible row.
    public var cursor = 0
    public var top = 0
    /// Marked case numbers: kept by number so they survive scrolling, paging and filtering.
    public var marks: Set<String> = []
    public var loaded = false

    /// The row at an absolute index, when it is in the loaded window.
    public func row(at index: Int) -> CaseRow? {
        let i = index - windowOffset
        return i >= 0 && i < rows.count ? rows[i] : nil
    }
}

/// Something drawn over the current screen that takes the keys until it closes.
public enum Overlay: Sendable {
    /// Pick a handler for the marked cases.
    case picker(numbers: [String], selected: Int)
    /// Ask before doing something far-reaching.
    case confirm(text: String, action: PendingAction)
    /// Text input: `/` search.
    case input(kind: InputKind, text: String)
    /// The `:` command line with its completion.
    case prompt(CommandPrompt)
    /// The queue's filter editor.
    case filter(FilterEditor)
}

/// What a text input is for.
public enum InputKind: Sendable, Equatable { case search }

/// An action waiting for a yes.
public enum PendingAction: Sendable, Equatable {
    case assign(numbers: [String], handler: String)
    case quit
}
