import GRDB

extension Roster {
    /// A user by login, else by display name when exactly one user has it (`李强` → liqiang), so
    /// people can be named as the desk knows them. Nil when unknown or ambiguous.
    public static func resolve(_ nameOrDisplay: String, _ db: Database) throws -> DeskUser? {
        if let u = try user(nameOrDisplay, db) { return u }
        let matches = try all(db).filter { $0.displayName == nameOrDisplay }
        return matches.count == 1 ? matches[0] : nil
    }
}
