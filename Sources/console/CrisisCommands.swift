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
            _ = try AlertEvaluator(desk: desk).tick(at: desk.clock.now())
            // Titles and texts come from case summaries and people's typing: identifiers masked.
            let events = CrisisUrgency.sorted(try desk.crisisEvents(activeOnly: !all, actor: global.actor), desk.policy.crisis)
                .map(Disclosure.masked.crisisEvent)
            let now = desk.clock.now()
            if json { print(CaseJSON.text(events.map { CrisisCommand.object($0, desk.policy.crisis) })); return }
            if events.isEmpty { print("no \(all ? "" : "active ")crisis event"); return }
            let active = events.filter(\.status.isActive)
            if let top = active.first {
                let proposed = active.filter { $0.status == .proposed }.count, declared = active.count - proposed
                var line = "\(proposed) proposed, \(declared) declared; most urgent: #\(top.id) \(top.branch) \(top.title) (\(top.people) people)"
                if let clock = CrisisUrgency.nearestClock(top, desk.policy.crisis) {
                    line += ", \(clock.report == .superior ? "1h report" : "24h report") \(CrisisCommand.clock(top, clock.report, desk.policy.crisis, now))"
                }
                print(line)
            }
            var t = TextTable(headers: ["id", "status", "branch", "people", "involved", "1h report", "24h report", "title"], flexible: [7])
            for e in events {
                t.rows.append([String(e.id), e.status.zh, e.branch, String(e.people) + (e.isMassIncident(desk.policy.crisis) ? "!!" : ""),
                               [e.mediaInvolved ? "媒体" : nil, e.regulatorInvolved ? "监管" : nil].compactMap { $0 }.joined(separator: ","),
                               CrisisCommand.clock(e, .superior, desk.policy.crisis, now), CrisisCommand.clock(e, .hq, desk.policy.crisis, now), e.title])
            }
            print(t.render(maxWidth: 200))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One event: cases, reports, cause analysis.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Flag var json = false

        func run() throws {
            let desk = try global.openDesk()
            let e = Disclosure.masked.crisisEvent(try desk.crisisEvent(id, actor: global.actor))
            if json { print(CaseJSON.text(CrisisCommand.object(e, desk.policy.crisis), pretty: true)); return }
            let now = desk.clock.now()
            print("#\(e.id) \(e.title)")
            print("status \(e.status.rawValue) (\(e.status.zh)); trigger \(e.trigger.zh); branch \(e.branch); people \(e.people)\(e.isMassIncident(desk.policy.crisis) ? " — mass incident" : "")")
            print("occurred \(DeskTime.standard.format(e.occurredAt)); 1h report: \(CrisisCommand.clock(e, .superior, desk.policy.crisis, now)); 24h report: \(CrisisCommand.clock(e, .hq, desk.policy.crisis, now))")
            print("cases: \(e.caseNumbers.joined(separator: ", "))")
            for r in e.reports { print("report \(r.kind.zh) to \(r.toWhom) at \(DeskTime.standard.format(r.at)) by \(r.by): \(r.text)") }
            if let d = e.dismissedReason { print("dismissed: \(d)") }
            if let c = e.causeAnalysis { print("cause: \(c)") }
            if let l = e.lessons { print("lessons: \(l)") }
        }
    }

    struct Propose: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Propose an event over cases by hand (operator's judgement).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Case numbers.") var numbers: [String]
        @Option var title: String

        func run() throws {
            let id = try global.openDesk().proposeCrisis(title: title, cases: numbers, trigger: .manual, actor: global.actor)
            print("proposed crisis event \(id)")
        }
    }

    struct Declare: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Declare a proposed event (team lead or crisis group): its cases become crisis severity.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64

        func run() throws {
            try global.openDesk().declareCrisis(id, actor: global.actor)
            print("crisis event \(id) declared")
        }
    }

    struct Dismiss: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Dismiss a proposed event, with the reason.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Option var reason: String

        func run() throws {
            try global.openDesk().dismissCrisis(id, reason: reason, actor: global.actor)
            print("crisis event \(id) dismissed")
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
            print("report recorded: \(k.en), event \(id)")
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
            print("crisis event \(id) closed")
        }
    }

    struct Archive: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Archive a closed event.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64

        func run() throws {
            try global.openDesk().archiveCrisis(id, actor: global.actor)
            print("crisis event \(id) archived")
        }
    }

    static func clock(_ e: CrisisEvent, _ kind: CrisisReportKind, _ p: CrisisPolicy, _ now: Instant) -> String {
        if let r = e.reports.first(where: { $0.kind == kind }) { return "filed \(DeskTime.standard.short(r.at))" }
        guard let due = e.reportDue(kind, p) else { return "-" }
        let left = due.seconds - now.seconds
        return left >= 0 ? "left \(WorkingTime.format(left))" : "OVERDUE \(WorkingTime.format(-left))"
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
