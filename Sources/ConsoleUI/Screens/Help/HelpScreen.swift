import TerminalKit

/// Help: every key of the screen it was opened from and every `:` command, generated from the key
/// map and the command table (so a remapped or disabled key shows as it really is).
public enum HelpScreen: ScreenFeature {
    /// The screen whose keys help lists, and how far it is scrolled.
    public struct State: ScreenState {
        public var context: Screen = .dashboard
        public var scroll = 0
        public init() {}
    }

    static func name(_ st: ConsoleSettings) -> String { st.t("帮助", "help") }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) { HelpView.draw(&b, s) }

    /// Shows the keys of the current screen.
    static func open(_ s: inout ConsoleState) -> [Effect] {
        s.help.context = s.screen
        s.help.scroll = 0
        Navigation.show(&s, .help)
        return []
    }

    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        Navigation.scroll(&s.help.scroll, command, page: max(1, s.height - 4))
        return []
    }
}

extension ConsoleState {
    /// Help's state.
    public var help: HelpScreen.State {
        get { screens[HelpScreen.State.self] }
        _modify { yield &screens[HelpScreen.State.self] }
    }
}

extension KeyContext {
    /// Help's keys (`help` in keys.conf).
    public static let help = Screen.help.keyContext
}
