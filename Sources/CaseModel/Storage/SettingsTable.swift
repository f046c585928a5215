import GRDB

/// The SQLite gateway for the desk's settings: the only SQL that writes `settings`
/// (docs/storage-boundary.md). Checks and events are the callers' (`DeskSettings.set`,
/// `CaseDesk.setRosterWindow`, the demo's seed).
enum SettingsTable: SettingsStore {
    static func set(_ key: String, _ value: String, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    static func setIfMissing(_ key: String, _ value: String, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
                       arguments: [key, value])
    }

    static func remove(_ key: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM settings WHERE key = ?", arguments: [key])
    }
}
