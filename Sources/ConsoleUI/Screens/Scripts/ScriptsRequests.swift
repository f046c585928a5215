import CaseModel
import TerminalKit

/// The slice of the desk the script picker reads: CaseModel's script read models over the desk's
/// script library (the shipped scripts with the desk's own, docs/scripts.md), as the console's user.
public protocol ScriptsSource {
    /// The scripts that fit a case at its stage, best first, filled in for it (masked).
    func caseScripts(_ number: String) throws -> [FilledScript]
    /// The crisis scripts (outlet, media, regulator) that fit a crisis event, best first, filled in.
    func crisisScripts(_ id: Int64) throws -> [FilledScript]
}

extension CaseModelDataSource: ScriptsSource {
    public func caseScripts(_ number: String) throws -> [FilledScript] {
        try desk.scripts(for: number, library: scriptLibrary, actor: actor)
    }
    public func crisisScripts(_ id: Int64) throws -> [FilledScript] {
        try desk.crisisScripts(event: id, library: scriptLibrary, actor: actor)
    }
}

/// Reads the scripts for the picker's target; the cursor goes back to the best.
public struct LoadScripts: DeskRequest {
    public var target: ScriptsScreen.Target
    public func perform(_ desk: DeskContext) throws -> [FilledScript] {
        let source = try desk.source(ScriptsSource.self)
        switch target {
        case .caseFile(let number): return try source.caseScripts(number)
        case .crisis(let id): return try source.crisisScripts(id)
        }
    }
    public func apply(_ scripts: [FilledScript], to s: inout ConsoleState) -> [Effect] {
        guard s.scripts.target == target else { return [] }
        s.scripts.scripts = scripts
        s.scripts.list.clamp(count: scripts.count, visible: ScriptsScreen.listRows(count: scripts.count, height: s.height))
        return []
    }
    public func fail(_ error: any Error, message: String, to s: inout ConsoleState) -> [Effect] {
        // Nothing to pick from: say why, and keep the screen showing that there is nothing.
        if s.scripts.target == target { s.scripts.scripts = [] }
        ConsoleUpdate.say(&s, message, error: true)
        return []
    }
}
