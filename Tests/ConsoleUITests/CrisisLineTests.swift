import CaseModel
import ConsoleTestSupport
import XCTest
@testable import ConsoleUI
import TerminalKit

/// The dashboard's crisis line and the crisis board's order: counts, the most urgent event by the
/// desk's one urgency order, whole events turning every few seconds, never a cut first character.
final class CrisisLineTests: XCTestCase {
    let now = Fixture.now

    func summary(_ id: String, people: Int, status: CrisisStatus, tier: CrisisUrgency.Tier, superiorIn: Int64?) -> CrisisSummary {
        CrisisSummary(id: id, title: "事件\(id)", branch: "苏州中心支公司", people: people, mediaInvolved: false, regulatorInvolved: people == 1,
                      isMassIncident: false, superiorReportDue: superiorIn.map { now.adding(seconds: $0) }, hqReportDue: nil,
                      caseNumbers: [], status: status, tier: tier)
    }

    var picture: CrisisPicture {
        CrisisPicture(proposed: 2, declared: 1, events: [
            summary("17", people: 32, status: .declared, tier: .first, superiorIn: 23 * 60),
            summary("21", people: 1, status: .proposed, tier: .single, superiorIn: -600),
            summary("22", people: 1, status: .proposed, tier: .single, superiorIn: -300),
        ], at: now)
    }

    func testTheLineCountsAndNamesTheMostUrgentWithItsNearestClock() {
        let st = ConsoleSettings(language: .zh, userName: Fixture.user)
        let line = CrisisLine.text(picture, ticks: 0, now: now, width: 140, st)!
        XCTAssertTrue(line.hasPrefix(" 【危机】提议 2 · 启动 1"), line)
        XCTAssertTrue(line.contains("最紧急 #17 [已启动] 报上级剩 0:23 · 苏州中心支公司 32人 · 事件17"), line)
        let en = CrisisLine.text(picture, ticks: 0, now: now, width: 140, ConsoleSettings(language: .en, userName: Fixture.user))!
        XCTAssertTrue(en.contains("2 proposed, 1 declared") && en.contains("most urgent #17 [declared]") && en.contains("superior report in 0:23"), en)
        XCTAssertTrue(CrisisLine.text(CrisisPicture(proposed: 0, declared: 0, events: [], at: now), ticks: 0, now: now, width: 80, st) == nil)
    }

    func testSeveralEventsTurnWholeEveryFourSecondsFromTheirFirstCharacter() {
        let st = ConsoleSettings(language: .en, userName: Fixture.user)
        var shown: [String] = []
        for t in 0..<13 {
            let line = CrisisLine.text(picture, ticks: t, now: now, width: 80, st)!
            XCTAssertTrue(line.hasPrefix(" [crisis] 2 proposed"), "the first character is never cut: \(line)")
            XCTAssertLessThanOrEqual(DisplayWidth.of(line), 80)
            shown.append(String(line.split(separator: "▸")[1].split(separator: " ")[0]))
        }
        XCTAssertEqual(shown, ["most", "most", "most", "most", "2/3", "2/3", "2/3", "2/3", "3/3", "3/3", "3/3", "3/3", "most"])
        let overdue = CrisisLine.text(picture, ticks: 4, now: now, width: 140, st)!
        XCTAssertTrue(overdue.contains("#21") && overdue.contains("superior report over 0:10"), overdue)
    }

    /// On the demo desk: the declared 32-person event leads the line and the board, before the
    /// one-person regulator proposals whose clocks are already overdue.
    func testTheDeclaredGatheringLeadsTheDashboardLineAndTheBoard() throws {
        let desk = try Fixture.sharedDesk()
        let p = Fixture.program(desk, width: 140, height: 45, language: .zh)
        guard let picture = p.state.dashboard.data?.crisis, let first = picture.mostUrgent else { return XCTFail("no crisis picture") }
        XCTAssertEqual(first.status, .declared)
        XCTAssertGreaterThanOrEqual(first.people, 30)
        let line = p.screen[DashboardLayout(width: 140, height: 45).tickerRow]
        XCTAssertTrue(line.hasPrefix(" 【危机】提议 \(picture.proposed) · 启动 \(picture.declared)"), line)
        XCTAssertTrue(line.contains("最紧急 #\(first.id) [已启动]") && line.contains("\(first.people)人"), line)
        p.press("X")
        let board = p.state.crisis.board!.events.filter(\.status.isActive)
        XCTAssertEqual(board.map { String($0.id) }, picture.events.map(\.id), "the board in the same urgency order")
    }
}
