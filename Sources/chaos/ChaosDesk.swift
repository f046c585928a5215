import CaseModel
import Foundation
import GRDB

/// The desk every chaos run starts from: a roster of team leads (one per writer), handlers to
/// reassign to, and a handful of "hot" cases that every writer fights over.
enum ChaosDesk {
    /// The instant the writers' clocks start (Spring Festival 2026, the first evening).
    static let start = DeskTime.standard.parse("2026-02-17T21:30:00+08:00")!
    /// Handlers the writers reassign hot cases between.
    static let handlers = ["chaos-h0", "chaos-h1", "chaos-h2", "chaos-h3", "chaos-h4", "chaos-h5"]

    /// The administrator who puts everyone else on the roster.
    static let admin = "chaos-admin"

    /// The team lead a writer acts as.
    static func lead(_ worker: Int) -> String { "chaos-lead\(worker)" }

    /// Creates the roster and `hot` cases in a new database at `path`; prints the hot numbers.
    static func setup(path: String, writers: Int, hot: Int) throws -> [String] {
        let store = try CaseStore(path: path)
        let desk = CaseDesk(store: store, clock: FixedClock(start))
        // The roster through the desk's commands, each change recorded: the bootstrap administrator first.
        try desk.addUser(DeskUser(name: admin, displayName: "管理员", team: "", role: .administrator), actor: Actor(name: admin))
        for w in 0..<max(writers, 1) {
            try desk.addUser(DeskUser(name: lead(w), displayName: "组长\(w)", team: "值班组", role: .teamLead), actor: Actor(name: admin))
        }
        for h in handlers {
            try desk.addUser(DeskUser(name: h, displayName: "处理人\(h.suffix(1))", team: "理赔组", role: .handler), actor: Actor(name: admin))
        }
        var numbers: [String] = []
        for i in 0..<hot {
            var d = CaseDraft()
            d.summary = "热点投诉 hot case \(i)"
            d.category = ["claims", "sales", "service"][i % 3]
            d.line = "auto"
            d.channel = "hotline"
            d.branch = "上海分公司"
            d.phone = String(format: "1390000%04d", i)
            d.people = i % 4 == 0 ? 6 : 1
            d.regulatorInvolved = i % 5 == 0
            d.handler = handlers[i % handlers.count]
            numbers.append(try desk.intake(d, actor: Actor(name: lead(0))).number)
        }
        return numbers
    }

    /// The hot cases: the first `hot` cases by id.
    static func hotCases(_ store: CaseStore) throws -> [String] {
        try store.read { db in
            try String.fetchAll(db, sql: "SELECT number FROM cases WHERE summary LIKE '热点投诉 hot case %' ORDER BY id")
        }
    }
}
