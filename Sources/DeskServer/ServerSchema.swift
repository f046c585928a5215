import CaseModel
import Foundation

/// The desk's schema on a server (docs/server-desk.md, "The schema"): the file's tables column for
/// column, in the `desk` namespace, with what only a server can enforce: row-level security for
/// report cases (举报件), an event log that no desk role may change, and a notification on every
/// new event.
///
/// Versioned like the file's: `desk.desk_schema` records each server step applied and the file
/// migrations the tables correspond to. A server desk whose steps or migrations this program does
/// not know was made by a newer console and is refused before anything is changed.
public enum ServerSchema {
    /// The namespace the desk's tables live in.
    public static let namespace = "desk"
    /// The group role every desk user's login role belongs to: it may read, and row-level
    /// security decides what.
    public static let staffRole = "desk_staff"
    /// The channel every new event is announced on (no payload: a listener re-reads what it may see).
    public static let changeChannel = "desk_changes"
    /// The server steps this program knows, in order.
    static let steps = ["server-v1-tables-policies", "server-v2-console-writes", "server-v3-write-parity-active-roster"]

    /// What `init` found and did.
    public enum Outcome: Equatable, Sendable {
        case created
        case alreadyCurrent
        /// Steps this program knows were added to an older server desk.
        case upgraded([String])
    }

    /// Creates the desk's schema on an empty database, or checks an existing one is current.
    /// Runs in one transaction: a failure leaves the database as it was.
    @discardableResult
    public static func install(_ session: ServerSession) throws -> Outcome {
        let missing: [String]
        switch try state(session) {
        case .current: return .alreadyCurrent
        case .absent: missing = []
        case .outdated(let steps): missing = steps
        }
        let sql = "BEGIN;\n" + (missing.isEmpty ? try creationSQL() : try upgradeSQL(missing)) + "COMMIT;"
        do {
            try session.execute(sql)
        } catch {
            try? session.execute("ROLLBACK")
            throw error
        }
        return missing.isEmpty ? .created : .upgraded(missing)
    }

    /// The statements of `missing` steps, recorded as applied.
    static func upgradeSQL(_ missing: [String]) throws -> String {
        let tables = try DeskTransfer.currentTables()
        let migrations = try DeskTransfer.fileMigrations().joined(separator: "\n")
        var sql = ""
        for step in missing {
            switch step {
            case steps[1]: sql += consoleWritesSQL(tables)
            case steps[2]: sql += writeParityActiveRosterSQL(tables)
            default: throw ServerError.schema("the server desk cannot be upgraded to \(step) in place; nothing was changed")
            }
            sql += "INSERT INTO \(namespace).desk_schema (step, file_migrations) VALUES (\(literal(step)), \(literal(migrations)));\n"
        }
        return sql
    }

    /// The statements that create the desk's schema (run inside the caller's transaction).
    /// `through` leaves later steps out (a test makes an older server desk to upgrade).
    static func creationSQL(through last: Int = steps.count) throws -> String {
        let tables = try DeskTransfer.currentTables()
        let migrations = try DeskTransfer.fileMigrations()
        var sql = "CREATE SCHEMA \(namespace);\n"
        sql += "CREATE TABLE \(namespace).desk_schema (step text PRIMARY KEY, file_migrations text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());\n"
        for t in tables { sql += tableSQL(t) }
        sql += indexSQL
        sql += policySQL(tables)
        if last >= 2 { sql += consoleWritesSQL(tables) }
        if last >= 3 { sql += writeParityActiveRosterSQL(tables) }
        for step in steps.prefix(last) {
            sql += "INSERT INTO \(namespace).desk_schema (step, file_migrations) VALUES (\(literal(step)), \(literal(migrations.joined(separator: "\n"))));\n"
        }
        return sql
    }

    enum State: Equatable {
        case absent, current
        /// A desk of this program's lineage missing later steps (listed): `init` adds them.
        case outdated([String])
    }

