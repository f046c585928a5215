import CaseModel
import ConsoleUI
import Foundation
import TerminalKit

/// `benchmarks intake --db PATH [--user NAME] [--now ISO]`: the intake form on a big desk (issue 7).
/// Repeat suggestions: each keystroke into the phone, ID and policy fields, as update + lookup +
/// render. Intake: the last key (Enter) → saved case and its case screen drawn. Writes cases: run
/// it on a copy.
enum IntakeBenchmark {
    static func run(_ args: [String]) throws {
        var db = "", user = "wangmin", now = "2026-02-17T21:30:00+08:00"
        var i = 0
        while i < args.count {
            let v = i + 1 < args.count ? args[i + 1] : ""
            switch args[i] {
            case "--db": db = v; i += 1
            case "--user": user = v; i += 1
            case "--now": now = v; i += 1
            default: break
            }
            i += 1
        }
        guard !db.isEmpty else { TUIBenchmark.print("usage: benchmarks intake --db PATH [--user NAME] [--now ISO]  (writes: use a copy)"); exit(2) }
        let start = DeskTime.standard.parse(now)!
        let desk = CaseDesk(store: try CaseStore(path: db), clock: OffsetClock(start: start))
        let program = ConsoleProgram(state: ConsoleState(settings: ConsoleSettings(language: .zh, userName: user), now: start, width: 120, height: 40),
                                     data: CaseModelDataSource(desk: desk, actor: Actor(name: user)))
        program.start()
        let all = try desk.store.read { db in try CaseRecords.count(CaseFilter(), db) }
        TUIBenchmark.print("intake benchmark on \(db): \(all) cases, acting as \(user)")
        // Identifiers of open cases (so suggestions are found) and of nobody.
        let known = try desk.store.read { db -> [ComplaintCase] in
            var f = CaseFilter(); f.openness = .open; f.sort = .due; f.limit = 400
            return try CaseRecords.list(f, db).filter { !$0.complainant.phone.isEmpty }
        }
        func key(_ k: Key) { program.send(.key(k)) }
        func focus(_ id: String) { for _ in 0..<40 where program.state.form?.focused?.id != id { key(.tab) } }
        func type(_ text: String) -> [Double] {
            text.map { ch in TUIBenchmark.time { key(.char(ch)); _ = program.render() } }
        }
        var phoneKeys: [Double] = [], idKeys: [Double] = [], policyKeys: [Double] = [], missKeys: [Double] = []
        var found = 0
        for (n, c) in known.prefix(30).enumerated() {
            key(.char("n"))
            guard program.state.form?.purpose == .intake else { TUIBenchmark.print("the intake form did not open (is \(user) on the roster?)"); exit(1) }
            focus("phone"); phoneKeys += type(c.complainant.phone)
            if !program.state.intake.suggestions.isEmpty { found += 1 }
            if !c.complainant.idNumber.isEmpty { focus("id_number"); idKeys += type(c.complainant.idNumber) }
            if !c.complainant.policyNumber.isEmpty { focus("policy_number"); policyKeys += type(c.complainant.policyNumber) }
            key(.escape)
            key(.char("n")); focus("phone")
            missKeys += type("139\(String(format: "%08d", 10_000_000 + n * 7919))")
            key(.escape)
        }
        TUIBenchmark.print("repeat suggestions, per keystroke (update + lookup + render 120×40):")
        TUIBenchmark.print("  phone (found for \(found) of \(min(30, known.count))): \(TUIBenchmark.summary(phoneKeys))  [target < 30 ms]")
        TUIBenchmark.print("  ID number: \(TUIBenchmark.summary(idKeys))  [target < 30 ms]")
        TUIBenchmark.print("  policy number: \(TUIBenchmark.summary(policyKeys))  [target < 30 ms]")
        TUIBenchmark.print("  phone of nobody: \(TUIBenchmark.summary(missKeys))  [target < 30 ms]")
        var saves: [Double] = []
        for n in 0..<40 {
            key(.char("n"))
            focus("phone"); _ = type("1390\(String(format: "%07d", 1_000_000 + n))")
            focus("summary"); _ = type("基准测试 理赔款未到账 \(n)")
            saves.append(TUIBenchmark.time { key(.enter); _ = program.render() })
            guard program.state.screen == .caseView else { TUIBenchmark.print("not saved: \(program.state.message?.text ?? "")"); exit(1) }
            key(.escape)
        }
        TUIBenchmark.print("intake form → saved case and its screen drawn, after the last key: \(TUIBenchmark.summary(saves))  [target < 50 ms]")
    }
}
