import GRDB
import GRDBSQLite

/// Maps `ComplaintCase` to the `cases` table and back.
///
/// Binding goes straight to libsqlite3 (through GRDB's statement handle) because bulk import and
/// the demo generator write a million rows and GRDB's boxed arguments cost 3–4× more (docs/architecture.md,
/// "Bulk writes").
enum CaseColumns {
    /// Every column but `id`, in binding order.
    static let names: [String] = [
        "number", "received_at", "receiving_operator", "channel", "branch", "source",
        "name", "phone", "id_number", "policy_number", "claim_number", "bank_account", "language",
        "line", "product", "category", "kind", "summary", "details", "demand", "people", "potential_loss",
        "regulator_involved", "media_involved", "online_exposure", "handler", "team", "status", "severity",
        "severity_override", "repeat_count", "repeat_of", "validity", "validity_reason", "responsible_staff",
        "responsible_lead", "resolution", "closing_basis", "callback_result", "satisfaction", "promised_at",
        "extension_count", "contacted_at", "investigation_started_at", "submitted_at", "approved_at", "closed_at",
        "followed_up_at", "withdrawn_at", "last_note_at", "stages_started_at", "improvement_suggestion",
        "source_ref", "next_due_at", "version", "updated_at", "updated_by", "column_changed_at",
        "severity_cap", "last_reminder_at", "crisis_event_id", "regulator_ref",
    ]

    /// `id, number, ...` for SELECT.
    static let selectList = "id, " + names.joined(separator: ", ")

