import CaseModel
import TerminalKit

/// What several screens look up: who can take cases now (the reassign picker, the handler filter,
/// `:` completion) and the branches with open cases (the filters).
public protocol LookupSource {
    /// Those on duty who take cases, fewest open cases first, with their worst clock.
    func caseTakers(at now: Instant) throws -> [HandlerLoad]
    /// Branches with open cases.
    func branches() throws -> [String]
}

extension CaseModelDataSource: LookupSource {
    public func caseTakers(at now: Instant) throws -> [HandlerLoad] { try desk.caseTakers(at: now, actor: actor) }
    public func branches() throws -> [String] { try desk.openBranches(actor: actor) }
}

/// Reads who can take cases now into `roster`.
public struct LoadRoster: DeskRequest {
    public init() {}
    public func perform(_ desk: DeskContext) throws -> [HandlerLoad] { try desk.source(LookupSource.self).caseTakers(at: desk.now) }
    public func apply(_ roster: [HandlerLoad], to s: inout ConsoleState) -> [Effect] {
        s.roster = roster
        return []
    }
}

/// Reads the branches with open cases into `branches`.
public struct LoadBranches: DeskRequest {
    public init() {}
    public func perform(_ desk: DeskContext) throws -> [String] { try desk.source(LookupSource.self).branches() }
    public func apply(_ branches: [String], to s: inout ConsoleState) -> [Effect] {
        s.branches = branches
        return []
    }
}

extension Effect {
    /// Reads the on-duty case takers.
    public static var loadRoster: Effect { Effect(LoadRoster()) }
    /// Reads the branches with open cases.
    public static var loadBranches: Effect { Effect(LoadBranches()) }
}
