import GRDB
import GRDBSQLite

/// Maps `ComplaintCase` to the `cases` table and back.
///
/// Binding goes straight to libsqlite3 (through GRDB's statement handle) because bulk import and
/// the demo generator write a million rows and GRDB's boxed arguments cost 3–4× more (FIELD-NOTES).
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
        "severity_cap", "last_reminder_at", "crisis_event_id",
    ]

    /// `id, number, ...` for SELECT.
    static let selectList = "id, " + names.joined(separator: ", ")

    static let insertSQL = "INSERT INTO cases (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"

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
    }

    /// Decodes a row selected with `selectList`. A value outside its enum is reported, not guessed.
    static func decode(_ row: Row) throws -> ComplaintCase {
        var i = 0
        func next() -> DatabaseValue { i += 1; return row[i] }
        func str() -> String { String.fromDatabaseValue(next()) ?? "" }
        func optStr() -> String? { String.fromDatabaseValue(next()) }
        func int() -> Int64 { Int64.fromDatabaseValue(next()) ?? 0 }
        func optInt() -> Int64? { Int64.fromDatabaseValue(next()) }
        func inst() -> Instant { Instant(seconds: int()) }
        func optInst() -> Instant? { optInt().map { Instant(seconds: $0) } }
        func en<E: Labeled>(_ field: String) throws -> E { try E.parse(str(), field: field) }
        func optEn<E: Labeled>(_ field: String) throws -> E? {
            guard let s = optStr() else { return nil }
            return try E.parse(s, field: field)
        }
        let id: Int64 = row[0]
        var c = ComplaintCase(number: str(), receivedAt: inst(), receivingOperator: str())
        c.id = id
        c.channel = try en("channel"); c.branch = str(); c.source = try en("source")
        c.complainant = Complainant(name: str(), phone: str(), idNumber: str(), policyNumber: str(),
                                    claimNumber: str(), bankAccount: str(), language: str())
        c.line = try en("line"); c.product = str(); c.category = try en("category"); c.kind = try en("kind")
        c.summary = str(); c.details = str(); c.demand = str(); c.peopleInvolved = Int(int())
        c.potentialLoss = Double.fromDatabaseValue(next()) ?? 0
        c.regulatorInvolved = int() != 0; c.mediaInvolved = int() != 0; c.onlineExposure = int() != 0
        c.handler = optStr(); c.team = optStr(); c.status = try en("status"); c.severity = try en("severity")
        c.severityOverride = try optEn("severity_override"); c.repeatCount = Int(int()); c.repeatOf = optStr()
        c.validity = try en("validity"); c.validityReason = str(); c.responsibleStaff = optStr()
        c.responsibleLead = optStr(); c.resolution = str(); c.closingBasis = try optEn("closing_basis")
        c.callbackResult = try optEn("callback_result"); c.satisfaction = optInt().map { Int($0) }
        c.promisedAt = optInst(); c.extensionCount = Int(int())
        c.contactedAt = optInst(); c.investigationStartedAt = optInst(); c.submittedAt = optInst()
        c.approvedAt = optInst(); c.closedAt = optInst(); c.followedUpAt = optInst(); c.withdrawnAt = optInst()
        c.lastNoteAt = optInst(); c.stagesStartedAt = inst(); c.improvementSuggestion = str()
        c.sourceRef = ImportIdentity.visibleRef(optStr()); c.nextDueAt = optInst(); c.version = Int(int()); c.updatedAt = inst()
        c.updatedBy = str()
        c.columnChangedAt = optInst()
        c.severityCap = try optEn("severity_cap"); c.lastReminderAt = optInst(); c.crisisEventId = optInt()
        return c
    }
}
