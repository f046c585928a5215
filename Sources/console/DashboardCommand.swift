import ArgumentParser
import CaseModel
import Foundation

/// `console` with no subcommand: the desk's figures (the full-screen dashboard builds on these).
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "Show the desk: open cases by category and severity, nearest deadlines, on duty.")
    @OptionGroup var global: GlobalOptions
    @Flag var json = false

    func run() throws {
        let desk = try global.openDesk()
        let now = desk.clock.now()
        // The same read model as the full-screen dashboard: one definition of the figures.
        let o = try desk.dashboard(at: now, nearest: 10, actor: global.actor)
        let (due, onDuty, unassigned, overdue) = (o.nearest.map(\.item), o.onDuty, o.unassigned, o.overdue)
        if json {
            var m: [String: [String: Int]] = [:]
            for (c, row) in o.matrix { m[c.rawValue] = Dictionary(uniqueKeysWithValues: row.map { ($0.key.rawValue, $0.value.open) }) }
            print(CaseJSON.text(["now": DeskTime.standard.format(now), "matrix": m, "on_duty": onDuty.map(\.name),
                                 "unassigned": unassigned, "overdue": overdue,
                                 "nearest": due.map { ["number": $0.number, "due": $0.nextDueAt.map { DeskTime.standard.format($0) } ?? ""] }] as [String: Any]))
            return
        }
        print("投诉值班台  \(DeskTime.standard.format(now))  在岗 \(onDuty.count)  未分派 \(unassigned)  超时 \(overdue)")
        var t = TextTable(headers: ["类别\\严重度"] + Severity.ordered.map(\.zh) + ["合计"], rightAligned: Set(1...6))
        var colTotals = [Int](repeating: 0, count: 6)
        for c in Category.allCases {
            var row = [c.zh]
            var total = 0
            for (i, s) in Severity.ordered.enumerated() {
                let n = o.open(c, s)
                total += n; colTotals[i] += n
                row.append(n == 0 ? "-" : String(n))
            }
            colTotals[5] += total
            row.append(String(total))
            t.rows.append(row)
        }
        t.rows.append(["合计"] + colTotals.map(String.init))
        print(t.render())
        print("")
        var d = TextTable(headers: ["倒计时", "类别", "严重度", "状态", "处理人", "应于"], flexible: [])
        for c in due {
            let mark = (c.nextDueAt.map { $0 < now } ?? false) ? "!! " : ""
            d.rows.append([mark + c.number, c.category.zh, c.severity.zh, c.status.zh, c.handler ?? "未分派",
                           c.nextDueAt.map { DeskTime.standard.short($0) } ?? "-"])
        }
        print(d.render())
    }
}
