import ArgumentParser
import CaseModel
import Foundation

/// `console alerts`: what the desk must not miss.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "Evaluate the alert rules and list the active alerts, worst first.",
        discussion: "Exit status 3 when an unacknowledged critical alert exists (for cron). --watch prints new alerts as they are raised (for a pager or SMS gateway).")
    @OptionGroup var global: GlobalOptions
    @Flag var json = false
    @Flag(help: "Only alerts nobody has acknowledged.") var unacknowledged = false
    @Flag(help: "Keep evaluating every second and print each new alert as one line (JSON lines with --json).") var watch = false
    @Option(help: "At most this many alerts (the total is always printed: \"100 of 1196\").") var limit: Int = 100
    @OptionGroup var selection: AlertSelectionOptions
    @Option(help: "Group by rule and level, optionally split by branch or handler: rule, branch, handler.") var group: String?
    @Flag(name: .customLong("mark-seen"), help: "Mark the alerts as looked at now: from then on only alerts raised later are marked new.") var markSeen = false

    func run() throws {
        try DeskBounds.check(limit, in: DeskBounds.listLimit, field: "--limit")
        let grouping = try group.map { try AlertsCommand.dimension($0) }
        var filter = try selection.filter()
        filter.acknowledged = unacknowledged ? false : nil
        let desk = try global.openDesk()
        let evaluator = AlertEvaluator(desk: desk)
        if watch {
            // A value in the file the rules cannot use fails every tick until someone fixes it: say
            // so on standard error once (and when it clears), and keep watching.
            var problem: String?
            func tick(_ now: Instant) -> [DeskAlert] {
                switch Result(catching: { try evaluator.tick(at: now).raised }) {
                case .success(let raised):
                    if problem != nil { problem = nil; ConsoleOutput.standardError(OutputLanguage.say("console: alerts: evaluating again\n", "console：预警：重新评估\n")) }
                    return raised
                case .failure(let error):
                    let text = String(describing: error)
                    if text != problem {
                        problem = text
                        ConsoleOutput.standardError(OutputLanguage.say("console: alerts: \(text); still watching\n", "console：预警：\(text)；继续监视\n"))
                    }
                    return []
                }
            }
            // The first tick raises what is already true; print only what is new from then on.
            _ = tick(desk.clock.now())
            let started = Date()
            let startInstant = desk.clock.now()
            while true {
                Thread.sleep(forTimeInterval: 1)
                let now = startInstant.adding(seconds: Int64(clamping: Date().timeIntervalSince(started)))
                // Only what the watcher may see, as the roster says at this tick.
                for a in try DeskAlerts.visible(tick(now), desk: desk, actor: global.actor).sorted(by: { $0.level > $1.level }) {
                    // Unbuffered (as every line of ConsoleOutput), so a pager reading the pipe sees each alert at once.
                    print(json ? CaseJSON.text(AlertsCommand.object(a)) : AlertsCommand.line(a))
                }
            }
        }
        let now = desk.clock.now()
        // The first evaluation: every rule, bursts inside the burst window included, so a cron job
        // or a wall display sees what no running console proposed. A desk this process may only
        // read (a read-only file, a server desk without its key) lists what the desk holds.
        if !desk.store.isReadOnly { _ = try evaluator.tick(at: now) }
        if let grouping {
            let board = try AlertBoard.load(desk, filter: filter, by: grouping, perGroup: json ? 3 : 0, actor: global.actor)
            if json {
                print(CaseJSON.text(AlertsCommand.object(board), pretty: true))
            } else {
                AlertsCommand.printBoard(board, global.language)
            }
        } else {
            let page = try AlertList.page(desk, filter: filter, limit: limit, actor: global.actor)
            if json {
                print(CaseJSON.text(page.items.map { AlertsCommand.object($0.alert, isNew: $0.isNew) }))
            } else {
                AlertsCommand.printPage(page, unacknowledged: unacknowledged, narrowed: filter.narrows, global.language)
            }
        }
        if markSeen { try AlertReaders.markLooked(desk, at: now, actor: global.actor) }
        let counts = try DeskAlerts.counts(desk, actor: global.actor)
        if counts.critical > 0 { throw ExitCode(3) }
    }

    static func dimension(_ text: String) throws -> AlertBoard.Dimension {
        switch text {
        case "rule", "none": return .none
        case "branch": return .branch
        case "handler": return .handler
        default: throw CommandFailure("--group: expected rule, branch or handler, got \"\(text)\"", "--group：应为 rule、branch 或 handler，收到 \"\(text)\"", code: 2)
        }
    }

    /// One page of alerts as a table in the reader's language, with the true total under it.
    static func printPage(_ page: AlertPage, unacknowledged: Bool, narrowed: Bool, _ l: Language) {
        let zh = l == .zh
        if page.items.isEmpty {
            print(page.total == 0 ? (zh ? "没有有效告警" : "no active alerts")
                                  : (zh ? "共 \(page.total) 条告警，显示 0 条（--limit 0）" : "0 of \(page.total) alerts (--limit 0)"))
            return
        }
        var t = TextTable(headers: zh ? ["级别", "规则", "产生", "新", "确认人", "内容", "编号"]
                                      : ["level", "rule", "raised", "new", "ack", "message", "id"], flexible: [5])
        for item in page.items {
            let a = item.alert
            t.rows.append([a.level.label(l), a.rule.label(l), DeskTime.standard.short(a.raisedAt), item.isNew ? (zh ? "新" : "new") : "",
                           a.acknowledgedBy ?? "", Masking.maskText(zh ? a.messageZh : a.messageEn), a.id])
        }
        print(t.render(maxWidth: 200))
        if zh {
            print("共 \(page.total) 条\(unacknowledged ? "未确认" : "有效")告警\(narrowed ? "符合条件" : "")，显示 \(page.items.count) 条"
                  + (page.isPartial ? "（用 --limit 查看更多，--group 分组）" : ""))
        } else {
            print("\(page.items.count) of \(page.total) \(unacknowledged ? "unacknowledged" : "active") alert(s)\(narrowed ? " matching" : "")"
                  + (page.isPartial ? " (--limit for more, --group to group them)" : ""))
        }
    }

    /// The grouped alerts as a table in the reader's language.
    static func printBoard(_ board: AlertBoard, _ l: Language) {
        let zh = l == .zh
        if board.groups.isEmpty {
            print(board.active == 0 ? (zh ? "没有有效告警" : "no active alerts")
                                    : (zh ? "没有符合条件的告警（有效 \(board.active) 条）" : "no matching alerts (\(board.active) active)"))
            return
        }
        var headers = zh ? ["级别", "规则"] : ["level", "rule"]
        if board.dimension != .none { headers.append(zh ? (board.dimension == .branch ? "机构" : "处理人") : board.dimension.rawValue) }
        headers += zh ? ["条数", "未确认", "新", "最新"] : ["count", "unack", "new", "newest"]
        let first = headers.count - 4
        var t = TextTable(headers: headers, rightAligned: [first, first + 1, first + 2])
        for g in board.groups {
            var row = [g.key.level.label(l), "\(g.key.rule.label(l)) \(g.key.rule.rawValue)"]
            if board.dimension != .none {
                let v = g.key.value ?? ""
                row.append(v.isEmpty ? "-" : board.dimension == .handler ? "\(g.label ?? v) (\(v))" : v)
            }
            row += [String(g.count), String(g.unacknowledged), String(g.new), DeskTime.standard.short(g.newestAt)]
            t.rows.append(row)
        }
        print(t.render(maxWidth: 200))
        print(zh ? "有效告警 \(board.active) 条，符合条件 \(board.matching) 条，分 \(board.groups.count) 组；未确认 \(board.unacknowledged) 条"
                 : "\(board.matching) of \(board.active) active alert(s) in \(board.groups.count) group(s); \(board.unacknowledged) unacknowledged")
    }

    static func object(_ board: AlertBoard) -> [String: Any] {
        ["by": board.dimension.rawValue, "matching": board.matching, "active": board.active, "unacknowledged": board.unacknowledged,
         "groups": board.groups.map { g -> [String: Any] in
             ["rule": g.key.rule.rawValue, "level": g.key.level.rawValue, "value": g.key.value ?? NSNull(), "label": g.label ?? NSNull(),
              "count": g.count, "unacknowledged": g.unacknowledged, "new": g.new, "newest_at": DeskTime.standard.format(g.newestAt),
              "newest": g.newest.map { object($0.alert, isNew: $0.isNew) }]
         }]
    }

    static func line(_ a: DeskAlert) -> String {
        "\(DeskTime.standard.format(a.raisedAt)) \(a.level.rawValue.uppercased()) \(a.rule.rawValue) \(Masking.maskText(a.messageZh)) [\(a.id)]"
    }

    static func object(_ a: DeskAlert, isNew: Bool? = nil) -> [String: Any] {
        var o: [String: Any] = ["id": a.id, "rule": a.rule.rawValue, "level": a.level.rawValue, "subject": a.subject, "case": a.caseNumber ?? NSNull(),
         "message_zh": Masking.maskText(a.messageZh), "message_en": Masking.maskText(a.messageEn), "raised_at": DeskTime.standard.format(a.raisedAt),
         "acknowledged_by": a.acknowledgedBy ?? NSNull(), "acknowledged_at": a.acknowledgedAt.map { DeskTime.standard.format($0) } ?? NSNull()]
        if let isNew { o["new"] = isNew }
        return o
    }
}

