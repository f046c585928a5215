import GRDB

/// Setting up a new database: the first administrator, and demo data.
///
/// A new database has an empty roster, so nobody could manage users. The first user added to an
/// empty roster must be an administrator (`console init --admin NAME`, or `console users add NAME
/// --role administrator`); whoever can write the new file may add them — they own the file
/// anyway. From then on only an administrator manages users. Nobody ever gets a role by default.
public enum Bootstrap {
    /// Whether the roster is empty.
    public static func rosterIsEmpty(_ db: Database) throws -> Bool {
        !(try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users)") ?? false)
    }

    /// Demo data is a setup action on a new database: refused once the database holds any case,
    /// so fictitious complaints can never mix with a live desk's.
    public static func requireDemo(_ actor: Actor, _ db: Database) throws {
        // No count in the refusal: it would include cases the caller may not see.
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cases)") ?? false {
            throw DomainError.notPermitted(.demoNeedsNewDesk)
        }
    }
}

/// The roster, managed through the desk: every change checked and audited.
extension CaseDesk {
    /// Adds a user. On an empty roster the first user must be an administrator (bootstrap);
    /// otherwise only an administrator adds users.
    public func addUser(_ user: DeskUser, actor: Actor) throws {
        let now = clock.now()
        try store.write { db in
            var detail = ["user": user.name, "role": user.role.rawValue, "team": user.team, "display_name": user.displayName]
            if try Bootstrap.rosterIsEmpty(db) {
                guard user.role == .administrator else {
                    throw DomainError.notPermitted(.firstUserAdministrator(name: user.name))
                }
                detail["bootstrap"] = "first administrator of a new roster"
            } else {
                try Permissions.require(.manageUsers, actor, db)
            }
            try RosterTable.add(user, db)
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "user-add", detail: detail), db)
        }
    }

    /// Changes a user's role (administrators only; the last active administrator keeps the role).
    public func setRole(_ name: String, to role: Role, actor: Actor) throws {
        let now = clock.now()
        try store.write { db in
            try Permissions.require(.manageUsers, actor, db)
            guard let before = try Roster.user(name, db) else {
                throw DomainError.malformedField(field: "name", reason: .notOnRoster(name: name, listHint: false))
            }
            if before.role == .administrator && role != .administrator { try requireAnotherAdministrator(besides: name, db) }
            try RosterTable.setRole(name, role, db)
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "user-role",
                                             detail: ["user": name, "role": "\(before.role.rawValue) → \(role.rawValue)"]), db)
        }
    }

    /// Disables (or re-enables) a user; kept on the roster for the record.
    public func setActive(_ name: String, _ active: Bool, actor: Actor) throws {
        let now = clock.now()
        try store.write { db in
            try Permissions.require(.manageUsers, actor, db)
            guard let before = try Roster.user(name, db) else {
                throw DomainError.malformedField(field: "name", reason: .notOnRoster(name: name, listHint: false))
            }
            if !active && before.role == .administrator { try requireAnotherAdministrator(besides: name, db) }
            try RosterTable.setActive(name, active, db)
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name,
                                             action: active ? "user-enable" : "user-disable", detail: ["user": name]), db)
        }
    }

    /// Sets a desk setting (administrators only), audited.
    public func setSetting(_ key: String, _ value: String, actor: Actor) throws {
        try FieldText.check([("key", key), ("value", value)])
        let now = clock.now()
        try store.write { db in try DeskSettings.set(key, value, actor: actor, at: now, db) }
    }

    private func requireAnotherAdministrator(besides name: String, _ db: Database) throws {
        let others = try Int.fetchOne(db, sql: "SELECT count(*) FROM users WHERE role = 'administrator' AND active = 1 AND name <> ?", arguments: [name]) ?? 0
        if others == 0 {
            throw DomainError.notPermitted(.lastAdministrator(name: name))
        }
    }
}
