import GRDB

/// The database schema and its versioned migrations.
///
/// Each migration is applied once, in order; a file that has migrations this program does not
/// know was written by a newer console and is refused before anything is changed.
enum Schema {
    /// The newest schema this program knows.
    static var latest: String { migrator.migrations.last ?? "none" }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-cases-events") { db in
            try db.execute(sql: v1)
        }
        m.registerMigration("v2-column-changed-at") { db in
            // When severity rose into the major deadline column (docs/clocks-and-calendars.md, "Severity
            // changes": a raise never moves a deadline later).
            try db.execute(sql: "ALTER TABLE cases ADD COLUMN column_changed_at INTEGER")
        }
        m.registerMigration("v3-audit-chain") { db in
            // The tamper-evident audit trail (AuditChain), desk settings, and purge tombstones.
            try db.execute(sql: v3)
            try AuditChain.backfill(db)
            try db.execute(sql: eventsHashRequiredTrigger)
        }
        m.registerMigration("v4-alerts-crisis-accountability") { db in
            try db.execute(sql: v4)
        }
        m.registerMigration("v5-import-keys") { db in
            try db.execute(sql: v5)
        }
        m.registerMigration("v6-identifier-indexes") { db in
            try db.execute(sql: CaseSearch.identifierIndexes)
        }
        m.registerMigration("v7-report-track-keys") { db in
            try db.execute(sql: v7)
        }
        m.registerMigration("v8-roster-phone") { db in
            // A work phone per user, for the duty roster (docs/roster.md); shifts by person; events
            // by time, for the handover's window (docs/handover.md: event ids do not follow time
            // where history was loaded in bulk, so the id cannot stand in for it).
            try db.execute(sql: "ALTER TABLE users ADD COLUMN phone TEXT NOT NULL DEFAULT ''")
            try db.execute(sql: "CREATE INDEX shifts_user ON shifts(user_name, starts_at)")
            try db.execute(sql: "CREATE INDEX events_at ON events(at)")
        }
        m.registerMigration("v9-alert-readers") { db in
            try db.execute(sql: v9)
        }
        m.registerMigration("v10-regulator-ref-drafts") { db in
            try db.execute(sql: v10)
        }
        m.registerMigration("v11-text-index") { db in
            // Search by index, not by reading every case (docs/search-index.md).
            try db.execute(sql: CaseTextIndex.migration)
        }
        m.registerMigration("v12-report-indexes") { db in
            try db.execute(sql: v12)
        }
        m.registerMigration("v13-search-counts") { db in
            // Counts of frequent search terms from the text index (docs/search-index.md).
            try db.execute(sql: CaseTextIndex.countIndexes)
        }
        m.registerMigration("v14-report-valid-index") { db in
            try db.execute(sql: v14)
        }
        m.registerMigration("v15-open-text-index") { db in
            // The open cases' own text index, for the queue's search (docs/search-index.md, "Open cases").
            try db.execute(sql: CaseTextIndex.openMigration)
        }
        m.registerMigration("v16-report-scan-index") { db in
            try db.execute(sql: v16)
        }
        m.registerMigration("v17-open-matrix-covering") { db in
            try db.execute(sql: v17)
        }
        // Always registered last (new migrations go above it, numbered on): its baseline records
        // every row as the migrations before it left them.
        m.registerMigration("keyed-audit") { db in
            // The keyed chain, the insert-at-head trigger, and the replay baseline (docs/audit-trail.md).
            try AuditBaseline.migrate(db)
        }
        return m
    }

    /// v12: the reports read from indexes (docs/bulk-data.md, "Reports"). The received-time index
    /// also carries what a window's volumes group by (kind for visibility, category, severity,
    /// product), so they are counted without reading the cases; the backlog at a time is counted
    /// from the few cases never finished and those finished after it.
    static let v12 = """
    DROP INDEX IF EXISTS cases_received;
    CREATE INDEX cases_received ON cases(received_at, kind, category, severity, product);
    CREATE INDEX cases_unfinished ON cases(received_at, kind) WHERE closed_at IS NULL AND withdrawn_at IS NULL;
    CREATE INDEX cases_closed_at ON cases(closed_at) WHERE closed_at IS NOT NULL;
    CREATE INDEX cases_withdrawn_unclosed ON cases(withdrawn_at) WHERE withdrawn_at IS NOT NULL AND closed_at IS NULL;
    """

    /// v14: the valid complaints of a period counted from an index (the metrics' previous
    /// period: docs/bulk-data.md, "Reports"), instead of reading each case of it for its validity.
    /// It carries `validity` although every entry is 'valid': SQLite 3.40 counts from a partial
    /// index without the table only when the condition's column is in it.
    static let v14 = """
    CREATE INDEX cases_valid_received ON cases(received_at, kind, validity) WHERE validity = 'valid';
    """

    /// v16: a period's metrics read from an index that holds every column their one read needs
    /// (`PeriodScan.fastColumns`, `number` aside), in received order with the visibility's kind
    /// second, so the read never visits the table (docs/bulk-data.md, "Reports: the fast read").
    /// A row of the table is some 500 bytes across 59 columns, whose header SQLite must walk to
    /// the last to reach `column_changed_at`; an entry here is some 160 bytes of these 23, so a
    /// quarter is a third of the pages. It costs every write that changes one of them: one more
    /// index entry to replace (docs/bulk-data.md gives the measured cost).
    static let v16 = """
    CREATE INDEX cases_period_scan ON cases(received_at, kind, severity, status, stages_started_at, contacted_at, submitted_at,
        approved_at, closed_at, followed_up_at, promised_at, column_changed_at, repeat_count, last_note_at, handler, branch,
        channel, line, product, category, source, closing_basis, validity);
    """

    /// The dashboard's matrix (open cases by category × severity, and how many are overdue) read
    /// from its index alone: the index had only category and severity, so every refresh read each
    /// open case's row for its kind and due time — 36–40 ms on a desk with 41,141 open cases and a
    /// quarter of a console's time at rest there, against 4–5 ms covered (docs/memory.md, "At
    /// rest, the processor").
    static let v17 = """
    DROP INDEX cases_open_matrix;
    CREATE INDEX cases_open_matrix ON cases(category, severity, kind, next_due_at, status) WHERE \(openCondition);
    """

    /// The open-case condition, written literally so the planner can use the partial indexes.
    static let openCondition = "status IN \(CaseStatus.openSQLList)"

    /// v3: every event carries the previous event's hash and its own (AuditChain); desk
    /// settings (security options an administrator sets); when a case's personal data was purged.
    static let v3 = """
    ALTER TABLE events ADD COLUMN prev_hash BLOB;
    ALTER TABLE events ADD COLUMN hash BLOB;
    ALTER TABLE cases ADD COLUMN purged_at INTEGER;
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    """

    /// The append-only trigger against UPDATE (also in v1; re-created after the v3 backfill).
    static let eventsNoUpdateTrigger = """
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only: events cannot be changed'); END;
    """

    /// Events come only through `CaseRecords.append`, which links them into the chain.
    static let eventsHashRequiredTrigger = """
    CREATE TRIGGER events_hash_required BEFORE INSERT ON events
        WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL OR length(NEW.hash) <> 32 OR length(NEW.prev_hash) <> 32
        BEGIN SELECT RAISE(ABORT, 'the event log is a hash chain: events are appended only by the console'); END;
    """

    static let v4 = """
    ALTER TABLE cases ADD COLUMN severity_cap TEXT;
    ALTER TABLE cases ADD COLUMN last_reminder_at INTEGER;
    ALTER TABLE cases ADD COLUMN crisis_event_id INTEGER;
    CREATE INDEX cases_crisis ON cases(crisis_event_id) WHERE crisis_event_id IS NOT NULL;
    CREATE INDEX cases_burst ON cases(branch, line, received_at);
    CREATE INDEX cases_repeat_of ON cases(repeat_of) WHERE repeat_of IS NOT NULL;
    CREATE INDEX cases_due ON cases(next_due_at) WHERE next_due_at IS NOT NULL;

    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        rule TEXT NOT NULL,
        subject TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('info','warning','critical')),
        case_number TEXT,
        case_kind TEXT,
        message_zh TEXT NOT NULL,
        message_en TEXT NOT NULL,
        raised_at INTEGER NOT NULL,
        acknowledged_by TEXT,
        acknowledged_at INTEGER,
        ack_note TEXT,
        cleared_at INTEGER,
        UNIQUE (rule, subject, level)
    );
    CREATE INDEX alerts_active ON alerts(level, raised_at) WHERE cleared_at IS NULL;
    CREATE INDEX alerts_case ON alerts(case_number) WHERE cleared_at IS NULL;

    CREATE TABLE crisis_events (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('proposed','declared','dismissed','closed','archived')),
        trigger TEXT NOT NULL,
        branch TEXT NOT NULL,
        occurred_at INTEGER NOT NULL,
        proposed_at INTEGER NOT NULL,
        declared_at INTEGER,
        declared_by TEXT,
        dismissed_reason TEXT,
        final_result TEXT,
        cause_analysis TEXT,
        lessons TEXT,
        closed_at INTEGER,
        archived_at INTEGER,
        updated_at INTEGER NOT NULL
    );
    CREATE TABLE crisis_cases (
        event_id INTEGER NOT NULL REFERENCES crisis_events(id),
        case_id INTEGER NOT NULL REFERENCES cases(id),
        PRIMARY KEY (event_id, case_id)
    ) WITHOUT ROWID;
    CREATE INDEX crisis_cases_case ON crisis_cases(case_id);
    CREATE TABLE crisis_reports (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES crisis_events(id),
        kind TEXT NOT NULL,
        to_whom TEXT NOT NULL,
        at INTEGER NOT NULL,
        by TEXT NOT NULL,
        text TEXT NOT NULL
    );

    CREATE TABLE branch_figures (
        branch TEXT NOT NULL,
        month TEXT NOT NULL,
        claim_reports INTEGER,
        premium REAL,
        policies_new INTEGER,
        policies_in_force INTEGER,
        insured_persons INTEGER,
        PRIMARY KEY (branch, month)
    ) WITHOUT ROWID;

    CREATE TABLE penalties (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        person TEXT NOT NULL,
        responsibility TEXT NOT NULL CHECK (responsibility IN ('direct','lead')),
        amount REAL NOT NULL,
        reminder INTEGER NOT NULL,
        rule TEXT NOT NULL,
        month TEXT NOT NULL,
        at INTEGER NOT NULL,
        by TEXT NOT NULL
    );
    CREATE INDEX penalties_month ON penalties(month, person);
    """

    /// v5: which case each source row became (source name + the source's id, unique per source),
    /// and a hash of the row's mapped values, so a re-import updates changed cases, skips unchanged
    /// ones and never creates one twice. The import itself is recorded in the event log.
    static let v5 = """
    CREATE TABLE import_keys (
        source TEXT NOT NULL,
        source_id TEXT NOT NULL,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        row_hash INTEGER NOT NULL,
        imported_at INTEGER NOT NULL,
        PRIMARY KEY (source, source_id)
    ) WITHOUT ROWID;
    CREATE INDEX import_keys_case ON import_keys(case_id);
    """

    /// v7: a report case's source reference and import keys move into the report track's own key
    /// space (ImportIdentity), so a general import's "already imported" can never answer for one.
    static let v7 = """
    UPDATE import_keys SET source = char(1) || 'report' || char(1) || source
        WHERE substr(source, 1, 1) <> char(1) AND case_id IN (SELECT id FROM cases WHERE kind = 'report');
    UPDATE cases SET source_ref = char(1) || 'report' || char(1) || source_ref
        WHERE kind = 'report' AND source_ref IS NOT NULL AND substr(source_ref, 1, 1) <> char(1);
    """

    /// v9: per login, when they last looked at the alerts (alerts raised since are new), how a
    /// new critical alert is announced to them, and which announcements they have had (each at
    /// most once); closed cases awaiting a callback by index, so the alert rules' first pass
    /// reads them without scanning the file (venting cases have no callback clock); and open
    /// report cases by handler, so a load that leaves them out is counted from indexes alone
    /// (`AccessControl.openLoad`) instead of reading every open case's row (docs/alerts.md).
    static let v9 = """
    CREATE TABLE alert_readers (
        user TEXT PRIMARY KEY,
        last_looked_at INTEGER,
        notify TEXT NOT NULL DEFAULT 'flash',
        announce_from INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE alert_notices (
        user TEXT NOT NULL,
        notice TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (user, notice)
    ) WITHOUT ROWID;
    CREATE INDEX cases_closed_callback ON cases(closed_at) WHERE status = 'closed' AND kind <> 'venting';
    CREATE INDEX cases_open_report ON cases(handler) WHERE kind = 'report' AND \(openCondition);
    """

    /// v10: the regulator's transfer number (转办编号) of a case a regulator forwarded, found by
    /// search; and the forms people have in progress (`FormDrafts`, docs/drafts.md), one per user
    /// and form, personal data kept only until saved, discarded or purged.
    static let v10 = """
    ALTER TABLE cases ADD COLUMN regulator_ref TEXT;
    CREATE INDEX cases_regulator_ref ON cases(regulator_ref) WHERE regulator_ref IS NOT NULL;
    CREATE TABLE drafts (
        user_name TEXT NOT NULL,
        form TEXT NOT NULL,
        case_number TEXT,
        case_kind TEXT,
        saved_at INTEGER NOT NULL,
        fields TEXT NOT NULL,
        PRIMARY KEY (user_name, form)
    ) WITHOUT ROWID;
    CREATE INDEX drafts_case ON drafts(case_number) WHERE case_number IS NOT NULL;
    """

    static let v1 = """
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        received_at INTEGER NOT NULL,
        receiving_operator TEXT NOT NULL,
        channel TEXT NOT NULL,
        branch TEXT NOT NULL,
        source TEXT NOT NULL,
        name TEXT NOT NULL,
        phone TEXT NOT NULL,
        id_number TEXT NOT NULL,
        policy_number TEXT NOT NULL,
        claim_number TEXT NOT NULL,
        bank_account TEXT NOT NULL,
        language TEXT NOT NULL,
        line TEXT NOT NULL,
        product TEXT NOT NULL,
        category TEXT NOT NULL,
        kind TEXT NOT NULL,
        summary TEXT NOT NULL,
        details TEXT NOT NULL,
        demand TEXT NOT NULL,
        people INTEGER NOT NULL CHECK (people >= 1),
        potential_loss REAL NOT NULL CHECK (potential_loss >= 0),
        regulator_involved INTEGER NOT NULL,
        media_involved INTEGER NOT NULL,
        online_exposure INTEGER NOT NULL,
        handler TEXT,
        team TEXT,
        status TEXT NOT NULL CHECK (status IN ('received','contacted','investigating','pending-approval','approved','closed','followed-up','withdrawn')),
        severity TEXT NOT NULL CHECK (severity IN ('crisis','major','urgent','general','venting')),
        severity_override TEXT,
        repeat_count INTEGER NOT NULL,
        repeat_of TEXT,
        validity TEXT NOT NULL,
        validity_reason TEXT NOT NULL,
        responsible_staff TEXT,
        responsible_lead TEXT,
        resolution TEXT NOT NULL,
        closing_basis TEXT,
        callback_result TEXT,
        satisfaction INTEGER,
        promised_at INTEGER,
        extension_count INTEGER NOT NULL,
        contacted_at INTEGER,
        investigation_started_at INTEGER,
        submitted_at INTEGER,
        approved_at INTEGER,
        closed_at INTEGER,
        followed_up_at INTEGER,
        withdrawn_at INTEGER,
        last_note_at INTEGER,
        stages_started_at INTEGER NOT NULL,
        improvement_suggestion TEXT NOT NULL,
        source_ref TEXT UNIQUE,
        next_due_at INTEGER,
        version INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
    );
    CREATE INDEX cases_open_matrix ON cases(category, severity) WHERE \(openCondition);
    CREATE INDEX cases_open_due ON cases(next_due_at) WHERE \(openCondition);
    CREATE INDEX cases_open_handler ON cases(handler, next_due_at) WHERE \(openCondition);
    CREATE INDEX cases_received ON cases(received_at);
    CREATE INDEX cases_phone ON cases(phone) WHERE phone <> '';
    CREATE INDEX cases_id_number ON cases(id_number) WHERE id_number <> '';
    CREATE INDEX cases_policy ON cases(policy_number) WHERE policy_number <> '';

    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        case_id INTEGER REFERENCES cases(id),
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT,
        detail TEXT NOT NULL
    );
    CREATE INDEX events_case ON events(case_id, id);
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only: events cannot be changed'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only: events cannot be deleted'); END;

    CREATE TABLE case_sequences (
        day TEXT PRIMARY KEY,
        last INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE users (
        name TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        team TEXT NOT NULL,
        role TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1
    ) WITHOUT ROWID;

    CREATE TABLE shifts (
        id INTEGER PRIMARY KEY,
        user_name TEXT NOT NULL REFERENCES users(name),
        starts_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL CHECK (ends_at > starts_at)
    );
    CREATE INDEX shifts_time ON shifts(starts_at, ends_at);
    """
}
