/// A handover written out: plain text for the terminal, Markdown to paste into a message, and a
/// self-contained HTML page to print (every value escaped as `ReportHTML` does). The same
/// sections in the same order in all three (docs/handover.md).
public struct HandoverDocument: Sendable {
    public let handover: Handover

    /// Writes out a handover.
    public init(_ handover: Handover) { self.handover = handover }

    /// One section: a heading, column names and rows (an empty section says "none").
    struct Section {
        var title: String
        var headers: [String]
        var rows: [[String]]
    }

    static func time(_ t: Instant) -> String { DeskTime.standard.short(t) }

    /// The title line.
    var title: String {
        let w = handover.window
        return "交接班 Handover \(Self.time(w.from)) – \(Self.time(w.to))"
    }

    /// The lines under the title: who hands over, the horizon, acknowledgement, the chain head.
    var preamble: [String] {
        let h = handover, w = h.window
        var out: [String] = []
        if !w.outgoing.isEmpty || w.incomingName != nil {
            out.append("交班 outgoing: \(w.outgoing.isEmpty ? "-" : w.outgoing.joined(separator: ", "))    接班 incoming: \(w.incomingName ?? "-")")
        }
        out.append("受理 received: \(h.received)    结案 closed: \(h.closed)    到期窗口 due window: until \(Self.time(h.horizonEnd))")
        if let a = h.acknowledgement {
            out.append("本次交接已确认 acknowledged by \(a.by) at \(Self.time(a.at))")
        } else {
            out.append("本次交接未确认 not yet acknowledged")
        }
        if let c = h.lastShiftChange {
            out.append(h.lastShiftChangeAck.map { "上次交接班 \(Self.time(c)): 已确认 acknowledged by \($0.by) at \(Self.time($0.at))" }
                       ?? "上次交接班 \(Self.time(c)): 未确认 NOT acknowledged")
        }
        if let head = h.chainHead { out.append("审计链 audit chain head: event \(head.id) \(head.hash)") }
        return out
    }

    var sections: [Section] {
        let h = handover
        func opt(_ t: Instant?) -> String { t.map(Self.time) ?? "-" }
        return [
            Section(title: "对客户的承诺 Promises made to customers", headers: ["case", "promised for", "made", "by", "action"],
                    rows: h.promises.map { [$0.caseNumber, $0.promisedAt.map(Self.time) ?? $0.promisedText, Self.time($0.madeAt), $0.by, $0.action] }),
            Section(title: "即将到期 Clocks falling due", headers: ["case", "stage", "due", "severity", "handler"],
                    rows: h.dueSoon.map { [$0.caseNumber, "\($0.stage.zh) \($0.stage.rawValue)", Self.time($0.due), $0.severity.rawValue, $0.handler ?? "-"] }),
            Section(title: "已超时 Overdue", headers: ["case", "stage", "was due", "severity", "handler"],
                    rows: h.overdue.map { [$0.caseNumber, "\($0.stage.zh) \($0.stage.rawValue)", Self.time($0.due), $0.severity.rawValue, $0.handler ?? "-"] }),
            Section(title: "未分派 Unassigned", headers: ["case", "received", "severity", "category", "summary"],
                    rows: h.unassigned.map { [$0.number, Self.time($0.receivedAt), $0.severity.rawValue, $0.category.rawValue, $0.summary] }),
            Section(title: "危机事件 Crisis events and report clocks", headers: ["event", "title", "people", "1h report due", "filed", "24h report due", "filed"],
                    rows: h.crises.map { ["\($0.id)", $0.title, "\($0.people)\($0.massIncident ? " !" : "")", Self.time($0.superiorDue), opt($0.superiorFiled),
                                          Self.time($0.hqDue), opt($0.hqFiled)] }),
            Section(title: "未确认严重告警 Unacknowledged critical alerts", headers: ["alert", "raised", "message"],
                    rows: h.criticalAlerts.map { [$0.id, Self.time($0.raisedAt), $0.messageZh] }),
            Section(title: "本班记录 Notes written this shift", headers: ["case", "at", "by", "note", "script"],
                    rows: h.notes.map { [$0.caseNumber, Self.time($0.at), $0.by, $0.text, $0.script ?? ""] }),
        ]
    }

    /// Plain text, one `-`-separated line per row (cells may hold any width of text).
    public var text: String {
        var out = [title] + preamble
        for s in sections {
            out.append("")
            out.append("\(s.title) (\(s.rows.count))")
            if s.rows.isEmpty { out.append("  none") }
            for r in s.rows { out.append("  " + r.map { Self.oneLine($0) }.joined(separator: "  ")) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Markdown: a heading, the preamble as a list, a table per section (`|` in cells escaped).
    public var markdown: String {
        var out = ["# \(title)", ""] + preamble.map { "- \(Self.markdownCell($0))" }
        for s in sections {
            out.append("")
            out.append("## \(s.title) (\(s.rows.count))")
            out.append("")
            if s.rows.isEmpty { out.append("none"); continue }
            out.append("| " + s.headers.joined(separator: " | ") + " |")
            out.append("|" + String(repeating: " --- |", count: s.headers.count))
            for r in s.rows { out.append("| " + r.map(Self.markdownCell).joined(separator: " | ") + " |") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A self-contained page to print.
    public var html: String {
        var page = ReportHTML(title: title)
        for line in preamble { page.paragraph(line) }
        for s in sections {
            page.heading("\(s.title) (\(s.rows.count))")
            if s.rows.isEmpty { page.paragraph("none", note: true) } else { page.table(s.headers, s.rows) }
        }
        return page.text
    }

    static func oneLine(_ s: String) -> String {
        s.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }

    static func markdownCell(_ s: String) -> String {
        // A table cell: no line break, no column break, and no markup a renderer would run.
        oneLine(s).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
