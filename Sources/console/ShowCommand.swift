import ArgumentParser
import CaseModel
import ConsoleUI
import TerminalKit
import Foundation

/// `console show`: every field, the clocks and the timeline, each text whole.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a case: every field, its clocks and its timeline, every text whole.",
        discussion: "Texts (summary, details, demand, notes) are printed whole, wrapped to the terminal's width (a Chinese character takes two cells; $COLUMNS or 100 when not a terminal), or as written with --no-wrap.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case number.") var number: String
    @Flag(help: "JSON: the case plus `timeline`.") var json = false
    @Flag(help: "Show this case's personal data unmasked (permitted roles; needs --reason; recorded in the audit trail).") var reveal = false
    @Option(help: "Why the personal data is needed (with --reveal).") var reason: String?
    @Flag(name: .customLong("no-wrap"), help: "Print each text as written, without wrapping it to the terminal.") var noWrap = false

    /// The fields in the order a person reads a case; long texts last.
    static let order = [
        "number", "status", "severity", "kind", "category", "channel", "source", "regulator_ref", "received_at", "receiving_operator",
        "branch", "handler", "team", "name", "phone", "id_number", "policy_number", "claim_number", "bank_account", "language",
        "line", "product", "people", "potential_loss", "regulator_involved", "media_involved", "online_exposure", "repeat_count",
        "repeat_of", "crisis_event", "severity_override", "severity_cap", "validity", "responsible_staff", "responsible_lead",
        "closing_basis", "callback_result", "satisfaction", "promised_at", "extension_count", "stages_started_at", "contacted_at",
        "investigation_started_at", "submitted_at", "approved_at", "closed_at", "followed_up_at", "withdrawn_at", "last_note_at",
        "last_reminder_at", "column_changed_at", "next_due_at", "source_ref", "version", "updated_at", "updated_by",
    ]
    static let texts = ["summary", "details", "demand", "resolution", "validity_reason", "improvement_suggestion"]
    static let people: Set<String> = ["receiving_operator", "handler", "responsible_staff", "responsible_lead", "updated_by"]

    func run() throws {
        let desk = try global.openDesk()
        if reason != nil && !reveal { throw CommandFailure("--reason goes with --reveal", "--reason 须与 --reveal 同用", code: 2) }
        let (c, events) = reveal ? try desk.reveal(number, reason: reason ?? "", actor: global.actor)
                                 : try desk.detail(number, actor: global.actor)
        // The timeline shows personal data exactly as the fields do: revealed only with --reveal.
        let shown = Disclosure(revealed: reveal)
        if json {
            var obj = CaseJSON.object(c, reveal: reveal)
            obj["timeline"] = events.map { CaseJSON.object(shown.event($0)) }
            print(CaseJSON.text(obj, pretty: true))
            return
        }
        let l = global.language, zh = l == .zh
        let width = TextWrap.width(noWrap: noWrap)
        let names = try desk.peopleNames(actor: global.actor)
        let obj = CaseJSON.object(c, reveal: reveal)
        let keys = Self.order.filter { obj[$0] != nil } + obj.keys.filter { !Self.order.contains($0) && !Self.texts.contains($0) }.sorted()
        let labelWidth = keys.map { DisplayWidth.of(FieldLabel.label($0, l)) }.max() ?? 10
        var out: [String] = []
        for key in keys {
            out += TextWrap.field(FieldLabel.label(key, l), labelWidth: labelWidth, value(key, obj[key]!, names, l), width: width)
        }
        for key in Self.texts {
            guard let text = obj[key] as? String, !text.isEmpty else { continue }
            out.append("")
            out.append(FieldLabel.label(key, l) + (zh ? "：" : ":"))
            out += TextWrap.block(text, indent: 2, width: width)
        }
        let now = desk.clock.now()
        let clocks = desk.clocks(of: c)
        if !clocks.isEmpty {
            out.append("")
            out.append(zh ? "时限（剩余与超时均按各自日历的工作时间计）：" : "clocks (time left and overdue in each clock's working time):")
            for k in clocks {
                let f = ClockFigure(k, at: now)
                out.append("  " + DisplayWidth.pad(k.stage.label(l), to: zh ? 10 : 15) + DisplayWidth.pad(f.left(l), to: 16) + f.dueText(l)
                           + "  " + ClockExplanation.calendarName(k.calendar.name, l))
            }
        }
        out.append("")
        out.append(zh ? "处理记录：" : "timeline:")
        // Event ids only for readers who see every event (they come as 0 otherwise).
        let positions = events.contains { $0.id != 0 }
        for e in events.map(shown.event) {
            let status = e.fromStatus == e.toStatus || e.fromStatus == nil ? (e.toStatus?.label(l) ?? "")
                : "\(e.fromStatus?.label(l) ?? "")→\(e.toStatus?.label(l) ?? "")"
            let head = [positions ? "#\(e.id)" : nil, DeskTime.standard.short(e.at), names.nameAndLogin(e.actor, l),
                        EventActionLabel.label(e.action, l), status.isEmpty ? nil : status].compactMap { $0 }.joined(separator: "  ")
            out += TextWrap.lines(head, width: width)
            let detailKeys = e.detail.keys.sorted()
            let w = detailKeys.map { DisplayWidth.of(FieldLabel.label($0, l)) }.max() ?? 0
            for k in detailKeys {
                out += TextWrap.field(FieldLabel.label(k, l), labelWidth: w, e.detail[k]!, width: width.map { $0 - 4 }).map { "    " + $0 }
            }
        }
        print(out.joined(separator: "\n"))
    }

    /// A field's value as a reader wants it: codes as labels in Chinese, people by their names.
    func value(_ key: String, _ v: Any, _ names: PeopleNames, _ l: Language) -> String {
        if v is NSNull { return "-" }
        if let b = v as? Bool { return l == .zh ? (b ? "是" : "否") : (b ? "yes" : "no") }
        let text = "\(v)"
        if Self.people.contains(key) { return names.nameAndLogin(text, l) }
        if key == "language" { return SpokenLanguage.name(text, l) ?? text }
        guard l == .zh else { return text }
        func label<E: Labeled>(_ type: E.Type) -> String { E(rawValue: text)?.zh ?? text }
        switch key {
        case "status": return label(CaseStatus.self)
        case "severity", "severity_override", "severity_cap": return label(Severity.self)
        case "kind": return label(CaseKind.self)
        case "category": return label(Category.self)
        case "channel": return label(Channel.self)
        case "source": return label(CaseSource.self)
        case "line": return label(InsuranceLine.self)
        case "validity": return label(Validity.self)
        case "closing_basis": return label(ClosingBasis.self)
        case "callback_result": return label(CallbackResult.self)
        default: return text
        }
    }
}