    /// Whether the database holds no desk, or a current one; throws for anything else.
    static func state(_ session: ServerSession) throws -> State {
        // One question for both (asked at every catch-up): is there a desk schema, and may this
        // login use it? A login the server knows but the desk does not (no desk role) is refused
        // as a login, not as a storage failure, before any of the desk's objects is named to it.
        let usable = try session.value("SELECT has_schema_privilege(oid, 'USAGE')::text FROM pg_namespace WHERE nspname = 'desk'")
        guard let usable else { return .absent }
        if usable != "true" {
            throw ServerError.loginRefused(user: session.address.user,
                                           reason: "not a user of this server desk (its administrator makes a roster user's login a member of \(staffRole))")
        }
        let hasTable = try session.value("SELECT (to_regclass('desk.desk_schema') IS NOT NULL)::text") == "true"
        guard hasTable else {
            throw ServerError.schema("the database \(session.address.database) has a schema named desk that is not a console desk; nothing was changed")
        }
        let rows = try session.rows("SELECT step, file_migrations FROM desk.desk_schema ORDER BY applied_at, step")
        let known = Set(steps)
        let fileKnown = Set(try DeskTransfer.fileMigrations())
        for row in rows {
            let step = row[0] ?? ""
            let fileMigrations = (row[1] ?? "").split(separator: "\n").map(String.init)
            if !known.contains(step) || fileMigrations.contains(where: { !fileKnown.contains($0) }) {
                throw ServerError.schema("the server desk was made by a newer console (schema step \(step)); nothing was changed: use that console or a newer one")
            }
        }
        let applied = rows.map { $0[0] ?? "" }
        guard applied == Array(steps.prefix(applied.count)), !applied.isEmpty else {
            throw ServerError.schema("the server desk's schema is incomplete (\(rows.count) of \(steps.count) steps); nothing was changed")
        }
        return applied.count == steps.count ? .current : .outdated(Array(steps.dropFirst(applied.count)))
    }

    /// Refuses a session whose database holds no current desk.
    public static func requireCurrent(_ session: ServerSession) throws {
        switch try state(session) {
        case .current: return
        case .absent:
            throw ServerError.schema("the database \(session.address.database) holds no desk: run `console init --db \(session.address)` first")
        case .outdated(let missing):
            throw ServerError.schema("the server desk needs an upgrade (\(missing.joined(separator: ", "))): its owner runs `console init --db \(session.address)` once with this console")
        }
    }

    static func tableSQL(_ t: DeskTable) -> String {
        var parts = t.columns.map { c in
            "\(ident(c.name)) \(serverType(c.type))\(c.notNull ? " NOT NULL" : "")"
        }
        if !t.primaryKey.isEmpty { parts.append("PRIMARY KEY (\(t.primaryKey.map(ident).joined(separator: ", ")))") }
        return "CREATE TABLE \(namespace).\(ident(t.name)) (\n  \(parts.joined(separator: ",\n  "))\n);\n"
    }

    static func serverType(_ t: DeskColumnType) -> String {
        switch t {
        case .integer: "bigint"
        case .real: "double precision"
        case .text: "text"
        case .blob: "bytea"
        }
    }

    /// The indexes the desk's reads need on a server (the file's open-case partial indexes).
    static var indexSQL: String {
        let open = "status IN ('received','contacted','investigating','pending-approval','approved')"
        return """
        CREATE INDEX cases_open_matrix ON desk.cases (category, severity, kind, next_due_at, status) WHERE \(open);
        CREATE INDEX cases_open_due ON desk.cases (next_due_at) WHERE \(open);
        CREATE INDEX cases_open_handler ON desk.cases (handler, next_due_at) WHERE \(open);
        CREATE INDEX cases_received ON desk.cases (received_at);
        CREATE INDEX cases_kind_report ON desk.cases (id) WHERE kind = 'report';
        CREATE INDEX cases_kind ON desk.cases (kind);
        CREATE INDEX events_case ON desk.events (case_id, id);

        """
    }

