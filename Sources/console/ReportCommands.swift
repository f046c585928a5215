import ArgumentParser
import CaseModel
import Foundation

/// `console report`: the metrics of docs/metrics.md and the holiday summary, as tables, JSON, CSV or HTML.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports: the holiday summary, the period's metrics, per handler and per branch (tables, --json, --csv, --html FILE).",
        discussion: """
        Every figure prints with its definition. Shares use largest-remainder rounding to 2 decimals, so they add up \
        to exactly 100.00%; other values are rounded half away from zero to 2 decimals. Report cases (举报件) count only \
        for the president's office and the auditor.
        """,
        subcommands: [Summary.self, Metrics.self, Handler.self, Branch.self])

    /// Output choices every report takes.
    struct Output: ParsableArguments {
        @Flag(help: "JSON (stable, sorted keys).") var json = false
        @Flag(help: "CSV, one line per figure: section,key,value,unit,numerator,denominator,share_percent,definition. A text cell starting with =, +, -, @, tab, carriage return or ' gets a ' in front so a spreadsheet does not run it; number columns keep negative numbers.") var csv = false
        @Flag(name: .customLong("raw-cells"), help: "With --csv: write every cell exactly, without the ' before formula-like text.") var rawCells = false
        @Option(help: ArgumentHelp("Also write a self-contained HTML page with charts to this file.", valueName: "file")) var html: String?

        func validate() throws {
            if json && csv { throw CommandLineProblem.usage("choose one of --json and --csv", "--json 与 --csv 只能选一个") }
            if rawCells && !csv { throw CommandLineProblem.usage("--raw-cells goes with --csv", "--raw-cells 须与 --csv 同用") }
        }

        /// Writes the HTML page when asked.
        func writeHTML(_ page: ReportHTML) throws {
            guard let html else { return }
            do { try page.text.write(toFile: html, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure("--html \(html): cannot write: \(error.localizedDescription)", "--html \(html)：无法写入：\(error.localizedDescription)", code: 1)
            }
            ConsoleOutput.standardError(OutputLanguage.say("console: wrote \(html)\n", "console：已写入 \(html)\n"))
        }
    }

    static func period(_ text: String, field: String) throws -> ReportPeriod {
        do { return try ReportPeriod.parse(text, field: field) } catch let e as DomainError { throw CommandFailure(message: e.text(OutputLanguage.current), code: 2) }
    }

    static func breakdownTable(_ b: Breakdown, title: String, label: (String) -> String = { $0 }) -> String {
        let say = OutputLanguage.say
        var t = TextTable(headers: [title, say("cases", "件数"), say("share %", "占比 %")], rightAligned: [1, 2])
        t.flexible = [0]
        for r in b.rows { t.rows.append([label(r.key), String(r.count), Shares.text(hundredths: r.shareHundredths)]) }
        t.rows.append([say("total", "合计"), String(b.total), b.total > 0 ? "100.00" : "0.00"])
        return t.render()
    }

    /// A breakdown's column heading in the run's language.
    static func title(_ d: Breakdown.Dimension) -> String {
        let zh: String
        switch d {
        case .channel: zh = "渠道"
        case .line: zh = "险种"
        case .product: zh = "产品"
        case .category: zh = "类别"
        case .kind: zh = "件类"
        case .branch: zh = "机构"
        case .handler: zh = "处理人"
        case .severity: zh = "严重度"
        }
        return OutputLanguage.say(d.rawValue, zh)
    }

    /// A breakdown's row labels: a coded dimension's values in the run's language.
    static func label(_ d: Breakdown.Dimension) -> (String) -> String {
        switch d {
        case .channel: return label(Channel.self)
        case .line: return label(InsuranceLine.self)
        case .category: return label(Category.self)
        case .kind: return label(CaseKind.self)
        case .severity: return label(Severity.self)
        case .product, .branch, .handler: return { $0 }
        }
    }

    /// A stored value's Chinese label under a Chinese run (`claims` → 理赔), else the value.
    static func label<E: Labeled>(_ type: E.Type) -> (String) -> String {
        { OutputLanguage.current == .zh ? (E(rawValue: $0)?.zh ?? $0) : $0 }
    }

    // MARK: - summary

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The holiday summary 定期汇总 of a range of days: volumes per day and hour, categories, severities, breaches, crisis events, top issues, backlog.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "First day, YYYY-MM-DD (desk time +08:00).") var from: String
        @Option(help: "Last day, YYYY-MM-DD (inclusive).") var to: String
        @OptionGroup var output: Output

        func run() throws {
            let period = try ReportCommand.period("\(from)..\(to)", field: "--from/--to")
            let desk = try global.openDesk()
            // Every report is a handover: the head goes outside the file (docs/audit-trail.md).
            defer { AuditAnchor.record(desk, reason: "report summary") }
            let s = try HolidaySummary.compute(desk, period: period, actor: global.actor)
            try output.writeHTML(html(s))
            if output.json { print(CaseJSON.text(s.object)); return }
            if output.csv { print(csv(s).text(raw: output.rawCells), terminator: ""); return }
            let say = OutputLanguage.say
            print(say("定期汇总 holiday summary \(period.first.iso) – \(period.last.iso): \(s.total) cases received",
                      "定期汇总 \(period.first.iso) – \(period.last.iso)：共受理 \(s.total) 件"))
            var days = TextTable(headers: [say("day", "日期"), say("cases", "件数")], rightAligned: [1])
            for (d, n) in s.perDay { days.rows.append([d, String(n)]) }
            print("\n" + days.render())
            var hours = TextTable(headers: [say("hour", "时段"), say("cases", "件数")], rightAligned: [1])
            for (h, n) in s.hourOfDay.enumerated() { hours.rows.append(["\(h < 10 ? "0" : "")\(h):00", String(n)]) }
            print(say("\nper hour of day (summed over the window)\n", "\n每小时受理量（全期合计）\n") + hours.render())
            print("\n" + ReportCommand.breakdownTable(s.byCategory, title: say("category", "类别"), label: ReportCommand.label(Category.self)))
            print("\n" + ReportCommand.breakdownTable(s.bySeverity, title: say("severity", "严重度"), label: ReportCommand.label(Severity.self)))
            print(say("\nbreaches: \(s.breaches)    backlog at end: \(s.backlogAtEnd)", "\n超时：\(s.breaches)    期末积压：\(s.backlogAtEnd)"))
            if s.crisisEvents.isEmpty { print(say("crisis events: none", "危机事件：无")) } else {
                var t = TextTable(headers: [say("crisis", "危机"), say("title", "标题"), say("status", "状态"), say("cases", "件数")], rightAligned: [0, 3])
                let status = ReportCommand.label(CrisisStatus.self)
                for e in s.crisisEvents { t.rows.append([String(e.0), e.1, status(e.2), String(e.3)]) }
                print("\n" + t.render())
            }
            var top = TextTable(headers: [say("top products", "投诉最多的产品"), say("cases", "件数")], rightAligned: [1])
            for (k, n) in s.topProducts { top.rows.append([k, String(n)]) }
            print("\n" + top.render())
            var sums = TextTable(headers: [say("top issues (summaries)", "主要问题（摘要）"), say("cases", "件数")], rightAligned: [1])
            sums.flexible = [0]
            for (k, n) in s.topSummaries { sums.rows.append([k, String(n)]) }
            print("\n" + sums.render())
            let definitions = OutputLanguage.current == .zh ? Self.definitionsZh : HolidaySummary.definitions
            print(say("\ndefinitions:\n", "\n口径：\n") + definitions.map { "  " + $0 }.joined(separator: "\n"))
        }

        /// `HolidaySummary.definitions` in Chinese, in the same order.
        static let definitionsZh = [
            "受理量：期内受理的投诉件（按受理时间，+08:00）",
            "超时：期末前受理、现仍未结、下一时限早于期末的投诉件",
            "期末积压：期末前受理、期末前既未结案也未撤诉的投诉件",
            "占比：按最大余数法保留两位小数，各项合计恰为 100.00%",
        ]

        func csv(_ s: HolidaySummary) -> ReportCSV {
            var c = ReportCSV()
            c.add("total", "cases", String(s.total), unit: "cases", definition: HolidaySummary.definitions[0])
            for (d, n) in s.perDay { c.add("per_day", d, String(n), unit: "cases") }
            for (i, n) in s.perHour.enumerated() {
                c.add("per_hour", "\(s.period.first.adding(days: i / 24).iso)T\(i % 24 < 10 ? "0" : "")\(i % 24):00", String(n), unit: "cases")
            }
            c.add(s.byCategory)
            c.add(s.bySeverity)
            c.add("breaches", "cases", String(s.breaches), unit: "cases", definition: HolidaySummary.definitions[1])
            for e in s.crisisEvents { c.add("crisis_events", String(e.0), String(e.3), unit: "cases", definition: "\(e.1) (\(e.2))") }
            for (k, n) in s.topProducts { c.add("top_products", k, String(n), unit: "cases") }
            for (k, n) in s.topSummaries { c.add("top_summaries", k, String(n), unit: "cases") }
            c.add("backlog_at_end", "cases", String(s.backlogAtEnd), unit: "cases", definition: HolidaySummary.definitions[2])
            return c
        }

        func html(_ s: HolidaySummary) -> ReportHTML {
            var p = ReportHTML(title: "定期汇总 Holiday summary \(s.period.first.iso) – \(s.period.last.iso)")
            p.paragraph("\(s.total) cases received; breaches \(s.breaches); backlog at the end \(s.backlogAtEnd); crisis events \(s.crisisEvents.count).")
            p.lineChart("Cases per hour (每小时受理量)", s.perHour, tickEvery: 24) { s.period.first.adding(days: $0 / 24).iso.dropFirst(5).description }
            p.barChart("Cases per day (每日受理量)", s.perDay.map { ($0.0, Double($0.1)) }) { String(Int($0)) }
            p.barChart("By category (类别)", s.byCategory.rows.map { ($0.key, Double($0.count)) }) { String(Int($0)) }
            p.barChart("By severity (严重程度)", s.bySeverity.rows.map { ($0.key, Double($0.count)) }) { String(Int($0)) }
            p.heading("By category")
            p.table(["category", "cases", "share %"], s.byCategory.rows.map { [$0.key, String($0.count), Shares.text(hundredths: $0.shareHundredths)] }
                    + [["total", String(s.byCategory.total), "100.00"]], numeric: [1, 2])
            p.heading("Crisis events")
            p.table(["id", "title", "status", "cases"], s.crisisEvents.map { [String($0.0), $0.1, $0.2, String($0.3)] }, numeric: [0, 3])
            p.heading("Top issues")
            p.table(["product", "cases"], s.topProducts.map { [$0.0, String($0.1)] }, numeric: [1])
            p.table(["summary", "cases"], s.topSummaries.map { [$0.0, String($0.1)] }, numeric: [1])
            for d in HolidaySummary.definitions { p.paragraph(d, note: true) }
            return p
        }
    }

    // MARK: - metrics

    struct Metrics: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The metrics of a period, each with its definition.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "2026-Q1, 2026-02, 2026-02-10 or 2026-02-10..2026-02-20.") var period: String
        @Option(help: "Policy count for the per-10,000-policies metric: in-force or new.") var policies: String = "in-force"
        @OptionGroup var output: Output

        func run() throws {
            let p = try ReportCommand.period(period, field: "--period")
            guard let basis = DensityBasis(rawValue: policies) else { throw CommandFailure("--policies: expected in-force or new, got \"\(policies)\"", "--policies：应为 in-force 或 new，收到 \"\(policies)\"", code: 2) }
            let desk = try global.openDesk()
            // Every report is a handover: the head goes outside the file (docs/audit-trail.md).
            defer { AuditAnchor.record(desk, reason: "report metrics") }
            let r = try MetricsReport.compute(desk, period: p, actor: global.actor, basis: basis)
            try output.writeHTML(html(r))
            if output.json { print(CaseJSON.text(r.object)); return }
            if output.csv {
                var c = ReportCSV()
                for f in r.figures { c.add("metric", f) }
                for b in r.breakdowns { c.add(b) }
                for v in r.validRates {
                    c.add("valid_rate", "\(v.branch) \(v.month)", v.ratePercent.map(ReportFormat.fixed2) ?? "", unit: "%",
                          definition: "valid \(v.valid) / claim reports \(v.claimReports.map(String.init) ?? "-")\(v.overLimit ? "; OVER the limit" : "")")
                }
                print(c.text(raw: output.rawCells), terminator: ""); return
            }
            let l = OutputLanguage.current
            let say = OutputLanguage.say
            print(say("metrics \(r.period) (\(r.period.first.iso) – \(r.period.last.iso)); previous period \(r.previous)",
                      "指标 \(r.period)（\(r.period.first.iso) – \(r.period.last.iso)）；上期 \(r.previous)"))
            var t = TextTable(headers: [say("metric", "指标"), say("value", "数值"), say("unit", "单位"), say("numerator / denominator", "分子 / 分母"), say("definition", "口径")],
                              rightAligned: [1])
            t.flexible = [4]
            for f in r.figures {
                t.rows.append([f.label, f.text, MetricWording.unit(f.unit, l), "\(num(f.numerator)) / \(num(f.denominator))", MetricWording.formula(f, l)])
            }
            print("\n" + t.render(maxWidth: 240))
            print("\n" + MetricWording.onTime(l))
            for b in r.breakdowns {
                print("\n" + ReportCommand.breakdownTable(b, title: ReportCommand.title(b.dimension), label: ReportCommand.label(b.dimension)))
            }
            print("\n" + MetricWording.shares(l))
            var v = TextTable(headers: [say("branch", "机构"), say("month", "月份"), say("valid", "有效投诉"), say("claim reports", "报案数"), say("rate %", "有效率 %"),
                                        say("limit %", "上限 %"), ""], rightAligned: [2, 3, 4, 5])
            for x in r.validRates {
                v.rows.append([x.branch, x.month, String(x.valid), x.claimReports.map(String.init) ?? "-", x.ratePercent.map(ReportFormat.fixed2) ?? "-",
                               ReportFormat.fixed2(x.limit * 100), x.overLimit ? say("OVER", "超限") : ""])
            }
            print(say("\nvalid complaints / claim reports\n", "\n有效投诉 / 报案数\n") + v.render())
            print(MetricWording.branchValidRate(l))
        }

        func num(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : ReportFormat.fixed2(v) }

        func html(_ r: MetricsReport) -> ReportHTML {
            var p = ReportHTML(title: "指标 Metrics \(r.period) (\(r.period.first.iso) – \(r.period.last.iso))")
            p.table(["metric", "value", "unit", "numerator", "denominator", "definition"],
                    r.figures.map { [$0.label, $0.text, $0.unit, num($0.numerator), num($0.denominator), $0.formula] }, numeric: [1, 3, 4])
            p.paragraph("On time: " + StageTimeliness.definition, note: true)
            let rates = r.figures.filter { $0.key.hasPrefix("on_time_rate.") }
            p.barChart("On-time handling rate % (处理及时率)", rates.map { ($0.label, $0.value ?? 0) }) { ReportFormat.fixed2($0) + "%" }
            for b in r.breakdowns {
                p.barChart("By \(b.dimension.rawValue)", b.rows.prefix(20).map { ($0.key, Double($0.count)) }) { String(Int($0)) }
                p.table([b.dimension.rawValue, "cases", "share %"], b.rows.map { [$0.key, String($0.count), Shares.text(hundredths: $0.shareHundredths)] }
                        + [["total", String(b.total), b.total > 0 ? "100.00" : "0.00"]], numeric: [1, 2])
            }
            p.paragraph(Shares.rule, note: true)
            p.heading("Valid complaints / claim reports")
            p.table(["branch", "month", "valid", "claim reports", "rate %", "limit %", ""],
                    r.validRates.map { [$0.branch, $0.month, String($0.valid), $0.claimReports.map(String.init) ?? "-", $0.ratePercent.map(ReportFormat.fixed2) ?? "-",
                                        ReportFormat.fixed2($0.limit * 100), $0.overLimit ? "OVER" : ""] }, numeric: [2, 3, 4, 5])
            p.paragraph(BranchValidRate.definition, note: true)
            return p
        }
    }

    // MARK: - handler and branch

    struct Handler: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Per handler: cases, share, open, closed, withdrawn, valid, repeats, on-time rate.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "2026-Q1, 2026-02 or 2026-02-10..2026-02-20 (default: the current month).") var period: String?
        @OptionGroup var output: Output
        func run() throws { try ReportCommand.runGroup(.handler, period, global, output) }
    }

    struct Branch: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Per branch: the handler figures plus claim reports, valid rate and complaints per 100M yuan premium.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "2026-Q1, 2026-02 or 2026-02-10..2026-02-20 (default: the current month).") var period: String?
        @OptionGroup var output: Output
        func run() throws { try ReportCommand.runGroup(.branch, period, global, output) }
    }

    static func runGroup(_ dimension: GroupReport.Dimension, _ periodText: String?, _ global: GlobalOptions, _ output: Output) throws {
        let desk = try global.openDesk()
        defer { AuditAnchor.record(desk, reason: "report \(dimension.rawValue)") }
        let p: ReportPeriod
        if let periodText { p = try period(periodText, field: "--period") } else {
            let d = DeskTime.standard.civil(desk.clock.now()).date
            p = ReportPeriod.month(year: d.year, month: d.month)
        }
        let r = try GroupReport.compute(desk, dimension, period: p, actor: global.actor)
        let branch = dimension == .branch
        // The table a person reads is in the run's language; CSV and JSON keep their English keys.
        let l = OutputLanguage.current
        let readable = !output.csv && !output.json && l == .zh
        var headers = [dimension.rawValue, "cases", "share %", "open", "closed", "withdrawn", "valid", "repeats", "on time %"]
        if branch { headers += ["claim reports", "valid rate %", "per 100M yuan"] }
        if readable {
            headers = [ReportCommand.title(dimension == .branch ? .branch : .handler), "件数", "占比 %", "未结", "已结", "撤诉", "有效", "重复", "及时率 %"]
            if branch { headers += ["报案数", "有效率 %", "亿元保费投诉量"] }
        }
        func cells(_ x: GroupReport.Row, total: Bool = false) -> [String] {
            let key = !readable ? x.key : total ? "合计" : ["(unassigned)": "（未分派）", "(none)": "（无）"][x.key] ?? x.key
            var c = [key, String(x.cases), Shares.text(hundredths: x.shareHundredths), String(x.open), String(x.closed), String(x.withdrawn),
                     String(x.valid), String(x.repeats), x.onTimeRate.text]
            if branch { c += [x.claimReports.map(String.init) ?? "-", x.validRate.text, x.per100M.text] }
            return c
        }
        var page = ReportHTML(title: "\(branch ? "分支机构 Branches" : "处理人 Handlers") \(p)")
        page.barChart("Cases", r.rows.prefix(30).map { ($0.key, Double($0.cases)) }) { String(Int($0)) }
        page.barChart("On-time rate %", r.rows.prefix(30).map { ($0.key, $0.onTimeRate.value ?? 0) }) { ReportFormat.fixed2($0) + "%" }
        page.table(headers, r.rows.map { cells($0) } + [cells(r.totals, total: true)], numeric: Set(1..<headers.count))
        page.paragraph(Shares.rule, note: true)
        page.paragraph("On time: " + StageTimeliness.definition, note: true)
        if branch { page.paragraph(BranchValidRate.definition, note: true) }
        try output.writeHTML(page)
        if output.json { print(CaseJSON.text(r.object)); return }
        if output.csv {
            print(ReportCSV.line(headers, raw: output.rawCells))
            for x in r.rows + [r.totals] { print(ReportCSV.line(cells(x), numbers: Set(1..<headers.count), raw: output.rawCells)) }
            return
        }
        var t = TextTable(headers: headers, rightAligned: Set(1..<headers.count))
        t.rows = r.rows.map { cells($0) } + [cells(r.totals, total: true)]
        print(l == .zh ? "\(branch ? "分支机构" : "处理人") \(p)（\(p.first.iso) – \(p.last.iso)）\n"
                       : "\(branch ? "per branch" : "per handler") \(p) (\(p.first.iso) – \(p.last.iso))\n")
        print(t.render(maxWidth: 240))
        print("\n" + MetricWording.shares(l) + "\n" + MetricWording.onTime(l) + (branch ? "\n" + MetricWording.branchValidRate(l) : ""))
    }
}

/// `console figures import FILE`: branch figures from CSV, all or nothing, every bad line named.
/// (Registered as a subcommand of `figures` by adding `FiguresImportCommand.self` to its list.)
struct FiguresImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import figures from CSV: branch,month,claim_reports,premium,policies_new,policies_in_force,insured_persons (all or nothing).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The CSV file (header row first).") var file: String

    func run() throws {
        let text: String
        do {
            guard let t = try TextFile.read(file) else { throw CommandFailure("\(file): no such file", "\(file)：文件不存在", code: 2) }
            text = t
        } catch let e as TextFile.Failure { throw CommandFailure("\(e); nothing imported", "\(e)；未导入任何数据", code: 2) }
        do {
            let n = try BranchFiguresImport.run(try global.openDesk(), text: text, actor: global.actor)
            print(OutputLanguage.say("figures imported: \(n) rows from \(file)", "已从 \(file) 导入数据 \(n) 行"))
        } catch let f as BranchFiguresImport.Failure {
            throw CommandFailure("\(file): nothing imported:\n" + f.problems.map { "  \($0)" }.joined(separator: "\n"), "\(file)：未导入任何数据：\n" + f.problems.map { "  \($0)" }.joined(separator: "\n"), code: 2)
        }
    }
}