    static let insertSQL = "INSERT INTO cases (\(names.joined(separator: ", ")), id) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")), ?)"

    /// Updates every column of a case if its version is the one read.
    static let updateSQL = "UPDATE cases SET \(names.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ? AND version = ?"

    /// Binds a case's columns at positions 1...names.count.
    static func bind(_ c: ComplaintCase, to s: OpaquePointer) {
        var i: Int32 = 0
        func text(_ v: String) { i += 1; CaseRecords.bindText(s, i, v) }
        func optText(_ v: String?) { if let v { text(v) } else { i += 1; sqlite3_bind_null(s, i) } }
        func int(_ v: Int64) { i += 1; sqlite3_bind_int64(s, i, v) }
        func optInt(_ v: Int64?) { if let v { int(v) } else { i += 1; sqlite3_bind_null(s, i) } }
        func bool(_ v: Bool) { int(v ? 1 : 0) }
        text(c.number); int(c.receivedAt.seconds); text(c.receivingOperator); text(c.channel.rawValue)
        text(c.branch); text(c.source.rawValue)
        let p = c.complainant
        text(p.name); text(p.phone); text(p.idNumber); text(p.policyNumber); text(p.claimNumber)
        text(p.bankAccount); text(p.language)
        text(c.line.rawValue); text(c.product); text(c.category.rawValue); text(c.kind.rawValue)
        text(c.summary); text(c.details); text(c.demand); int(Int64(c.peopleInvolved))
        i += 1; sqlite3_bind_double(s, i, c.potentialLoss)
        bool(c.regulatorInvolved); bool(c.mediaInvolved); bool(c.onlineExposure)
        optText(c.handler); optText(c.team); text(c.status.rawValue); text(c.severity.rawValue)
        optText(c.severityOverride?.rawValue); int(Int64(c.repeatCount)); optText(c.repeatOf)
        text(c.validity.rawValue); text(c.validityReason); optText(c.responsibleStaff); optText(c.responsibleLead)
        text(c.resolution); optText(c.closingBasis?.rawValue); optText(c.callbackResult?.rawValue)
        optInt(c.satisfaction.map(Int64.init)); optInt(c.promisedAt?.seconds); int(Int64(c.extensionCount))
        optInt(c.contactedAt?.seconds); optInt(c.investigationStartedAt?.seconds); optInt(c.submittedAt?.seconds)
        optInt(c.approvedAt?.seconds); optInt(c.closedAt?.seconds); optInt(c.followedUpAt?.seconds)
        optInt(c.withdrawnAt?.seconds); optInt(c.lastNoteAt?.seconds); int(c.stagesStartedAt.seconds)
        text(c.improvementSuggestion); optText(ImportIdentity.storedRef(c.sourceRef, kind: c.kind)); optInt(c.nextDueAt?.seconds)
        int(Int64(c.version)); int(c.updatedAt.seconds); text(c.updatedBy); optInt(c.columnChangedAt?.seconds)
        optText(c.severityCap?.rawValue); optInt(c.lastReminderAt?.seconds); optInt(c.crisisEventId)
        optText(c.regulatorRef)
    }

    /// A case row (id first, number second) read through `StoredRow`, its errors naming the case
    /// by number, or by id when the number itself is damaged.
    static func storedRow(_ row: Row) -> StoredRow {
        // The label is made only when a value is refused, while the row is still the current one.
        StoredRow(row, "cases") {
            if case .string(let n) = (row[1] as StoredCell).value.storage { return "case \(n)" }
            return "case row \(StoredRow.show((row[0] as StoredCell).value))"
        }
    }

    /// Decodes a row selected with `selectList`. A value outside its enum or its range
    /// (`DeskBounds`), of the wrong type or missing is reported (`StoredValueError`, naming the case
    /// and the column), never guessed or computed with.
    static func decode(_ row: Row) throws -> ComplaintCase {
        let r = storedRow(row)
        var i = 0
        func next() -> Int { i += 1; return i }
        func str(_ column: String) throws -> String { try r.text(next(), column) }
        func optStr(_ column: String) throws -> String? { try r.optText(next(), column) }
        func inst(_ column: String) throws -> Instant { try r.instant(next(), column) }
        func optInst(_ column: String) throws -> Instant? { try r.optInstant(next(), column) }
        func count(_ column: String, from lower: Int64 = 0) throws -> Int {
            Int(try r.int(next(), column, in: lower...DeskBounds.count.upperBound))
        }
        func en<E: Labeled>(_ column: String) throws -> E { try r.code(next(), column) }
        func optEn<E: Labeled>(_ column: String) throws -> E? { try r.optCode(next(), column) }
        func flag(_ column: String) throws -> Bool { try r.flag(next(), column) }
        let id = try r.id(0, "id")
        var c = ComplaintCase(number: try str("number"), receivedAt: try inst("received_at"), receivingOperator: try str("receiving_operator"))
        c.id = id
        c.channel = try en("channel"); c.branch = try str("branch"); c.source = try en("source")
        c.complainant = Complainant(name: try str("name"), phone: try str("phone"), idNumber: try str("id_number"),
                                    policyNumber: try str("policy_number"), claimNumber: try str("claim_number"),
                                    bankAccount: try str("bank_account"), language: try str("language"))
        c.line = try en("line"); c.product = try str("product"); c.category = try en("category"); c.kind = try en("kind")
        c.summary = try str("summary"); c.details = try str("details"); c.demand = try str("demand")
        c.peopleInvolved = Int(try r.int(next(), "people", in: Int64(DeskBounds.people.lowerBound)...Int64(DeskBounds.people.upperBound)))
        c.potentialLoss = try r.yuan(next(), "potential_loss")
        c.regulatorInvolved = try flag("regulator_involved"); c.mediaInvolved = try flag("media_involved")
        c.onlineExposure = try flag("online_exposure")
        c.handler = try optStr("handler"); c.team = try optStr("team"); c.status = try en("status"); c.severity = try en("severity")
        c.severityOverride = try optEn("severity_override"); c.repeatCount = try count("repeat_count", from: 1)
        c.repeatOf = try optStr("repeat_of")
        c.validity = try en("validity"); c.validityReason = try str("validity_reason"); c.responsibleStaff = try optStr("responsible_staff")
        c.responsibleLead = try optStr("responsible_lead"); c.resolution = try str("resolution")
        c.closingBasis = try optEn("closing_basis"); c.callbackResult = try optEn("callback_result")
        let satisfaction = DeskBounds.satisfaction
        c.satisfaction = try r.optInt(next(), "satisfaction", in: Int64(satisfaction.lowerBound)...Int64(satisfaction.upperBound)).map { Int($0) }
        c.promisedAt = try optInst("promised_at"); c.extensionCount = try count("extension_count")
        c.contactedAt = try optInst("contacted_at"); c.investigationStartedAt = try optInst("investigation_started_at")
        c.submittedAt = try optInst("submitted_at"); c.approvedAt = try optInst("approved_at"); c.closedAt = try optInst("closed_at")
        c.followedUpAt = try optInst("followed_up_at"); c.withdrawnAt = try optInst("withdrawn_at")
        c.lastNoteAt = try optInst("last_note_at"); c.stagesStartedAt = try inst("stages_started_at")
        c.improvementSuggestion = try str("improvement_suggestion")
        c.sourceRef = ImportIdentity.visibleRef(try optStr("source_ref")); c.nextDueAt = try optInst("next_due_at"); c.version = try count("version")
        c.updatedAt = try inst("updated_at"); c.updatedBy = try str("updated_by")
        c.columnChangedAt = try optInst("column_changed_at")
        c.severityCap = try optEn("severity_cap"); c.lastReminderAt = try optInst("last_reminder_at")
        c.crisisEventId = try r.optInt(next(), "crisis_event_id", in: 1...Int64.max)
        c.regulatorRef = try optStr("regulator_ref")
        return c
    }

    /// Checks a case about to be written against `DeskBounds`: whatever command built it, nothing
    /// out of range reaches the file (and so nothing the reading side would refuse).
    static func check(_ c: ComplaintCase) throws {
        try DeskBounds.check(c.peopleInvolved, in: DeskBounds.people, field: "people")
        try DeskBounds.checkYuan(c.potentialLoss, field: "potential_loss")
        if let s = c.satisfaction { try DeskBounds.check(s, in: DeskBounds.satisfaction, field: "satisfaction") }
        for (field, n) in [("repeat_count", c.repeatCount), ("extension_count", c.extensionCount), ("version", c.version)] {
            try DeskBounds.checkCount(n, field: field)
        }
        let times: [(String, Instant?)] = [
            ("received_at", c.receivedAt), ("promised_at", c.promisedAt), ("contacted_at", c.contactedAt),
            ("investigation_started_at", c.investigationStartedAt), ("submitted_at", c.submittedAt), ("approved_at", c.approvedAt),
            ("closed_at", c.closedAt), ("followed_up_at", c.followedUpAt), ("withdrawn_at", c.withdrawnAt),
            ("last_note_at", c.lastNoteAt), ("stages_started_at", c.stagesStartedAt), ("next_due_at", c.nextDueAt),
            ("updated_at", c.updatedAt), ("column_changed_at", c.columnChangedAt), ("last_reminder_at", c.lastReminderAt),
        ]
        for (field, t) in times { if let t { try DeskBounds.checkInstant(t, field: field) } }
    }
}
