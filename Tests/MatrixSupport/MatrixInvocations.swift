import Foundation

/// How the confidentiality matrix calls each subcommand: argument lists with placeholders filled
/// per cell — `{DIR}` (the cell's directory), `{GENERAL}` and `{GROUP}` (general cases),
/// `{REPORT}` and `{VALID}` (report cases 举报件, absent from the desk without them), `{EVENT}`
/// (the crisis event a report case was linked into) and `{RALERT}` (an alert on a report case).
///
/// Every subcommand the binary lists must have an entry: a new command fails the matrix until
/// someone decides how an attacker would call it. An entry with no argument lists says why.
public enum MatrixInvocations {
    /// One entry: the argument lists to try, or why the command is tried elsewhere.
    public enum Entry: Sendable {
        case calls([[String]])
        case elsewhere(String)
    }

    public static let table: [String: Entry] = [
        "tui": .elsewhere("the full-screen console: every console command is tried as every role by ConsoleMatrixTests"),
        "dashboard": .calls([["dashboard"], ["dashboard", "--json"]]),
        "init": .calls([["init"]]),
        "demo": .calls([["demo", "--cases", "10"]]),
        "add": .calls([["add", "--summary", "客户来电", "--phone", "13912345678"],
                       ["add", "--suggest", "--phone", "13912345678", "--id-number", "110101199003070011"],
                       ["add", "--summary", "再次来电", "--phone", "13912345678", "--repeat-of", "{REPORT}"],
                       ["add", "--summary", "举报", "--kind", "report", "--phone", "13900000000"]]),
        "import": .calls([["import", "{DIR}/general.csv", "--mapping", "{DIR}/hotline.map", "--dry-run", "--json"],
                          ["import", "{DIR}/general.csv", "--mapping", "{DIR}/hotline.map"],
                          ["import", "{DIR}/report.csv", "--mapping", "{DIR}/hotline.map", "--dry-run"],
                          ["import", "{DIR}/plain.csv"],
                          ["import", "--infer", "{DIR}/general.csv"]]),
        "list": .calls([["list"], ["list", "--json"], ["list", "--lang", "zh"], ["list", "--search", "监管转〔2026〕17号"], ["list", "--search", "举报"], ["list", "--search", "13912345678"],
                        ["list", "--kind", "report"], ["list", "--search", "{REPORT}"], ["list", "--state", "breach"],
                        ["list", "--handler", "zhenghong"], ["list", "--search", "crm:1"],
                        ["list", "--search", "举报", "--count"], ["list", "--open", "--search", "举报"], ["list", "--count"]]),
        "show": .calls([["show", "{REPORT}"], ["show", "{GENERAL}", "--json"], ["show", "{GROUP}"],
                        ["show", "{REPORT}", "--reveal", "--reason", "核实"], ["show", "{GENERAL}", "--lang", "zh", "--no-wrap"],
                        ["show", "{REPORT}", "--lang", "zh"]]),
        "clocks": .calls([["clocks", "{REPORT}"], ["clocks", "{GENERAL}", "--json"], ["clocks", "{REPORT}", "--explain"],
                          ["clocks", "{GENERAL}", "--explain", "--lang", "zh"], ["clocks", "{REPORT}", "--explain", "--json"]]),
        "assign": .calls([["assign", "{REPORT}", "--to", "zhangqiang"], ["assign", "{REPORT}", "{GENERAL}", "--to", "liqiang"],
                          ["assign", "--from", "zhenghong", "--balance", "--dry-run"], ["assign", "--from", "zhangqiang", "--balance", "--dry-run"]]),
        "unassign": .calls([["unassign", "{VALID}"]]),
        "act": .calls([["act", "{REPORT}", "note", "--note", "跟进"], ["act", "{REPORT}", "close", "--basis", "accepted"],
                       ["act", "{REPORT}", "note", "--script", "first-contact"],
                       ["act", "{VALID}", "withdraw", "--reason", "撤回"], ["act", "{REPORT}", "contact", "--expect-version", "1"]]),
        "link": .calls([["link", "{GENERAL}", "--to", "{REPORT}"], ["link", "{REPORT}", "--to", "{GENERAL}"]]),
        "severity": .calls([["severity", "{REPORT}", "major"], ["severity", "{REPORT}", "general", "--reason", "降级"]]),
        "validity": .calls([["validity", "{REPORT}", "valid", "--reason", "查实", "--responsible", "liqiang", "--lead", "wangmin"]]),
        "export": .calls([["export"], ["export", "--format", "jsonl"], ["export", "--reveal", "--reason", "监管调阅"],
                          ["export", "--kind", "report", "--format", "json"]]),
        "backup": .calls([["backup", "{DIR}/copy.sqlite"]]),
        // No server listens on port 1: an administrator gets as far as the connection.
        "migrate": .calls([["migrate", "--to", "postgres://nobody@127.0.0.1:1/desk"]]),
        "alerts": .calls([["alerts"], ["alerts", "--json"], ["alerts", "--unacknowledged", "--limit", "1000"],
                          ["alerts", "--group", "branch"], ["alerts", "--group", "handler", "--json"], ["alerts", "--group", "rule", "--view", "role"],
                          ["alerts", "--branch", "上海分公司", "--limit", "1"], ["alerts", "--handler", "zhenghong"], ["alerts", "--handler", "郑红", "--json"],
                          ["alerts", "--rule", "stage-breach/first-contact", "--new", "--mark-seen"]]),
        "ack": .calls([["ack", "{RALERT}"], ["ack", "{RALERT}", "new-major:JB-20260217-ZZZZZZ:warning"],
                       ["ack", "--branch", "上海分公司", "--dry-run"], ["ack", "--rule", "unassigned"],
                       ["ack", "--branch", "上海分公司", "--yes"], ["ack", "--handler", "zhenghong", "--yes", "--expect", "0"],
                       ["ack", "--level", "critical", "--yes", "--expect", "1"], ["ack", "--view", "role", "--new", "--yes"]]),
        "crisis list": .calls([["crisis", "list"], ["crisis", "list", "--all", "--json"]]),
        "crisis show": .calls([["crisis", "show", "{EVENT}"], ["crisis", "show", "{EVENT}", "--json"], ["crisis", "show", "2"],
                               ["crisis", "show", "{EVENT}", "--lang", "zh"]]),
        "crisis propose": .calls([["crisis", "propose", "{REPORT}", "--title", "t"], ["crisis", "propose", "{GENERAL}", "{REPORT}", "--title", "t"]]),
        "crisis declare": .calls([["crisis", "declare", "{EVENT}"], ["crisis", "declare", "2"]]),
        "crisis dismiss": .calls([["crisis", "dismiss", "{EVENT}", "--reason", "非群体事件"]]),
        "crisis report": .calls([["crisis", "report", "{EVENT}", "--kind", "superior", "--to", "江苏分公司", "--text", "已报告"]]),
        "crisis close": .calls([["crisis", "close", "{EVENT}", "--cause", "c", "--lessons", "l"]]),
        "crisis archive": .calls([["crisis", "archive", "{EVENT}"]]),
        "penalties": .calls([["penalties", "--month", "2026-02"], ["penalties", "--month", "2026-02", "--json"]]),
        "figures set": .calls([["figures", "set", "--branch", "上海分公司", "--month", "2026-02", "--claim-reports", "10"]]),
        "figures list": .calls([["figures", "list"]]),
        "figures import": .calls([["figures", "import", "{DIR}/general.csv"]]),
        "report summary": .calls([["report", "summary", "--from", "2026-02-13", "--to", "2026-02-23"],
                                  ["report", "summary", "--from", "2026-02-13", "--to", "2026-02-23", "--json"]]),
        "report metrics": .calls([["report", "metrics", "--period", "2026-02", "--json"], ["report", "metrics", "--period", "2026-02"]]),
        "report handler": .calls([["report", "handler", "--period", "2026-02"]]),
        "report branch": .calls([["report", "branch", "--period", "2026-02", "--json"]]),
        "users add": .calls([["users", "add", "eve", "--role", "handler"]]),
        "users list": .calls([["users", "list"], ["users", "list", "--json"], ["users"]]),
        "users set-role": .calls([["users", "set-role", "zhangqiang", "presidents-office"]]),
        "users disable": .calls([["users", "disable", "zhenghong"]]),
        "users enable": .calls([["users", "enable", "former"]]),
        "users shift add": .calls([["users", "shift", "zhenghong", "--from", "2026-02-17T20:00:00+08:00", "--to", "2026-02-18T08:00:00+08:00"]]),
        "users shift list": .calls([["users", "shift", "list", "--json", "--from", "2026-02-16", "--to", "2026-02-18"]]),
        "users shift move": .calls([["users", "shift", "move", "1", "--from", "2026-02-17T09:00:00+08:00", "--to", "2026-02-17T21:00:00+08:00"]]),
        "users shift remove": .calls([["users", "shift", "remove", "2"]]),
        "users shift import": .calls([["users", "shift", "import", "{DIR}/shifts.csv", "--replace"]]),
        "users shift window": .calls([["users", "shift", "window", "--from", "2026-02-14T00:00:00+08:00", "--to", "2026-02-24T08:00:00+08:00"]]),
        "users set-phone": .calls([["users", "set-phone", "zhangqiang", "13900001111"]]),
        "scripts list": .calls([["scripts", "list", "--case", "{REPORT}"], ["scripts", "list", "--case", "{GROUP}", "--json"]]),
        "scripts show": .calls([["scripts", "show", "crisis-regulator", "--case", "{GROUP}", "--json"],
                                ["scripts", "show", "first-contact", "--case", "{REPORT}", "--reveal", "--reason", "核实"]]),
        "scripts check": .calls([["scripts", "check", "{DIR}"]]),
        "handover show": .calls([["handover", "--json"], ["handover", "--since", "2026-02-17T00:00:00+08:00", "--markdown"]]),
        "handover ack": .calls([["handover", "ack"]]),
        "users allow-switch": .calls([["users", "allow-switch", "off"]]),
        "users notify": .calls([["users", "notify"], ["users", "notify", "bell"]]),
        "audit verify": .calls([["audit", "verify"], ["audit", "verify", "--json"]]),
        "audit log": .calls([["audit", "log"], ["audit", "log", "--json"], ["audit", "log", "--case", "{REPORT}"], ["audit", "log", "--by", "zhenghua"]]),
        "purge": .calls([["purge", "--before", "2023-01-01"]]),
        "calendar show": .calls([["calendar", "show", "2026-02"]]),
        "calendar check": .calls([["calendar", "check", "2026-02-14"]]),
        "calendar coverage": .calls([["calendar", "coverage"], ["calendar", "coverage", "--json", "--lang", "zh"]]),
        "deadline": .calls([["deadline", "--from", "2026-02-13T16:00:00+08:00", "--add", "3 working days"]]),
        "recompute": .calls([["recompute"]]),
        "config write-defaults": .elsewhere("writes the shipped policy files into the config directory: no desk data (open)"),
        "config path": .calls([["config", "path"]]),
        "commands": .calls([["commands"]]),
    ]

