import CaseModel
import TerminalKit

/// What the console knows about a command, in one place: help's summary, the footer's short label,
/// the argument the `:` line takes, the form field that argument fills, and the default keys.
/// Help, the footer, the case screen's action bar, the `:` line, completion and the default key
/// map all read this table.
struct CommandInfo {
    var summary: (zh: String, en: String)
    /// The footer's and the action bar's label; nil: the summary.
    var label: (zh: String, en: String)?
    var argument: CommandArgument?
    /// A case action's `:` argument goes into this field of its form (the form still opens).
    var prefills: String?
    /// Default bindings: a context and a key name (`Key.parse`), in the order help lists them.
    var keys: [(KeyContext, String)]

    init(_ zh: String, _ en: String, label: (String, String)? = nil, argument: CommandArgument? = nil, prefills: String? = nil,
         keys: [(KeyContext, String)] = []) {
        summary = (zh, en)
        self.label = label.map { (zh: $0.0, en: $0.1) }
        self.argument = argument
        self.prefills = prefills
        self.keys = keys
    }
}

extension Command {
    /// The command's facts. Adding a command: a case in `Command`, its row here, its
    /// `operation` (CommandAccess.swift), and what it does in the screen that runs it.
    var info: CommandInfo {
        switch self {
        // Moving around: every screen.
        case .help: CommandInfo("帮助", "help", label: ("帮助", "help"), keys: [(.global, "?"), (.global, "F1")])
        case .back: CommandInfo("返回", "back", label: ("返回", "back"), keys: [(.global, "q"), (.global, "Esc")])
        case .quit: CommandInfo("退出", "quit", label: ("退出", "quit"), keys: [(.global, "F10")])
        case .commandLine: CommandInfo("命令行", "command line", label: ("命令", "command"), keys: [(.global, ":")])
        case .nextPane: CommandInfo("下一窗格", "next pane", label: ("切换窗格", "pane"), keys: [(.global, "Tab")])
        case .prevPane: CommandInfo("上一窗格", "previous pane", keys: [(.global, "S-Tab")])
        case .up: CommandInfo("上移", "up", keys: [(.global, "Up"), (.global, "k")])
        case .down: CommandInfo("下移", "down", keys: [(.global, "Down"), (.global, "j")])
        case .left: CommandInfo("左移", "left", keys: [(.global, "Left"), (.global, "h")])
        case .right: CommandInfo("右移", "right", keys: [(.global, "Right"), (.global, "l")])
        case .pageUp: CommandInfo("上一页", "page up", keys: [(.global, "PgUp")])
        case .pageDown: CommandInfo("下一页", "page down", keys: [(.global, "PgDn")])
        case .top: CommandInfo("到顶", "top", keys: [(.global, "g"), (.global, "Home")])
        case .bottom: CommandInfo("到底", "bottom", keys: [(.global, "G"), (.global, "End")])
        case .open: CommandInfo("打开", "open", label: ("打开", "open"), keys: [(.global, "Enter")])
        case .refresh: CommandInfo("刷新", "refresh", keys: [(.global, "C-l")])
        case .dashboard: CommandInfo("值班总览", "dashboard", keys: [(.global, "F2")])
        // Lists: marks, the queue's search, filter and sort.
        case .mark: CommandInfo("标记/取消标记", "mark / unmark", label: ("标记", "mark"), keys: [(.queue, "Space"), (.alerts, "Space")])
        case .unmarkAll: CommandInfo("清除全部标记", "clear all marks", keys: [(.queue, "U"), (.alerts, "U")])
        case .acknowledge: CommandInfo("确认告警", "acknowledge alert", label: ("确认告警", "ack"), keys: [(.dashboard, "a"), (.alerts, "a")])
        case .queue: CommandInfo("案件队列", "case queue", label: ("队列", "queue"), keys: [(.global, "F3"), (.dashboard, "u")])
        case .reports: CommandInfo("报表 (←/→ 换统计期)", "reports (←/→ period)", keys: [(.global, "F5"), (.global, "R")])
        case .reassign:
            CommandInfo("改派标记的案件(先确认)", "reassign marked cases (asks first)", label: ("改派", "reassign"), argument: .handler,
                        keys: [(.queue, "r"), (.caseView, "r")])
        case .search:
            CommandInfo("搜索 编号/姓名/电话/保单/内容", "search number/name/phone/policy/text", label: ("搜索", "search"), argument: .text,
                        keys: [(.queue, "/"), (.dashboard, "/")])
        case .filter: CommandInfo("筛选", "filter", label: ("筛选", "filter"), keys: [(.queue, "f"), (.queue, "F4")])
        case .clearFilter: CommandInfo("清除筛选", "clear filters", keys: [(.queue, "c")])
        case .sortNext:
            CommandInfo("换排序列", "sort by next column", label: ("排序", "sort"), argument: .choice(QueueSort.allCases.map(\.rawValue)),
                        keys: [(.queue, "s")])
        case .sortReverse: CommandInfo("反向排序", "reverse sort", keys: [(.queue, "S")])
        case .toggleClosed: CommandInfo("切换 未结/全部/已结", "open / all / closed", keys: [(.queue, "o")])
        // The case screen's actions: each opens its form.
        case .contact: CommandInfo("已联系客户", "contact made", label: ("联系", "contact"), argument: .text, prefills: "note", keys: [(.caseView, "c"), (.scripts, "c")])
        case .note: CommandInfo("进展记录", "progress note", label: ("记录", "note"), argument: .text, prefills: "note", keys: [(.caseView, "n"), (.scripts, "n")])
        case .investigate:
            CommandInfo("开始调查", "start investigation", label: ("调查", "investigate"), argument: .text, prefills: "note", keys: [(.caseView, "i")])
        case .submit:
            CommandInfo("提交审批", "submit for approval", label: ("提交", "submit"), argument: .text, prefills: "resolution", keys: [(.caseView, "s")])
        case .approve: CommandInfo("审批通过", "approve", label: ("审批", "approve"), argument: .text, prefills: "note", keys: [(.caseView, "a")])
        case .reject:
            CommandInfo("退回(须原因)", "reject (with reason)", label: ("退回", "reject"), argument: .text, prefills: "reason", keys: [(.caseView, "x")])
        case .extend:
            CommandInfo("延期(原因与承诺时间)", "extend (reason, promised time)", label: ("延期", "extend"), argument: .text, prefills: "reason",
                        keys: [(.caseView, "e")])
        case .remind:
            CommandInfo("催办(方式与对象)", "remind (channel, addressee)", label: ("催办", "remind"),
                        argument: .choice(ReminderChannel.allCases.map(\.rawValue)), prefills: "channel", keys: [(.caseView, "m")])
        case .close:
            CommandInfo("结案(结案标准,先确认)", "close with basis (asks first)", label: ("结案", "close"),
                        argument: .choice(ClosingBasis.allCases.map(\.rawValue)), prefills: "basis", keys: [(.caseView, "C")])
        case .callback:
            CommandInfo("回访与满意度", "record callback and satisfaction", label: ("回访", "callback"),
                        argument: .choice(CallbackResult.allCases.map(\.rawValue)), prefills: "result", keys: [(.caseView, "b")])
        case .withdraw:
            CommandInfo("撤诉(先确认)", "withdraw (asks first)", label: ("撤诉", "withdraw"), argument: .text, prefills: "reason",
                        keys: [(.caseView, "W")])
        case .reopen: CommandInfo("重新打开", "reopen", label: ("重开", "reopen"), argument: .text, prefills: "reason", keys: [(.caseView, "O")])
        case .link:
            CommandInfo("关联重复投诉", "link repeat complaint", label: ("关联", "link"), argument: .caseNumber, prefills: "repeat_of",
                        keys: [(.caseView, "L")])
        case .severity:
            CommandInfo("调整严重度", "raise / lower severity", label: ("严重度", "severity"),
                        argument: .choice([Severity.major, .urgent, .general, .venting].map(\.rawValue)), prefills: "severity",
                        keys: [(.caseView, "v")])
        case .validity:
            CommandInfo("有效/无效认定", "mark valid / invalid", label: ("认定", "validity"),
                        argument: .choice([Validity.valid, .invalid].map(\.rawValue)), prefills: "validity", keys: [(.caseView, "V")])
        // The crisis board's actions (declare also from a case).
        case .propose: CommandInfo("提议危机事件", "propose crisis event", label: ("提议", "propose"), keys: [(.crisis, "p")])
        case .declare: CommandInfo("启动危机事件", "declare crisis", label: ("启动危机", "declare"), keys: [(.caseView, "D"), (.crisis, "d")])
        case .reveal:
            CommandInfo("查看个人信息(记审计)", "reveal personal data (audited)", label: ("显示个人信息", "reveal"), argument: .text,
                        prefills: "reason", keys: [(.caseView, "p")])
        case .dismiss: CommandInfo("排除(须原因)", "dismiss with reason", label: ("排除", "dismiss"), keys: [(.crisis, "x")])
        case .report: CommandInfo("记录报告(1小时/24小时/续报)", "record report (1 h / 24 h / update)", label: ("报告", "report"), keys: [(.crisis, "r"), (.scripts, "r")])
        case .final: CommandInfo("最终结果备案", "file final result", label: ("结果备案", "final"), keys: [(.crisis, "f")])
        case .cause: CommandInfo("原因分析与教训(结束事件)", "cause analysis and lessons (closes)", label: ("原因分析", "cause"), keys: [(.crisis, "c")])
        case .archive: CommandInfo("归档", "archive", label: ("归档", "archive"), keys: [(.crisis, "A")])
        // Screens opened from anywhere, and what they do.
        case .newCase:
            CommandInfo("新建投诉(受理表单)", "new complaint (intake form)", label: ("新建", "new"),
                        keys: [(.dashboard, "n"), (.queue, "n"), (.crisis, "n")])
        case .crisisBoard:
            CommandInfo("危机事件看板", "crisis board", label: ("危机", "crisis"),
                        keys: [(.global, "F8"), (.dashboard, "X"), (.queue, "X"), (.caseView, "X")])
        case .assignScreen:
            CommandInfo("处理人负荷(改派、全部移交)", "handlers' load (reassign, move all)", keys: [(.global, "F6"), (.dashboard, "W")])
        case .moveAll:
            CommandInfo("按负荷移交某人全部未结案件(先确认)", "move all of a handler's open cases, by load (asks first)", label: ("全部移交", "move all"),
                        argument: .handler, keys: [(.assign, "m")])
        case .go: CommandInfo("按编号打开案件", "open a case by number", argument: .caseNumber)
        case .alerts:
            CommandInfo("告警列表", "alerts list", argument: .choice(AlertLevel.allCases.map(\.rawValue) + ["all"]),
                        keys: [(.global, "F7"), (.dashboard, "A")])
        case .alertLevel:
            CommandInfo("按级别筛选告警", "filter alerts by level", label: ("级别", "level"),
                        argument: .choice(AlertLevel.allCases.map(\.rawValue) + ["all"]), keys: [(.alerts, "1")])
        case .alertRule:
            CommandInfo("按规则筛选告警", "filter alerts by rule", argument: .choice(AlertRule.allCases.map(\.rawValue) + ["all"]),
                        keys: [(.alerts, "2")])
        case .alertState:
            CommandInfo("未确认/已确认/全部", "unacknowledged / acknowledged / all", label: ("状态", "state"),
                        argument: .choice(["unacknowledged", "acknowledged", "all"]), keys: [(.alerts, "3")])
        case .alertBranch: CommandInfo("按分公司筛选告警", "filter alerts by branch", argument: .branch, keys: [(.alerts, "4")])
        case .alertGroup:
            CommandInfo("告警分组:规则·级别 / 加分公司 / 加处理人", "group alerts by rule·level / also branch / also handler",
                        label: ("分组", "group"), argument: .choice(["rule", "branch", "handler"]), keys: [(.alerts, "b")])
        case .ack:
            CommandInfo("按条件确认告警(先确认条数),如 ack rule=new-major branch=上海分公司",
                        "acknowledge alerts by filter (count confirmed first), e.g. ack rule=new-major branch=上海分公司", argument: .text)
        // Reading: whole texts, why a clock is due, the calendars (docs/console-reading.md).
        case .read:
            CommandInfo("阅读全文(光标所在的记录、文字或报告,可滚动)", "read the whole text (the entry, text or report under the cursor; scrolls)",
                        label: ("全文", "read"), keys: [(.caseView, "Enter"), (.crisis, "v")])
        case .explain:
            CommandInfo("时限说明:为何此时到期(规则、日历、起算、顺延)", "explain a clock: why it is due then (rule, calendar, start, days skipped)",
                        label: ("时限说明", "why due"), keys: [(.caseView, "w")])
        case .calendar:
            CommandInfo("节假日日历(休/班,已录入年份)", "holiday calendars (days off, make-up days, years known)", label: ("日历", "calendar"),
                        keys: [(.global, "F9")])
        // The desk's own tools: reply scripts, the shift handover, the duty roster.
        case .scripts:
            CommandInfo("标准话术(按本案/事件填好,可改后存为记录)", "reply scripts (filled for this case or event; edit, then save as a record)",
                        label: ("话术", "scripts"), keys: [(.caseView, "t"), (.crisis, "t")])
        case .handover:
            CommandInfo("交接班(本班移交内容,接班组长确认)", "shift handover (what this shift hands over; the incoming lead acknowledges)",
                        label: ("交接班", "handover"), keys: [(.global, "F11"), (.dashboard, "H")])
        case .handoverAck:
            CommandInfo("确认接班(记审计,先确认)", "acknowledge the handover (audited; asks first)", label: ("确认接班", "acknowledge"),
                        keys: [(.handover, "a")])
        case .roster:
            CommandInfo("值班表(在岗、24小时内、逐日,缺口标红)", "duty roster (on duty, next 24 h, day by day; gaps in red)",
                        label: ("值班表", "roster"), keys: [(.global, "F12"), (.dashboard, "T")])
        case .shiftAdd: CommandInfo("新增班次", "add a shift", label: ("新增班次", "add"), keys: [(.roster, "n")])
        case .shiftMove: CommandInfo("调整班次(时间或人员)", "move a shift (times or person)", label: ("调整", "move"), keys: [(.roster, "m")])
        case .shiftRemove: CommandInfo("删除班次(先确认)", "remove a shift (asks first)", label: ("删除", "remove"), keys: [(.roster, "x")])
        }
    }
}
