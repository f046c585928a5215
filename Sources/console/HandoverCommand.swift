import ArgumentParser
import CaseModel
import Foundation

/// `console handover`: the shift handover 交接班 (docs/handover.md).
struct HandoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover", abstract: "The shift handover 交接班: what the shift just ending leaves the next one; the incoming lead acknowledges it.",
        discussion: """
        console handover                       # the team-lead shift ending nearest now, as text
        console handover --since 2026-02-17T08:00:00+08:00 --markdown
        console handover --html handover.html  # a page to print
        console handover ack                   # the incoming team lead takes the shift over (audited)
        Everything counts only what you may see; notes and summaries are masked.
        """,
        subcommands: [Show.self, Ack.self], defaultSubcommand: Show.self)

    /// Which window, and how far ahead to look.
    struct Window: ParsableArguments {
        @Option(help: ArgumentHelp("From this time to now, instead of the team-lead shift ending nearest now (ISO 8601).", valueName: "time")) var since: String?
        @Flag(help: "The team-lead shift ending nearest now (the default).") var shift = false
        @Option(help: "List clocks falling due in the next N hours (default: the incoming lead's shift length, else 8).") var hours: Int?

        func validate() throws {
            if since != nil && shift { throw CommandLineProblem.usage("choose one of --since and --shift", "--since 与 --shift 只能选一个") }
        }

        var span: HandoverSpan {
            get throws { try since.map { .since(try DeskTime.standard.read($0, field: "--since")) } ?? .shift }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the handover (text, --markdown, --json, --html FILE).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var window: Window
        @Flag(help: "Markdown instead of text.") var markdown = false
        @Flag(help: "JSON.") var json = false
        @Option(help: ArgumentHelp("Also write a self-contained HTML page to print to this file.", valueName: "file")) var html: String?

        func validate() throws {
            if markdown && json { throw CommandLineProblem.usage("choose one of --markdown and --json", "--markdown 与 --json 只能选一个") }
        }

        func run() throws {
            let h = try global.openDesk().handover(try window.span, hours: window.hours, actor: global.actor)
            let doc = HandoverDocument(h)
            if let html {
                do { try doc.html.write(toFile: html, atomically: true, encoding: .utf8) } catch {
                    throw CommandFailure("--html \(html): cannot write: \(error.localizedDescription)", "--html \(html)：无法写入：\(error.localizedDescription)", code: 1)
                }
                ConsoleOutput.standardError(OutputLanguage.say("console: wrote \(html)\n", "console：已写入 \(html)\n"))
            }
            if json { print(CaseJSON.text(HandoverCommand.object(h), pretty: true)); return }
            print(markdown ? doc.markdown : doc.text, terminator: "")
        }
    }

    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Acknowledge the handover as the incoming team lead (audited).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var window: Window
        @Option(help: "A note with the acknowledgement.") var note: String = ""

        func run() throws {
            let a = try global.openDesk().acknowledgeHandover(try window.span, hours: window.hours, note: note, actor: global.actor)
            let w = a.handover.window
            print(OutputLanguage.say("handover \(DeskTime.standard.short(w.from)) – \(DeskTime.standard.short(w.to)) acknowledged by \(global.actor.name)", "交接 \(DeskTime.standard.short(w.from)) – \(DeskTime.standard.short(w.to)) 已由 \(global.actor.name) 确认"))
        }
    }

    static func object(_ h: Handover) -> [String: Any] {
        let t = DeskTime.standard
        func time(_ i: Instant?) -> Any { i.map { t.format($0) as Any } ?? NSNull() }
        var o: [String: Any] = [
            "from": t.format(h.window.from), "to": t.format(h.window.to), "now": t.format(h.now), "due_until": t.format(h.horizonEnd),
            "outgoing": h.window.outgoing, "incoming": h.window.incomingName.map { $0 as Any } ?? NSNull(),
            "received": h.received, "closed": h.closed,
            "promises": h.promises.map { ["case": $0.caseNumber, "promised": $0.promisedText, "made_at": t.format($0.madeAt), "by": $0.by, "action": $0.action] },
            "due": h.dueSoon.map { clock($0) }, "overdue": h.overdue.map { clock($0) },
            "unassigned": h.unassigned.map { ["case": $0.number, "received_at": t.format($0.receivedAt), "severity": $0.severity.rawValue,
                                              "category": $0.category.rawValue, "summary": $0.summary] },
            "crises": h.crises.map { ["event": $0.id, "title": $0.title, "status": $0.status.rawValue, "people": $0.people,
                                      "superior_report_due": t.format($0.superiorDue), "superior_report_filed": time($0.superiorFiled),
                                      "hq_report_due": t.format($0.hqDue), "hq_report_filed": time($0.hqFiled)] as [String: Any] },
            "critical_alerts": h.criticalAlerts.map { ["alert": $0.id, "raised_at": t.format($0.raisedAt), "message": $0.messageZh] },
            "notes": h.notes.map { ["case": $0.caseNumber, "at": t.format($0.at), "by": $0.by, "action": $0.action, "note": $0.text,
                                    "script": $0.script.map { $0 as Any } ?? NSNull()] as [String: Any] },
            "acknowledged_by": h.acknowledgement.map { $0.by as Any } ?? NSNull(),
            "last_shift_change": time(h.lastShiftChange), "last_handover_acknowledged": h.lastHandoverAcknowledged,
        ]
        if let head = h.chainHead { o["audit_head"] = ["id": head.id, "hash": head.hash] }
        return o
    }

    static func clock(_ c: HandoverClock) -> [String: Any] {
        ["case": c.caseNumber, "stage": c.stage.rawValue, "due": DeskTime.standard.format(c.due), "severity": c.severity.rawValue,
         "handler": c.handler.map { $0 as Any } ?? NSNull()]
    }
}
