import CaseModel
import TerminalKit

/// The duty roster 值班表: who is on duty now and in the next 24 hours with role, team, phone (as
/// the reader may see it) and open load, then the plan day by day across the holiday with the
/// hours no team lead is on duty shown as gaps. Team leads add (`n`), move (`m`) and remove (`x`,
/// asks first) shifts here; CaseModel checks each change (docs/roster.md).
public enum RosterScreen: ScreenFeature {
    /// One line of the screen: a heading, a shift, or a gap in team-lead cover.
    public enum Row: Sendable, Equatable {
        case heading(String, kind: DayKind?)
        case duty(RosterDuty)
        case gap(RosterGap)
        case empty

        /// The shift on this line, if it is one.
        var duty: RosterDuty? { if case .duty(let d) = self { d } else { nil } }
    }

    /// The board read (nil until read), its lines, and the cursor (on shift lines only).
    public struct State: ScreenState {
        public var board: RosterBoard?
        public var rows: [Row] = []
        public var list = ListCursor<Int>()
        public init() {}
    }

    static func name(_ st: ConsoleSettings) -> String { st.t("值班表", "duty roster") }

    static func reenter(_ s: inout ConsoleState, force: Bool) -> [Effect] { [.loadRosterBoard] }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) { RosterView.draw(&b, s) }

    /// Lines of the list between the header, the column titles and the footer.
    static func visibleRows(height: Int) -> Int { max(1, height - 4) }

    /// Shows the roster and reads it.
    static func open(_ s: inout ConsoleState) -> [Effect] {
        Navigation.show(&s, .roster)
        return [.loadRosterBoard]
    }

    /// Lays the board out: on duty now, the next 24 hours, then each day with its gaps and shifts.
    static func rows(_ board: RosterBoard, _ st: ConsoleSettings) -> [Row] {
        var out: [Row] = [.heading(st.t("当前在岗", "On duty now"), kind: nil)]
        out += board.onDutyNow.isEmpty ? [.empty] : board.onDutyNow.map(Row.duty)
        out.append(.heading(st.t("24小时内接班", "Starting in the next 24 hours"), kind: nil))
        out += board.next24Hours.isEmpty ? [.empty] : board.next24Hours.map(Row.duty)
        for day in board.days {
            out.append(.heading(RosterView.dayTitle(day, st), kind: day.kind))
            out += day.gaps.map(Row.gap)
            out += day.duties.isEmpty && day.gaps.isEmpty ? [.empty] : day.duties.map(Row.duty)
        }
        return out
    }

    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        switch command {
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            move(&s, command)
        case .shiftAdd, .shiftMove, .shiftRemove:
            return RosterForms.open(&s, command)
        default: break
        }
        return []
    }

    /// Moves the cursor, landing on a shift line (headings and gaps are passed over).
    static func move(_ s: inout ConsoleState, _ command: Command) {
        let rows = s.dutyRoster.rows
        guard !rows.isEmpty else { return }
        let visible = visibleRows(height: s.height)
        let before = s.dutyRoster.list.cursor
        s.dutyRoster.list.move(command.cursorStep!, count: rows.count, page: visible, visible: visible)
        let downward = s.dutyRoster.list.cursor >= before && command != .top
        var i = s.dutyRoster.list.cursor
        while rows[safe: i]?.duty == nil, i >= 0, i < rows.count { i += downward ? 1 : -1 }
        if rows[safe: i]?.duty == nil {
            // Nothing further that way: the nearest shift the other way.
            i = s.dutyRoster.list.cursor
            while rows[safe: i]?.duty == nil, i >= 0, i < rows.count { i += downward ? -1 : 1 }
        }
        s.dutyRoster.list.cursor = rows[safe: i]?.duty == nil ? before : i
        s.dutyRoster.list.clamp(count: rows.count, visible: visible)
    }

    /// The shift under the cursor.
    static func selected(_ s: ConsoleState) -> RosterDuty? { s.dutyRoster.rows[safe: s.dutyRoster.list.cursor]?.duty }
}

extension ConsoleState {
    /// The roster screen's state.
    public var dutyRoster: RosterScreen.State {
        get { screens[RosterScreen.State.self] }
        _modify { yield &screens[RosterScreen.State.self] }
    }
}

extension KeyContext {
    /// The roster screen's keys (`roster` in keys.conf).
    public static let roster = Screen.roster.keyContext
}
