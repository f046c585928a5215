import DeskTestSupport
import Foundation
import GRDB
import XCTest
@testable import CaseModel

/// A temporary directory removed when the test ends (the shared `ScratchDirectory`).
typealias TempDir = ScratchDirectory

/// A desk on a fresh database with a small roster, its clock at 2026-02-16 10:00 +08:00.
struct TestDesk {
    let dir = TempDir()
    let desk: CaseDesk
    let clock: FixedClock
    let op = Actor(name: "zhoufang")
    let lead = Actor(name: "wangmin")
    /// A handler (investigates and submits; docs/workflow.md, "Who may do what").
    let handler = Actor(name: "zhangqiang")

    init(now: String = "2026-02-16T10:00:00+08:00") throws {
        clock = FixedClock(DeskTime.standard.parse(now)!)
        let path = dir.file("desk.sqlite")
        do {
            let store = try CaseStore(path: path)
            try store.write { db in
                try Roster.add(DeskUser(name: "wangmin", displayName: "王敏", team: "理赔组", role: .teamLead), db)
                try Roster.add(DeskUser(name: "zhangqiang", displayName: "张强", team: "理赔组", role: .handler), db)
                try Roster.add(DeskUser(name: "liqiang", displayName: "李强", team: "销售服务组", role: .handler), db)
                try Roster.add(DeskUser(name: "zhoufang", displayName: "周芳", team: "值班组", role: .operator_), db)
                try Roster.add(DeskUser(name: "huangwei", displayName: "黄伟", team: "危机小组", role: .crisisGroup), db)
            }
            if !TestBackend.isServer {
                desk = CaseDesk(store: store, clock: clock)
                return
            }
        }
        // The same desk moved onto the test cluster (CONSOLE_TEST_BACKEND=server).
        desk = try TestBackend.serverDesk(movedFrom: path, dir: dir, clock: clock)
    }

    func draft(summary: String = "理赔款两周未到账", phone: String = "13812341234", kind: String = "general",
               category: String = "claims", line: String = "auto") -> CaseDraft {
        var d = CaseDraft()
        d.summary = summary
        d.phone = phone
        d.kind = kind
        d.category = category
        d.line = line
        d.channel = "hotline"
        d.branch = "上海分公司"
        d.name = "张三"
        return d
    }
}

func instant(_ s: String) -> Instant { DeskTime.standard.parse(s)! }

/// Reads as the desk itself, seeing everything (report cases included), for tests of features
/// other than access: the product's own reads all take an actor and ask the roster.
extension CaseDesk {
    func detail(_ number: String) throws -> (ComplaintCase, [CaseEvent]) {
        try store.read { db in
            guard let c = try CaseRecords.fetch(number: number, visibility: .withReports, db) else { throw DomainError.caseNotFound(number) }
            return (c, try CaseRecords.events(caseId: c.id!, db))
        }
    }

    func crisisEvent(_ id: Int64) throws -> CrisisEvent {
        try store.read { db in try CrisisRecords.event(id, visibility: .withReports, db) }
    }

    func crisisEvents(activeOnly: Bool = false) throws -> [CrisisEvent] {
        try store.read { db in try CrisisRecords.events(activeOnly: activeOnly, visibility: .withReports, db) }
    }

    /// As the test desk's team lead (wangmin).
    func penalties(month: String) throws -> ([PenaltyEntry], [PenaltySummary]) {
        try penalties(month: month, actor: Actor(name: "wangmin"))
    }

    func verifyAudit() throws -> AuditChain.Verification {
        try store.read { db in try AuditChain.verify(db) }
    }

    func auditContains(hash hex: String) throws -> Bool {
        try store.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events WHERE lower(hex(hash)) = ?)", arguments: [hex.lowercased()]) ?? false
        }
    }

    /// As the test desk's team lead (wangmin).
    func repeatCandidates(phone: String, idNumber: String, policyNumber: String, excluding: String? = nil) throws -> [RepeatCandidate] {
        try repeatCandidates(phone: phone, idNumber: idNumber, policyNumber: policyNumber, excluding: excluding, actor: Actor(name: "wangmin"))
    }
}

extension DeskAlerts {
    static func current(_ desk: CaseDesk, at now: Instant, limit: Int = 50, unacknowledgedOnly: Bool = false) throws -> [DeskAlert] {
        try desk.store.read { db in
            var sql = "SELECT \(AlertRecords.columns) FROM alerts WHERE cleared_at IS NULL"
            if unacknowledgedOnly { sql += " AND acknowledged_at IS NULL" }
            sql += " ORDER BY acknowledged_at IS NOT NULL, CASE level WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, raised_at DESC LIMIT ?"
            return try Row.fetchAll(db, sql: sql, arguments: [limit]).compactMap(AlertRecords.decode)
        }
    }

    static func counts(_ desk: CaseDesk) throws -> (active: Int, unacknowledged: Int, critical: Int) {
        let all = try current(desk, at: Instant(seconds: 0), limit: 1_000_000)
        return (all.count, all.filter { $0.acknowledgedAt == nil }.count, all.filter { $0.acknowledgedAt == nil && $0.level == .critical }.count)
    }
}

/// A roster reader with the given visibility (a team lead, or an auditor who sees report cases),
/// added to the desk on first use: reports and lists take an actor.
enum TestReader {
    static func actor(_ desk: CaseDesk, _ visibility: CaseVisibility) throws -> Actor {
        let (name, role): (String, Role) = visibility == .withReports ? ("test-auditor", .auditor) : ("test-lead", .teamLead)
        try desk.store.write { db in
            if try Roster.user(name, db) == nil { try Roster.add(DeskUser(name: name, displayName: name, team: "", role: role), db) }
        }
        return Actor(name: name)
    }
}

extension MetricsReport {
    static func compute(_ desk: CaseDesk, period: ReportPeriod, visibility: CaseVisibility = .standard,
                        basis: DensityBasis = .inForce) throws -> MetricsReport {
        try compute(desk, period: period, actor: try TestReader.actor(desk, visibility), basis: basis)
    }
}

extension HolidaySummary {
    static func compute(_ desk: CaseDesk, period: ReportPeriod, visibility: CaseVisibility = .standard) throws -> HolidaySummary {
        try compute(desk, period: period, actor: try TestReader.actor(desk, visibility))
    }
}

extension GroupReport {
    static func compute(_ desk: CaseDesk, _ dimension: Dimension, period: ReportPeriod, visibility: CaseVisibility = .standard) throws -> GroupReport {
        try compute(desk, dimension, period: period, actor: try TestReader.actor(desk, visibility))
    }
}

extension BranchFigures {
    static func list(_ desk: CaseDesk, month: String? = nil) throws -> [BranchFigures] {
        try list(desk, month: month, actor: try TestReader.actor(desk, .standard))
    }
}
