import Foundation
import XCTest
@testable import CaseModel

/// A temporary directory removed when the test ends.
final class TempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "cdc-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { path + "/" + name }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A desk on a fresh database with a small roster, its clock at 2026-02-16 10:00 +08:00.
struct TestDesk {
    let dir = TempDir()
    let desk: CaseDesk
    let clock: FixedClock
    let op = Actor(name: "zhoufang")
    let lead = Actor(name: "wangmin")
    /// A handler (investigates and submits; SPEC §1).
    let handler = Actor(name: "zhangqiang")

    init(now: String = "2026-02-16T10:00:00+08:00") throws {
        clock = FixedClock(DeskTime.standard.parse(now)!)
        let store = try CaseStore(path: dir.file("desk.sqlite"))
        desk = CaseDesk(store: store, clock: clock)
        try store.write { db in
            try Roster.add(DeskUser(name: "wangmin", displayName: "王敏", team: "理赔组", role: .teamLead), db)
            try Roster.add(DeskUser(name: "zhangqiang", displayName: "张强", team: "理赔组", role: .handler), db)
            try Roster.add(DeskUser(name: "liqiang", displayName: "李强", team: "销售服务组", role: .handler), db)
            try Roster.add(DeskUser(name: "zhoufang", displayName: "周芳", team: "值班组", role: .operator_), db)
            try Roster.add(DeskUser(name: "huangwei", displayName: "黄伟", team: "危机小组", role: .crisisGroup), db)
        }
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
