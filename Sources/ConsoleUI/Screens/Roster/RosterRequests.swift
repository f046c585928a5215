import CaseModel
import TerminalKit

/// The slice of the desk the roster screen reads and changes: CaseModel's roster board and its
/// shift commands (checked there: an active user, no overlap for one person, inside the holiday
/// window; each change audited), as the console's user.
public protocol RosterSource {
    /// The board as the reader may see it (phones masked unless the role dispatches work).
    func rosterBoard() throws -> RosterBoard
    /// Records a shift for a person (a login, or a display name only one user has).
    func addShift(person: String, from: Instant, to: Instant) throws -> ShiftChange
    /// Moves a shift to new times and, when given, to another person.
    func moveShift(_ id: Int64, from: Instant, to: Instant, person: String?) throws -> ShiftChange
    /// Removes a shift.
    func removeShift(_ id: Int64) throws -> ShiftChange
}

extension CaseModelDataSource: RosterSource {
    public func rosterBoard() throws -> RosterBoard { try desk.rosterBoard(actor: actor) }
    public func addShift(person: String, from: Instant, to: Instant) throws -> ShiftChange {
        // People are named as the roster screen shows them: a display name only one user has is that user.
        let names = try desk.displayNames(actor: actor)
        let matching = names.filter { $0.value == person }.map(\.key)
        let login = names[person] != nil ? person : (matching.count == 1 ? matching[0] : person)
        return try desk.addShift(Shift(userName: login, startsAt: from, endsAt: to), actor: actor)
    }
    public func moveShift(_ id: Int64, from: Instant, to: Instant, person: String?) throws -> ShiftChange {
        try desk.moveShift(id, from: from, to: to, person: person, actor: actor)
    }
    public func removeShift(_ id: Int64) throws -> ShiftChange { try desk.removeShift(id, actor: actor) }
}

/// Reads the roster board; the cursor stays on the same shift when it is still there.
public struct LoadRosterBoard: DeskRequest {
    public init() {}
    public func perform(_ desk: DeskContext) throws -> RosterBoard { try desk.source(RosterSource.self).rosterBoard() }
    public func apply(_ board: RosterBoard, to s: inout ConsoleState) -> [Effect] {
        let selected = RosterScreen.selected(s)?.shift.id
        s.dutyRoster.board = board
        s.dutyRoster.rows = RosterScreen.rows(board, s.settings)
        let rows = s.dutyRoster.rows
        let index = selected.flatMap { id in rows.firstIndex { $0.duty?.shift.id == id } } ?? rows.firstIndex { $0.duty != nil } ?? 0
        s.dutyRoster.list.cursor = index
        s.dutyRoster.list.clamp(count: rows.count, visible: RosterScreen.visibleRows(height: s.height))
        return []
    }
}

extension Effect {
    /// Reads the roster board.
    public static var loadRosterBoard: Effect { Effect(LoadRosterBoard()) }
}

/// A change to the roster from its form: the form closes, the gaps it leaves are said, the board
/// is read again.
struct ChangeShift: FormRequest {
    enum Change: Sendable, Equatable {
        case add(person: String, from: Instant, to: Instant)
        case move(id: Int64, from: Instant, to: Instant, person: String?)
        case remove(id: Int64)
    }
    var change: Change

    func perform(_ desk: DeskContext) throws -> ShiftChange {
        let source = try desk.source(RosterSource.self)
        switch change {
        case .add(let person, let from, let to): return try source.addShift(person: person, from: from, to: to)
        case .move(let id, let from, let to, let person): return try source.moveShift(id, from: from, to: to, person: person)
        case .remove(let id): return try source.removeShift(id)
        }
    }

    func apply(_ c: ShiftChange, to s: inout ConsoleState) -> [Effect] {
        let st = s.settings
        s.form = nil
        s.deskChanged()
        let done: String
        switch change {
        case .add: done = st.t("班次已新增", "Shift added")
        case .move: done = st.t("班次已调整", "Shift moved")
        case .remove: done = st.t("班次已删除", "Shift removed")
        }
        if c.gaps.isEmpty {
            ConsoleUpdate.say(&s, done + st.t(" · 组长全时段在岗", " · a team lead is on duty at every hour"))
        } else {
            let first = c.gaps[0]
            ConsoleUpdate.say(&s, done + st.t(" · 仍有 \(c.gaps.count) 段无组长在岗,最早 ", " · \(c.gaps.count) stretch(es) with no team lead, first ")
                              + RosterView.span(first.from, first.to), error: true)
        }
        return [.loadRosterBoard]
    }
}