    /// `call` with its placeholders filled for a cell whose files are in `dir`; `alert` is the
    /// alert raised on a report case (`MatrixDesk.reports.reportAlert`).
    public static func fill(_ call: [String], dir: String, alert: String) -> [String] {
        call.map {
            $0.replacingOccurrences(of: "{DIR}", with: dir)
                .replacingOccurrences(of: "{GENERAL}", with: MatrixDesk.general).replacingOccurrences(of: "{GROUP}", with: MatrixDesk.group)
                .replacingOccurrences(of: "{REPORT}", with: MatrixDesk.report).replacingOccurrences(of: "{VALID}", with: MatrixDesk.validReport)
                .replacingOccurrences(of: "{EVENT}", with: MatrixDesk.event).replacingOccurrences(of: "{RALERT}", with: alert)
        }
    }

    /// The subcommands that take no desk (`--db`, `--now`, `--user` do not apply).
    public static let deskless: Set<String> = ["commands", "config path", "config write-defaults", "scripts check"]

    /// What may differ between the two desks' answers, made alike: the cell's own directory
    /// (`{DIR}`), wall-clock durations, and the random part of a report case number made by the
    /// call itself (a number of the fixture's is kept).
    public static func normalised(_ text: String, dir: String) -> String {
        var t = text.replacingOccurrences(of: dir, with: "{DIR}")
        let known = Set(MatrixDesk.reports.reportNumbers)
        if let re = try? NSRegularExpression(pattern: #"JB-\d{8}-[0-9A-Z]{6}"#) {
            for m in re.matches(in: t, range: NSRange(t.startIndex..., in: t)).reversed() {
                let r = Range(m.range, in: t)!
                if !known.contains(String(t[r])) { t.replaceSubrange(r, with: "JB-(new)") }
            }
        }
        t = t.replacingOccurrences(of: #"\d+\.\d+ s\b"#, with: "N s", options: .regularExpression)
        t = t.replacingOccurrences(of: #""seconds" ?: ?[0-9.e-]+"#, with: "\"seconds\":N", options: .regularExpression)
        return t
    }
}
