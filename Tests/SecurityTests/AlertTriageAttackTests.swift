@testable import CaseModel
import DeskTestSupport
import Foundation
import MatrixSupport
import XCTest

/// The new alert paths — groups, counts, filters, acknowledgement by filter, current texts,
/// announcements, the crisis picture — tried by roles that may not see report cases (举报件).
/// Each answers on a desk with report cases exactly as on the same desk without them, and no
/// acknowledgement by filter reaches an alert the role cannot see.
final class AlertTriageAttackTests: XCTestCase {
    /// The two attack desks at noon the next day: every first contact overdue (critical), the
    /// report case without a handler unassigned.
    func desks() throws -> (plain: AttackDesk, reports: AttackDesk) {
        let plain = try AttackDesk(withReports: false), reports = try AttackDesk(withReports: true)
        for d in [plain, reports] {
            let clock = d.desk.clock as! FixedClock
            clock.set(DeskTime.standard.parse("2026-02-18T12:00:00+08:00")!)
            _ = try AlertEvaluator(desk: d.desk).tick(at: clock.now())
        }
        let restricted = try reports.desk.store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM alerts WHERE case_kind = 'report' AND cleared_at IS NULL") ?? 0
        }
        XCTAssertGreaterThan(restricted, 0, "the desk with report cases has active alerts on them")
        return (plain, reports)
    }

    static let blind = [AttackDesk.operatorLogin, AttackDesk.handlerLogin, AttackDesk.leadLogin, AttackDesk.crisisLogin, AttackDesk.adminLogin]

    func testGroupsCountsAndPagesCountOnlyWhatTheReaderMaySee() throws {
        let (plain, reports) = try desks()
        for login in Self.blind {
            let actor = Actor(name: login)
            for dim in AlertBoard.Dimension.allCases {
                attempt(.hidden, "alert groups by \(dim.rawValue) as \(login)") {
                    let a = try AlertBoard.load(plain.desk, filter: AlertListFilter(acknowledged: nil), by: dim, actor: actor)
                    let b = try AlertBoard.load(reports.desk, filter: AlertListFilter(acknowledged: nil), by: dim, actor: actor)
                    return .held(if: a == b, else: .leaked("groups differ: \(a.groups.map { "\($0.key) \($0.count) \($0.newest.map(\.alert))" }) vs \(b.groups.map { "\($0.key) \($0.count) \($0.newest.map(\.alert))" })"))
                }
            }
            attempt(.hidden, "alert overview and page totals as \(login)") {
                let a = (try DeskAlerts.overview(plain.desk, actor: actor), try AlertList.page(plain.desk, filter: AlertListFilter(acknowledged: nil), actor: actor))
                let b = (try DeskAlerts.overview(reports.desk, actor: actor), try AlertList.page(reports.desk, filter: AlertListFilter(acknowledged: nil), actor: actor))
                return .held(if: a.0 == b.0 && a.1 == b.1, else: .leaked("\(a.0) \(a.1.total) vs \(b.0) \(b.1.total)"))
            }
            attempt(.hidden, "alerts filtered by the report handler's name as \(login)") {
                let f = AlertListFilter(acknowledged: nil, handler: AttackDesk.officeLogin)
                let a = try AlertList.page(plain.desk, filter: f, actor: actor), b = try AlertList.page(reports.desk, filter: f, actor: actor)
                return .held(if: a == b && b.total == 0, else: .leaked("\(b.total) alert(s) about the office's report case"))
            }
            attempt(.hidden, "alerts in the role's default view as \(login)") {
                let f = AlertListFilter(view: .roleDefault)
                let a = try AlertList.page(plain.desk, filter: f, actor: actor), b = try AlertList.page(reports.desk, filter: f, actor: actor)
                return .held(if: a == b, else: .leaked("\(a.total) vs \(b.total)"))
            }
        }
    }

    func testAcknowledgingByFilterNeverReachesAnAlertTheRoleCannotSee() throws {
        let (_, reports) = try desks()
        func reportAlertsAcknowledged() throws -> Int {
            try reports.desk.store.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM alerts WHERE case_kind = 'report' AND acknowledged_at IS NOT NULL") ?? 0
            }
        }
        for login in [AttackDesk.operatorLogin, AttackDesk.handlerLogin, AttackDesk.leadLogin, AttackDesk.crisisLogin] {
            let actor = Actor(name: login)
            for filter in [AlertListFilter(branch: "上海分公司"), AlertListFilter(rule: .unassigned), AlertListFilter(handler: ""),
                           AlertListFilter(level: .critical), AlertListFilter(handler: AttackDesk.officeLogin), AlertListFilter(view: .roleDefault)] {
                attempt(.hidden, "acknowledge by \(filter) as \(login)") {
                    let preview = try DeskAlerts.previewAcknowledgement(reports.desk, matching: filter, actor: actor)
                    let done = try DeskAlerts.acknowledge(reports.desk, matching: filter, expecting: preview.count, actor: actor)
                    if try reportAlertsAcknowledged() > 0 { return .broke("an alert on a report case was acknowledged by \(login)") }
                    return .held(if: done == preview.count, else: .broke("acknowledged \(done), previewed \(preview.count)"))
                }
            }
        }
        attempt(.permission, "an auditor (who sees report cases) acknowledges by filter") {
            do {
                _ = try DeskAlerts.acknowledge(reports.desk, matching: AlertListFilter(rule: .unassigned), actor: Actor(name: AttackDesk.auditorLogin))
                return .broke("the auditor acknowledged alerts")
            } catch DomainError.notPermitted { return .held }
        }
        attempt(.permission, "a login not on the roster previews an acknowledgement") {
            do {
                _ = try DeskAlerts.previewAcknowledgement(reports.desk, matching: AlertListFilter(rule: .unassigned), actor: Actor(name: AttackDesk.ghostLogin))
                return .broke("a stranger saw a count")
            } catch DomainError.notPermitted { return .held }
        }
    }

    func testAnnouncementsAndTheCrisisPictureLeaveReportCasesOut() throws {
        let (plain, reports) = try desks()
        for login in Self.blind {
            attempt(.hidden, "announcements of new critical alerts as \(login)") {
                // Announcements start at a user's first ask; alerts raised later are announced.
                let now = DeskTime.standard.parse("2026-02-18T12:00:00+08:00")!
                var out: [[String]] = []
                for d in [plain, reports] {
                    let announcer = AlertAnnouncer(desk: d.desk, actor: Actor(name: login))
                    try d.desk.store.write { db in
                        // Announcements started the day before: every critical alert since is due.
                        try db.execute(sql: "INSERT OR REPLACE INTO alert_readers (user, last_looked_at, notify, announce_from) VALUES (?, NULL, 'flash', ?)",
                                       arguments: [login, now.seconds - 86_400])
                    }
                    out.append(try announcer.due(at: now).map(\.key).map { $0.replacingOccurrences(of: #"alert:\d+:"#, with: "alert:", options: .regularExpression) })
                }
                let restricted = try reports.desk.store.read { db in
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM alerts WHERE case_kind = 'report' AND level = 'critical' AND cleared_at IS NULL") ?? 0
                }
                guard restricted > 0 else { return .broke("the fixture has no critical alert on a report case") }
                return .held(if: out[0] == out[1], else: .leaked("announced \(out[1].count) with report cases, \(out[0].count) without"))
            }
            attempt(.hidden, "the crisis picture as \(login)") {
                let now = DeskTime.standard.parse("2026-02-18T12:00:00+08:00")!
                let a = try CrisisPicture.load(plain.desk, at: now, actor: Actor(name: login))
                let b = try CrisisPicture.load(reports.desk, at: now, actor: Actor(name: login))
                return .held(if: a == b, else: .leaked("\(a) vs \(b)"))
            }
        }
    }
}
