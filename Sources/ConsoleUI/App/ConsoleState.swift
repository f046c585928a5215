import CaseModel
import TerminalKit

/// The console's whole state: everything `view` draws and `update` changes. A value, so tests can
/// build one, send it events and look at the screen.
///
/// Here is what belongs to no one screen: the clock and the terminal's size, which screen shows
/// and the way back, the open overlay or form, the status line, a long effect's progress, and the
/// lookups several screens use. Each screen's own state lives in `screens`, reached through the
/// accessor its folder declares (`s.queue`, `s.alerts`).
public struct ConsoleState: Sendable {
    public var settings: ConsoleSettings
    public var now: Instant
    public var width: Int
    public var height: Int
    /// The screen showing.
    public var screen: Screen = .dashboard
    /// Screens to go back to (Esc/q).
    public var backStack: [Screen] = []
    /// A dialog, the `:` line or the filter editor: it takes the keys until it closes.
    public var overlay: Overlay?
    /// The open form: a case action or a crisis form (a box over the screen), or the intake form.
    public var form: Form?
    /// A whole text being read (a note, a report, a clock's explanation, the calendar): over
    /// everything else, until Esc or q closes it (docs/console-reading.md).
    public var viewer: TextViewer?
    /// Another console saved the case first: waits for reload or discard.
    public var conflict: ConflictInfo?
    /// After "reload?" was answered yes: the open form takes the version of the case read next.
    public var rebaseOnLoad: String?
    /// A transient line at the bottom.
    public var message: StatusMessage?
    /// Why the background alert evaluation fails, while it does (a value in the file it cannot use).
    public var alertProblem: String?
    /// A long effect running in the background (a move of thousands of cases, a report): shown
    /// at the bottom with its progress until its result arrives.
    public var activity: Activity?
    /// Seconds ticked since start (the crisis ticker scrolls with it).
    public var ticks = 0
    public var quitRequested = false
    /// The header shows in reverse video until this instant: a new critical alert (`HeaderFlash`).
    public var flashUntil: Instant?
    /// Bells asked for so far (the terminal rings once for each one more).
    public var bells = 0
    /// Input bursts settled since start (`Event.inputSettled`).
    public var inputBurst = 0
    /// The burst in which the confirmation now showing appeared: keys of that burst were already
    /// queued when it appeared (typed or pasted before anyone could read it) and are ignored.
    public var confirmationBurst: Int?
    /// Esc or C-c on a form with something typed: asking whether to discard it or keep a draft.
    public var discardQuestion = false
    /// What the open form's draft last kept, and when (kept every few seconds while it changes,
    /// so a crash, a `kill -9` or a closed terminal loses at most those seconds).
    public var draftKept: (values: [String: String], at: Instant)?
    /// Handlers on duty with their load: the reassign picker, the handler filter, `:` completion.
    public var roster: [HandlerLoad] = []
    /// Branches with open cases: the filters and `:` completion.
    public var branches: [String] = []
    /// Each screen's own state (see `ScreenStates`).
    public var screens = ScreenStates()

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
    public var keyContext: KeyContext { screen.keyContext }
}

/// A transient line at the bottom of the screen.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    /// Shown until this instant.
    public var until: Instant
}

/// A long effect under way: what it does and, when it can say, how far it got.
public struct Activity: Sendable, Equatable {
    /// What is being done, in the console's language ("正在移交 6919 件").
    public var text: String
    /// Items done and the total, when the effect counts.
    public var done: Int?
    public var total: Int?
    /// Twentieths of a second since it started (the runtime's clock says; the line shows it).
    public var elapsedTwentieths = 0

    /// An activity just started.
    public init(text: String, total: Int? = nil) {
        self.text = text
        self.total = total
    }
}
