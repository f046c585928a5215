import TerminalKit

/// The console's screens, each implemented by a feature in its own folder under `Screens/`.
///
/// Adding a screen: write its folder (state, requests to the desk, update, view; see
/// docs/architecture.md), then add one case here naming its feature. The raw value is the screen's
/// context in `keys.conf`.
public enum Screen: String, CaseIterable, Sendable {
    case dashboard, queue, caseView = "case", help, reports, crisisBoard = "crisis", intake, assign, alerts
    case scripts, handover, roster

    /// The feature that implements the screen.
    var feature: any ScreenFeature.Type {
        switch self {
        case .dashboard: DashboardScreen.self
        case .queue: QueueScreen.self
        case .caseView: CaseScreen.self
        case .help: HelpScreen.self
        case .reports: ReportsScreen.self
        case .crisisBoard: CrisisScreen.self
        case .intake: IntakeScreen.self
        case .assign: AssignScreen.self
        case .alerts: AlertsScreen.self
        case .scripts: ScriptsScreen.self
        case .handover: HandoverScreen.self
        case .roster: RosterScreen.self
        }
    }

    /// Where the screen's keys are looked up (before `global`).
    public var keyContext: KeyContext { KeyContext(screen: self) }
}

/// What the router asks of every screen. A feature is a namespace (an enum) in its screen's
/// folder; everything else it needs (its state, its requests to the desk, its overlays) it
/// declares beside it.
protocol ScreenFeature {
    /// The screen's name, as help's title shows it.
    static func name(_ st: ConsoleSettings) -> String
    /// Runs a command on this screen (the commands every screen shares were tried first).
    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect]
    /// What the screen reloads when it comes back into view; `force` when asked (Ctrl-L) or when
    /// the desk changed underneath.
    static func reenter(_ s: inout ConsoleState, force: Bool) -> [Effect]
    /// Each second: what the screen reloads as time passes (overdue counts move with the clock).
    static func tick(_ s: inout ConsoleState) -> [Effect]
    /// A key the screen takes before the key map (a question waiting for y or n); nil when it
    /// does not take it.
    static func intercept(_ s: inout ConsoleState, _ key: Key) -> [Effect]?
    /// Draws the screen.
    static func draw(_ b: inout CellBuffer, _ s: ConsoleState)
    /// Everything the screen draws from the clock (`s.now`, `s.ticks`) beyond the minute, as text:
    /// while it stays the same, a tick draws no frame (`ConsoleView.clockFace`). Nil (the
    /// default) draws a frame every second.
    static func clockFace(_ s: ConsoleState) -> [String]?
}

extension ScreenFeature {
    static func reenter(_ s: inout ConsoleState, force: Bool) -> [Effect] { [] }
    static func tick(_ s: inout ConsoleState) -> [Effect] { [] }
    static func intercept(_ s: inout ConsoleState, _ key: Key) -> [Effect]? { nil }
    static func clockFace(_ s: ConsoleState) -> [String]? { nil }
}

/// Where a key is looked up: the current screen's context first, then `global`. The names are
/// those of `keys.conf` (`global`, `dashboard`, `queue`, `case`, …): one per screen.
public struct KeyContext: BindingContext, CustomStringConvertible {
    public let rawValue: String

    /// The context of a screen.
    public init(screen: Screen) { rawValue = screen.rawValue }

    private init(global: ()) { rawValue = "global" }

    /// A context by its `keys.conf` name; nil for a name no screen has.
    public init?(rawValue: String) {
        guard rawValue == "global" || Screen(rawValue: rawValue) != nil else { return nil }
        self.rawValue = rawValue
    }

    /// Every screen falls back to these.
    public static let global = KeyContext(global: ())

    /// `global`, then each screen's.
    public static var allCases: [KeyContext] { [.global] + Screen.allCases.map(\.keyContext) }

    /// The screen whose keys these are (nil for `global`).
    public var screen: Screen? { Screen(rawValue: rawValue) }

    public var description: String { rawValue }
}
