import ArgumentParser
import CaseModel
import Foundation

/// `console crisis`: crisis events from proposal to archive.
struct CrisisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crisis", abstract: "Crisis events: list, show, propose, declare, dismiss, report, close, archive.",
        subcommands: [List.self, Show.self, Propose.self, Declare.self, Dismiss.self, Report.self, Close.self, Archive.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crisis events, most urgent first, with their people, involvement and report clocks.",
            discussion: "Order: declared events and mass incidents, then groups, then single complaints; within each the nearest unfiled report clock (docs/crisis.md).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Include dismissed, closed and archived events.") var all = false
        @Flag var json = false

        func run() throws {
            let desk = try global.openDesk()
            // The proposal rules run first where this process may write; a desk it may only read
            // (a read-only file, a server desk without its key) lists what it holds.
            if !desk.store.isReadOnly { _ = try AlertEvaluator(desk: desk).tick(at: desk.clock.now()) }
            // Titles and texts come from case summaries and people's typing: identifiers masked.
            let events = CrisisUrgency.sorted(try desk.crisisEvents(activeOnly: !all, actor: global.actor), desk.policy.crisis)
                .map(Disclosure.masked.crisisEvent)
            let now = desk.clock.now()
            if json { print(CaseJSON.text(events.map { CrisisCommand.object($0, desk.policy.crisis) })); return }
            let l = global.language, zh = l == .zh
            if events.isEmpty { print(zh ? "没有\(all ? "" : "进行中的")危机事件" : "no \(all ? "" : "active ")crisis event"); return }
            let headers = zh ? ["编号", "状态", "机构", "人数", "介入", "报上级(1小时)", "报总公司(24小时)", "标题"]
                             : ["id", "status", "branch", "people", "involved", "1h report", "24h report", "title"]
            let active = events.filter(\.status.isActive)
            if let top = active.first {
                let proposed = active.filter { $0.status == .proposed }.count, declared = active.count - proposed
                var line = zh ? "提议 \(proposed) 起，已宣布 \(declared) 起；最紧急：#\(top.id) \(top.branch) \(top.title)（\(top.people) 人）"
                              : "\(proposed) proposed, \(declared) declared; most urgent: #\(top.id) \(top.branch) \(top.title) (\(top.people) people)"
                if let clock = CrisisUrgency.nearestClock(top, desk.policy.crisis) {
                    let name = clock.report == .superior ? (zh ? "报上级" : "1h report") : (zh ? "报总公司" : "24h report")
                    line += (zh ? "，" : ", ") + "\(name) \(CrisisCommand.clock(top, clock.report, desk.policy.crisis, now, l))"
                }
                print(line)
            }
            var t = TextTable(headers: headers, flexible: [7])
            for e in events {
                t.rows.append([String(e.id), e.status.label(l), e.branch, String(e.people) + (e.isMassIncident(desk.policy.crisis) ? "!!" : ""),
                               [e.mediaInvolved ? (zh ? "媒体" : "media") : nil, e.regulatorInvolved ? (zh ? "监管" : "regulator") : nil]
                                   .compactMap { $0 }.joined(separator: ","),
                               CrisisCommand.clock(e, .superior, desk.policy.crisis, now, l), CrisisCommand.clock(e, .hq, desk.policy.crisis, now, l), e.title])
            }
            print(t.render(maxWidth: 200))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One event: cases, reports (each text whole), cause analysis.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Flag var json = false
        @Flag(name: .customLong("no-wrap"), help: "Print each text as written, without wrapping it to the terminal.") var noWrap = false

        func run() throws {
            let desk = try global.openDesk()
            let e = Disclosure.masked.crisisEvent(try desk.crisisEvent(id, actor: global.actor))
            if json { print(CaseJSON.text(CrisisCommand.object(e, desk.policy.crisis), pretty: true)); return }
            let now = desk.clock.now()
            let l = global.language, zh = l == .zh
            let width = TextWrap.width(noWrap: noWrap)
            let names = try desk.peopleNames(actor: global.actor)
            let p = desk.policy.crisis
            var out = TextWrap.lines("#\(e.id) \(e.title)", width: width)
            let mass = e.isMassIncident(p) ? (zh ? " —— 重大群体性事件" : " — mass incident") : ""
            out += TextWrap.lines(zh ? "状态 \(e.status.zh)；触发 \(e.trigger.zh)；机构 \(e.branch)；人数 \(e.people)\(mass)"
                                     : "status \(e.status.rawValue) (\(e.status.zh)); trigger \(e.trigger.zh); branch \(e.branch); people \(e.people)\(mass)", width: width)
            out.append(zh ? "发生 \(DeskTime.standard.format(e.occurredAt))；报上级(1小时)：\(CrisisCommand.clock(e, .superior, p, now, l))；报总公司(24小时)：\(CrisisCommand.clock(e, .hq, p, now, l))"
                          : "occurred \(DeskTime.standard.format(e.occurredAt)); 1h report: \(CrisisCommand.clock(e, .superior, p, now, l)); 24h report: \(CrisisCommand.clock(e, .hq, p, now, l))")
            out += TextWrap.lines((zh ? "投诉件：" : "cases: ") + e.caseNumbers.joined(separator: ", "), width: width)
            for r in e.reports {
                out.append(zh ? "报送 \(r.kind.zh) 至 \(r.toWhom)，\(DeskTime.standard.format(r.at))，\(names.nameAndLogin(r.by, l))："
                              : "report \(r.kind.zh) to \(r.toWhom) at \(DeskTime.standard.format(r.at)) by \(names.nameAndLogin(r.by, l)):")
                out += TextWrap.block(r.text, indent: 4, width: width)
            }
            for (label, text) in [(zh ? "排除理由：" : "dismissed:", e.dismissedReason), (zh ? "原因分析：" : "cause:", e.causeAnalysis),
                                  (zh ? "经验教训：" : "lessons:", e.lessons)] {
                guard let text else { continue }
                out.append(label)
                out += TextWrap.block(text, indent: 4, width: width)
            }
            print(out.joined(separator: "\n"))
        }
    }

    struct Propose: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Propose an event over cases by hand (operator's judgement).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case numbers.") var numbers: [String]
        @Option var title: String

        func run() throws {
            let id = try global.openDesk().proposeCrisis(title: title, cases: numbers, trigger: .manual, actor: global.actor)
            print(OutputLanguage.say("proposed crisis event \(id)", "已提议危机事件 \(id)"))
        }
    }

    struct Declare: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Declare a proposed event (team lead or crisis group): its cases become crisis severity.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64

        func run() throws {
            try global.openDesk().declareCrisis(id, actor: global.actor)
            print(OutputLanguage.say("crisis event \(id) declared", "危机事件 \(id) 已确认启动"))
        }
    }

    struct Dismiss: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Dismiss a proposed event, with the reason.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Option var reason: String

        func run() throws {
            try global.openDesk().dismissCrisis(id, reason: reason, actor: global.actor)
            print(OutputLanguage.say("crisis event \(id) dismissed", "危机事件 \(id) 已驳回"))
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a report: --kind superior (1 hour), hq (24 hours), final (result filed with HQ) or update.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Option var kind: String
        @Option(help: "To whom.") var to: String
        @Option var text: String

        func run() throws {
            let k = try CrisisReportKind.parse(kind, field: "--kind")
            try global.openDesk().fileCrisisReport(id, kind: k, to: to, text: text, actor: global.actor)
            print(OutputLanguage.say("report recorded: \(k.en), event \(id)", "已记录报告：\(k.zh)，事件 \(id)"))
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a declared event: needs the final result filed, the cause analysis and the lessons learned.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Option var cause: String
        @Option var lessons: String

        func run() throws {
            try global.openDesk().closeCrisis(id, cause: cause, lessons: lessons, actor: global.actor)
            print(OutputLanguage.say("crisis event \(id) closed", "危机事件 \(id) 已关闭"))
        }
    }

    struct Archive: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Archive a closed event.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64

        func run() throws {
            try global.openDesk().archiveCrisis(id, actor: global.actor)
            print(OutputLanguage.say("crisis event \(id) archived", "危机事件 \(id) 已归档"))
        }
    }

    static func clock(_ e: CrisisEvent, _ kind: CrisisReportKind, _ p: CrisisPolicy, _ now: Instant, _ language: Language = .en) -> String {
        if let r = e.reports.first(where: { $0.kind == kind }) { return "filed \(DeskTime.standard.short(r.at))" }
        guard let due = e.reportDue(kind, p) else { return "-" }
        // Report clocks run in plain hours: a day is 24 of them.
        let left = due.seconds.subtractingClamped(now.seconds)
        let d = WorkingDuration(seconds: left, roundUp: left >= 0).text(language)
        if language == .zh { return left >= 0 ? "剩 \(d)" : "超时 \(d)" }
        return left >= 0 ? "left \(d)" : "OVERDUE \(d)"
    }

    static func object(_ e: CrisisEvent, _ p: CrisisPolicy) -> [String: Any] {
        let t = DeskTime.standard
        return ["id": e.id, "title": e.title, "status": e.status.rawValue, "trigger": e.trigger.rawValue, "branch": e.branch,
                "occurred_at": t.format(e.occurredAt), "proposed_at": t.format(e.proposedAt),
                "declared_at": e.declaredAt.map { t.format($0) } ?? NSNull(), "people": e.people,
                "mass_incident": e.isMassIncident(p), "media_involved": e.mediaInvolved, "regulator_involved": e.regulatorInvolved,
                "cases": e.caseNumbers, "superior_report_due": e.reportDue(.superior, p).map { t.format($0) } ?? NSNull(),
                "hq_report_due": e.reportDue(.hq, p).map { t.format($0) } ?? NSNull(),
                "reports": e.reports.map { ["kind": $0.kind.rawValue, "to": $0.toWhom, "at": t.format($0.at), "by": $0.by, "text": $0.text] },
                "dismissed_reason": e.dismissedReason ?? NSNull(), "final_result": e.finalResult ?? NSNull(),
                "cause_analysis": e.causeAnalysis ?? NSNull(), "lessons": e.lessons ?? NSNull(),
                "urgency_tier": String(describing: CrisisUrgency.tier(e, p))]
    }
}
