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
    @Option(help: "At most this many alerts.") var limit: Int = 100

    func run() throws {
        try DeskBounds.check(limit, in: DeskBounds.listLimit, field: "--limit")
        let desk = try global.openDesk()
        let evaluator = AlertEvaluator(desk: desk)
        if watch {
            // A value in the file the rules cannot use fails every tick until someone fixes it: say
            // so on standard error once (and when it clears), and keep watching.
            var problem: String?
            func tick(_ now: Instant) -> [DeskAlert] {
                do {
                    let raised = try evaluator.tick(at: now).raised
                    if problem != nil { problem = nil; ConsoleOutput.standardError("console: alerts: evaluating again\n") }
                    return raised
                } catch {
                    let text = String(describing: error)
                    if text != problem {
                        problem = text
                        ConsoleOutput.standardError("console: alerts: \(text); still watching\n")
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
        _ = try evaluator.tick(at: now)
        let alerts = try DeskAlerts.current(desk, at: now, limit: limit, unacknowledgedOnly: unacknowledged, actor: global.actor)
        if json {
            print(CaseJSON.text(alerts.map(AlertsCommand.object)))
        } else if alerts.isEmpty {
            print("no active alerts")
        } else {
            var t = TextTable(headers: ["level", "rule", "raised", "ack", "message", "id"], flexible: [4])
            for a in alerts {
                t.rows.append([a.level.rawValue, a.rule.zh, DeskTime.standard.short(a.raisedAt), a.acknowledgedBy ?? "",
                               Masking.maskText(a.messageZh), a.id])
            }
            print(t.render(maxWidth: 200))
        }
        let counts = try DeskAlerts.counts(desk, actor: global.actor)
        if counts.critical > 0 { throw ExitCode(3) }
    }

    static func line(_ a: DeskAlert) -> String {
        "\(DeskTime.standard.format(a.raisedAt)) \(a.level.rawValue.uppercased()) \(a.rule.rawValue) \(Masking.maskText(a.messageZh)) [\(a.id)]"
    }

    static func object(_ a: DeskAlert) -> [String: Any] {
        ["id": a.id, "rule": a.rule.rawValue, "level": a.level.rawValue, "subject": a.subject, "case": a.caseNumber ?? NSNull(),
         "message_zh": Masking.maskText(a.messageZh), "message_en": Masking.maskText(a.messageEn), "raised_at": DeskTime.standard.format(a.raisedAt),
         "acknowledged_by": a.acknowledgedBy ?? NSNull(), "acknowledged_at": a.acknowledgedAt.map { DeskTime.standard.format($0) } ?? NSNull()]
    }
}

/// `console ack`: acknowledge alerts.
struct AckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge alerts by id (from `console alerts`); recorded with your name.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Alert ids (rule:subject:level).") var ids: [String]
    @Option var note: String = ""

    func run() throws {
        let n = try DeskAlerts.acknowledge(try global.openDesk(), ids: ids, note: note, actor: global.actor)
        print("acknowledged \(n) alert(s)")
    }
}