/// `console ack`: acknowledge alerts by id, or every alert a filter takes.
struct AckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack", abstract: "Acknowledge alerts by id (from `console alerts`), or a whole group by filter; recorded with your name.",
        discussion: """
        console ack stage-breach:TS-20260217-0042:first-contact:critical
        console ack --rule new-major --branch 上海分公司 --dry-run     # how many, by rule and level; nothing changes
        console ack --rule new-major --branch 上海分公司 --yes         # acknowledge them all (all or nothing)
        console ack --rule repeat-2 --level info --yes --expect 465   # refused if the count changed since you looked
        Each alert acknowledged is recorded in the audit trail as one acknowledgement.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Alert ids (rule:subject:level).") var ids: [String] = []
    @OptionGroup var selection: AlertSelectionOptions
    @Flag(name: .customLong("dry-run"), help: "With a filter: print how many alerts it takes, change nothing.") var dryRun = false
    @Flag(help: "With a filter: acknowledge every alert it takes.") var yes = false
    @Option(help: "With --yes: refuse unless the filter takes exactly this many (the count you confirmed).") var expect: Int?
    @Option var note: String = ""

    func validate() throws {
        let byFilter = try selection.filter().narrows
        if byFilter && !ids.isEmpty { throw CommandLineProblem.usage("give alert ids or a filter (--rule, --level, --branch, --handler, --new, --view), not both", "请给出预警编号或筛选条件（--rule、--level、--branch、--handler、--new、--view），不能两者都给") }
        if !byFilter && ids.isEmpty { throw CommandLineProblem.usage("give alert ids, or a filter (--rule, --level, --branch, --handler, --new, --view) with --dry-run or --yes", "请给出预警编号，或筛选条件（--rule、--level、--branch、--handler、--new、--view）加 --dry-run 或 --yes") }
        if !byFilter && (dryRun || yes || expect != nil) { throw CommandLineProblem.usage("--dry-run, --yes and --expect go with a filter", "--dry-run、--yes 和 --expect 须与筛选条件同用") }
        if dryRun && yes { throw CommandLineProblem.usage("--dry-run and --yes exclude each other", "--dry-run 与 --yes 不能同用") }
        if expect != nil && !yes { throw CommandLineProblem.usage("--expect goes with --yes", "--expect 须与 --yes 同用") }
    }

    func run() throws {
        let desk = try global.openDesk()
        let filter = try selection.filter()
        guard filter.narrows else {
            let n = try DeskAlerts.acknowledge(desk, ids: ids, note: note, actor: global.actor)
            print(OutputLanguage.say("acknowledged \(n) alert(s)", "已确认 \(n) 条预警"))
            return
        }
        if let expect { try DeskBounds.check(expect, in: DeskBounds.listLimit, field: "--expect") }
        // Evaluate first, so the count is of the alerts as they stand now.
        _ = try AlertEvaluator(desk: desk).tick(at: desk.clock.now())
        if yes {
            let n = try DeskAlerts.acknowledge(desk, matching: filter, expecting: expect, note: note, actor: global.actor)
            print(OutputLanguage.say("acknowledged \(n) alert(s)", "已确认 \(n) 条预警"))
            return
        }
        let preview = try DeskAlerts.previewAcknowledgement(desk, matching: filter, actor: global.actor)
        for g in preview.byRule { print("\(g.count)\t\(g.level.rawValue)\t\(g.rule.rawValue) \(g.rule.zh)") }
        print(OutputLanguage.say("would acknowledge \(preview.count) alert(s)" + (dryRun ? "; dry run: nothing changed" : ""), "将确认 \(preview.count) 条预警" + (dryRun ? "；试运行：未作任何改动" : "")))
        if !dryRun {
            throw CommandFailure("ack: nothing acknowledged; add --yes to acknowledge these \(preview.count) alert(s) (--expect \(preview.count) to refuse if the count changes)", "ack：未确认任何预警；加 --yes 确认这 \(preview.count) 条预警（加 --expect \(preview.count) 则数量有变时拒绝）", code: 2)
        }
    }
}

/// The alert filter options shared by `console alerts` and `console ack`.
struct AlertSelectionOptions: ParsableArguments {
    @Option(help: "Only this rule (\(AlertRule.allCases.map(\.rawValue).joined(separator: ", "))), or rule/stage.") var rule: String?
    @Option(help: "Only this level: info, warning, critical.") var level: String?
    @Option(help: "Only alerts about this branch.") var branch: String?
    @Option(help: "Only alerts about this handler's cases (login or display name).") var handler: String?
    @Flag(name: .customLong("new"), help: "Only alerts raised since you last looked (`console alerts --mark-seen`).") var onlyNew = false
    @Option(help: "all (default), or role: the rules your role sees by default (the policy's [alert-views]).") var view: String?

    /// The filter these options give (unacknowledged alerts).
    func filter() throws -> AlertListFilter {
        var f = AlertListFilter()
        if let rule {
            let s = try AlertSelector.parse(rule)
            if s.stage == nil { f.rule = s.rule } else { f.selectors = [s] }
        }
        if let level { f.level = try AlertLevel.parse(level, field: "--level") }
        if let branch { try FieldText.check(branch, field: "--branch"); f.branch = branch }
        if let handler { try FieldText.check(handler, field: "--handler"); f.handler = handler }
        f.onlyNew = onlyNew
        switch view {
        case nil, "all": f.view = .all
        case "role", "role-default", "default": f.view = .roleDefault
        case let v?: throw CommandFailure("--view: expected all or role, got \"\(v)\"", "--view：应为 all 或 role，收到 \"\(v)\"", code: 2)
        }
        return f
    }
}
