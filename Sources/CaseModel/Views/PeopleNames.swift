import GRDB

/// The names the desk uses for people (王敏), looked up once from the roster for everything a
/// reader is shown: handlers, operators, who acted in a timeline, who filed a crisis report.
/// A login not on the roster is shown as it is.
public struct PeopleNames: Sendable, Equatable {
    /// Login → display name.
    public let displayNames: [String: String]

    /// A lookup over known names.
    public init(_ displayNames: [String: String] = [:]) { self.displayNames = displayNames }

    /// `王敏` for `wangmin`; the login itself when the roster has no other name for it.
    public func name(_ login: String) -> String {
        guard let d = displayNames[login], !d.trimmed.isEmpty else { return login }
        return d
    }

    /// `王敏（wangmin）` (`王敏 (wangmin)` in English), or the login alone.
    public func nameAndLogin(_ login: String, _ language: Language) -> String {
        let d = name(login)
        guard d != login else { return login }
        return language == .zh ? "\(d)（\(login)）" : "\(d) (\(login))"
    }

    /// The roster's names (everyone with a role may read the roster; nobody else gets names).
    static func read(actor: Actor, _ db: Database) throws -> PeopleNames {
        guard Permissions.allows(try AccessControl.resolve(actor, db).role, .readRoster) else { return PeopleNames() }
        var names: [String: String] = [:]
        for u in try Roster.all(db) { names[u.name] = u.displayName }
        return PeopleNames(names)
    }
}

extension CaseDesk {
    /// The names of everyone on the roster, for showing people as the desk knows them.
    public func peopleNames(actor: Actor) throws -> PeopleNames {
        try store.read { db in try PeopleNames.read(actor: actor, db) }
    }
}