    /// Roles, grants, row-level security, the append-only event log and the change notification.
    static func policySQL(_ tables: [DeskTable]) -> String {
        let readers = Permissions.roles(.seeReports).sorted { $0.rawValue < $1.rawValue }.map { literal($0.rawValue) }.joined(separator: ", ")
        var s = """
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(staffRole)') THEN
            CREATE ROLE \(staffRole) NOLOGIN;
          END IF;
        END $$;
        REVOKE ALL ON SCHEMA desk FROM PUBLIC;
        GRANT USAGE ON SCHEMA desk TO \(staffRole);

        -- Who the session is on the roster: the login role's name is the desk user's name.
        -- session_user, not current_user: inside a SECURITY DEFINER function current_user is the
        -- owner, and SET ROLE cannot change session_user.
        CREATE FUNCTION desk.sees_reports() RETURNS boolean
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = desk, pg_temp AS $$
          SELECT EXISTS (SELECT 1 FROM desk.users WHERE name = session_user::text AND active = 1 AND role IN (\(readers)))
        $$;
        REVOKE ALL ON FUNCTION desk.sees_reports() FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION desk.sees_reports() TO \(staffRole);

        -- Whether a case exists and is not a report case, read as the owner: a policy's own
        -- subquery would run with the reader's column rights.
        CREATE FUNCTION desk.general_case(case_id bigint) RETURNS boolean
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = desk, pg_temp AS $$
          SELECT EXISTS (SELECT 1 FROM desk.cases WHERE id = case_id AND kind <> 'report')
        $$;
        REVOKE ALL ON FUNCTION desk.general_case(bigint) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION desk.general_case(bigint) TO \(staffRole);

        -- The event log is append-only for everyone, its owner included: a change needs the
        -- owner to drop this trigger first, which the keyed audit chain then reports.
        CREATE FUNCTION desk.events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'the event log is append-only: events cannot be changed or deleted';
        END $$;
        CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON desk.events
          FOR EACH ROW EXECUTE FUNCTION desk.events_append_only();
        CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON desk.events
          FOR EACH STATEMENT EXECUTE FUNCTION desk.events_append_only();

        -- Every statement that adds events announces it, once, with no payload.
        CREATE FUNCTION desk.announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('\(changeChannel)', '');
          RETURN NULL;
        END $$;
        CREATE TRIGGER events_announce AFTER INSERT ON desk.events
          FOR EACH STATEMENT EXECUTE FUNCTION desk.announce_change();

        """
        // Reading: every desk role reads every table; row-level security takes the rows it may not see.
        // Personal data and the row images are withheld column by column (DeskTransfer.withheldColumns).
        for t in tables {
            s += "REVOKE ALL ON desk.\(ident(t.name)) FROM PUBLIC;\n"
            if let withheld = DeskTransfer.withheldColumns[t.name] {
                let readable = t.columns.map(\.name).filter { !withheld.contains($0) }.map(ident).joined(separator: ", ")
                s += "GRANT SELECT (\(readable)) ON desk.\(ident(t.name)) TO \(staffRole);\n"
            } else {
                s += "GRANT SELECT ON desk.\(ident(t.name)) TO \(staffRole);\n"
            }
        }
        s += "REVOKE ALL ON desk.desk_schema FROM PUBLIC;\nGRANT SELECT ON desk.desk_schema TO \(staffRole);\n"
        // `(SELECT desk.sees_reports())`: a sub-select is evaluated once per statement, where a
        // bare call in a policy is evaluated per row (a count of a million cases: 300 ms → 60 ms).
        for t in tables {
            s += "ALTER TABLE desk.\(ident(t.name)) ENABLE ROW LEVEL SECURITY;\n"
            s += "CREATE POLICY desk_read ON desk.\(ident(t.name)) FOR SELECT TO \(staffRole) USING (\(readPolicies[t.name] ?? "true"));\n"
        }
        return s
    }

    /// Which rows of each table a desk role may see (tables not named: every row); the write
    /// policies of step 2 use the same conditions.
    static var readPolicies: [String: String] {
        let reportTrack = EventTrack.key, reportMark = EventTrack.report
        let seesReports = "(SELECT desk.sees_reports())"
        let visibleCase = "desk.general_case(%@)"
        return [
            "cases": "kind <> 'report' OR \(seesReports)",
            "events": "\(seesReports) OR ((case_id IS NULL OR \(visibleCase.replacingOccurrences(of: "%@", with: "events.case_id"))) AND detail NOT LIKE '%\"\(reportTrack)\":\"\(reportMark)\"%')",
            "penalties": "\(seesReports) OR \(visibleCase.replacingOccurrences(of: "%@", with: "penalties.case_id"))",
            "crisis_cases": "\(seesReports) OR \(visibleCase.replacingOccurrences(of: "%@", with: "crisis_cases.case_id"))",
            "import_keys": "\(seesReports) OR (substr(source, 1, 1) <> chr(1) AND \(visibleCase.replacingOccurrences(of: "%@", with: "import_keys.case_id")))",
            "alerts": "case_kind IS DISTINCT FROM 'report' OR \(seesReports)",
            "drafts": "user_name = session_user::text AND (case_kind IS DISTINCT FROM 'report' OR \(seesReports))",
            "alert_readers": "\"user\" = session_user::text",
            "alert_notices": "\"user\" = session_user::text",
        ]
    }

    /// A quoted identifier.
    static func ident(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// A quoted string literal (standard_conforming_strings is on in every supported server).
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
