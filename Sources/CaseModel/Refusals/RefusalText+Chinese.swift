extension RefusalReason {
    /// The Chinese text, worded for the duty desk: what is wrong and what to do, no English words
    /// (codes, numbers, names and the commands in backquotes excepted).
    var chinese: String {
        func show<N: BinaryInteger>(_ n: N) -> String { DeskBounds.show(n) }
        let time = RefusalReason.chineseTime
        switch self {
        case .text(let s): return s
        case .required: return "必填"
        case let .requiredFor(action, _): return "\(action.zh)时必须填写"
        case let .unknownValue(value, expected): return "没有“\(value)”这一项（可选：\(expected)）"
        case .tooManyBytes(let limit): return "超过存储上限 \(show(limit)) 字节"
        case let .tooLong(limit, count): return "最多 \(show(limit)) 字，现有 \(show(count)) 字"
        case .containsNUL(let p): return "第 \(p) 个字符是空字符（U+0000），请删除"
        case let .outOfRange(min, max, value): return "应在 \(show(min)) 到 \(show(max)) 之间，填写的是 \(value)"
        case let .notACount(max, value): return "应为 0 到 \(show(max)) 之间的整数，填写的是 \(value)"
        case let .amountOutOfRange(max, value): return "金额应在 0 到 \(show(max)) 元之间，填写的是 \(value)"
        case .instantOutOfRange: return "时间应在 \(DeskBounds.firstDate) 到 \(DeskBounds.lastDate) 之间"
        case .shiftEndsBeforeStart: return "班次的结束时间必须晚于开始时间"
        case .shiftTooLong(let hours): return "班次超过 \(hours) 小时；长时间值班请分成几个班次登记"
        case let .badTime(problem, text): return "“\(text)”\(problem.chinese)（示例：2026-02-16 21:30 或 2026-02-16T21:30:00+08:00）"
        case .badDate(let text): return "“\(text)”不是有效日期（写法如 2026-02-16，范围 \(DeskBounds.firstDate) 至 \(DeskBounds.lastDate)）"
        case .badMonth(let text):
            return "“\(text)”不是有效月份（写法如 2026-02，范围 \(DeskBounds.years.lowerBound)-01 至 \(DeskBounds.years.upperBound)-12）"
        case let .receivedInFuture(at, now): return "不能是将来的时间：\(time(at)) 晚于现在（\(time(now))）"
        case let .mobileDigits(phone, n): return "“\(phone)”是 \(n) 位数字，手机号应为 11 位"
        case .notAPhone(let phone): return "“\(phone)”不是电话号码"
        case let .phoneDigits(phone, n): return "“\(phone)”有 \(n) 位数字，电话号码应为 5 到 20 位"
        case .idNumberShape: return "身份证号应为 18 位：17 位数字加 1 位校验码（可以是 X）"
        case .idNumberCheck(let c): return "校验码不对，应为 \(c)"
        case .controlInReference: return "来源编号不能包含控制字符"
        case .regulatorRefWithoutRegulator: return "只有监管转办的投诉件才填写转办编号（来源或渠道为监管转办）"
        case .notWholeNumber(let v): return "“\(v)”不是整数"
        case .notNumber(let v): return "“\(v)”不是数字"
        case .notYesNo(let v): return "“\(v)”不是“是”或“否”"
        case let .badPeriod(problem, text):
            return "“\(text)”\(problem.chinese)（可写 2026-Q1、2026-02、2026-02-10 或 2026-02-10..2026-02-20）"
        case .unknownField(let name): return "“\(name)”不是这个表单的字段"
        case .promisedNotInFuture: return "承诺完成时间必须晚于现在"
        case let .promisedBeyondLimit(limit, latest): return "超出答复时限可延长的上限（\(limit.text(.zh))），最晚只能到 \(time(latest))"
        case .repeatOfSelf: return "投诉件不能关联为自身的重复投诉"
        case .repeatAcrossTracks: return "举报件只能与举报件关联"
        case let .alreadyLinked(number, to): return "\(number) 已关联到 \(to)"
        case .crisisSeverityByHand: return "危机级别只能通过启动危机事件设定"
        case let .alreadyDetermined(number, validity): return "\(number) 已认定为\(validity.zh)"
        case let .illegalTransition(number, action, status, allowed):
            let statuses = allowed.map { CaseStatus(rawValue: $0)?.zh ?? $0 }.joined(separator: "、")
            return "\(number) 现为「\(CaseStatus(rawValue: status)?.zh ?? status)」，不能\(RefusalReason.actionWord(action))（只有\(statuses)状态才能办理）"
        case .caseNotFound(let number): return "没有投诉件 \(number)"
        case let .conflict(number, expected, actual, by, at):
            return "\(number) 已由 \(by) 于 \(DeskTime.standard.short(at)) 修改（现为第 \(actual) 版，您看到的是第 \(expected) 版）——请重新载入后再操作；本次未保存"
        case .revealNeedsReason: return "查看个人信息须说明理由"
        case .unmaskedExportNeedsReason: return "导出未遮蔽的个人信息须说明理由"
        case let .notOnRoster(name, hint): return "“\(name)”不在人员名单上" + (hint ? "（见 `console users list`）" : "")
        case .notActiveOnRoster(let name): return "“\(name)”不是名单上的在职人员"
        case .handlerDisabled(let name): return "“\(name)”在人员名单上已停用"
        case .reportHandlerOnlyOffice: return "举报件只能由总裁办处理"
        case .alreadyOnRoster(let name): return "“\(name)”已在人员名单上"
        case .nobodyOnDuty: return "在岗人员中没有人可以接手这些投诉件"
        case .reportCaseWithoutReceiver(let number): return "\(number) 是举报件，在岗人员中没有人可以接手"
        case let .noOpenCases(display, name): return "\(display)（\(name)）没有在办的投诉件"
        case let .crisisWrongStatus(id, status, step): return "危机事件 #\(id) 现为「\(status.zh)」，\(step.chinese)"
        case .crisisFinalFirst(let id): return "请先向总公司报送最终结果备案（`console crisis report \(id) --kind final`）"
        case .noCrisisEvent(let id): return "没有危机事件 #\(id)"
        case .reportCaseNoCrisis(let number): return "\(number) 是举报件：只由总裁办办理，不能并入危机事件"
        case .notAnAlertID(let id): return "“\(id)”不是告警编号（应为 规则:对象:级别）"
        case .noActiveAlert(let id): return "没有未解除的告警 \(id)"
        case let .onlyRoles(p, roles, report):
            let names = roles.map(\.zh)
            let list = names.count <= 1 ? (names.first ?? "") : names.dropLast().joined(separator: "、") + "或" + names.last!
            return report ? "举报件只有\(list)才能\(p.chinesePhrase)" : "只有\(list)才能\(p.chinesePhrase)"
        case .nobodyMay(let p): return "任何人都不能\(p.chinesePhrase)"
        case let .notActiveUser(name, p):
            return "\(name) 不是本值班台名单上的在职人员，不能\(p.chinesePhrase)（请管理员用 `console users add` 添加）"
        case .userDisabled(let name): return "\(name) 在人员名单上已停用，本值班台的内容不对其开放"
        case .userNotOnRoster(let name): return "\(name) 不在人员名单上，本值班台的内容不对其开放（请管理员用 `console users add` 添加）"
        case .rosterEmpty(let name):
            return "人员名单为空：添加管理员之前任何人都不能使用本值班台（`console init --admin \(name)` 或 `console users add \(name) --role administrator`）"
        case let .cannot(p, because): return "不能\(p.chinesePhrase)：\(because.chinese)"
        case let .backendRefused(table, login): return "服务器上的台不允许 \(login) 修改 \(table) 表；未保存任何内容（请服务器管理员核对该登录的权限）"
        case let .ownCase(number, p): return "\(number) 分派给了您本人：须由另一位组长\(p.chinesePhrase)"
        case .demoNeedsNewDesk: return "演示数据只能写入新建的数据库：这个数据库已有投诉件，请用新的 `--db` 文件"
        case .firstUserAdministrator(let name):
            return "人员名单为空：第一位用户必须是管理员（`console users add \(name) --role administrator` 或 `console init --admin NAME`）"
        case .lastAdministrator(let name): return "\(name) 是最后一位在职管理员：请先添加另一位管理员"
        case .auditedButReadOnly(let what):
            switch what {
            case .reveal: return "查看个人信息须记入审计，而这个数据库对您只读：未显示任何内容"
            case .export: return "导出须记入审计，而这个数据库对您只读：未显示任何内容"
            case .handover: return "交接班确认须记入审计，而这个数据库对您只读：未确认"
            }
        case let .retentionCutoff(years, latest):
            return "已结案的投诉件须保留 \(years) 年（政策项 `retention-years`）：`--before` 不能晚于 \(latest)"
        case .auditChainBroken(let id): return "事件 \(id) 没有有效的哈希值：审计链已断开（请运行 `console audit verify`）；本次未保存"
        case let .newerSchema(found, known):
            return "这个数据库由更新版本的值班台写入（结构版本 \(found)，本程序只认识到 \(known)）；请升级程序——文件未作改动"
        case .promiseNotInFuture: return "向客户承诺的时间必须晚于现在"
        case .notOneUserOnRoster(let name): return "“\(name)”不在人员名单上，或名单上有不止一人叫这个名字（请写登录名）"
        case .windowEndsBeforeStart: return "结束时间必须晚于开始时间"
        case .rosterBoardTooLong(let days): return "排班表一次最多显示 \(days) 天"
        case .noShift(let id): return "没有 #\(id) 号班次（见 `console users shift list`）"
        case let .shiftOutsideWindow(from, to, windowFrom, windowTo):
            let t = DeskTime.standard
            return "\(t.short(from)) – \(t.short(to)) 不在假期值班期间 \(t.short(windowFrom)) – \(t.short(windowTo)) 之内"
        case let .shiftOverlaps(name, from, to, otherID, otherFrom, otherTo):
            let t = DeskTime.standard
            let which = otherID.map { "#\($0) 号班次" } ?? "文件中的另一个班次"
            return "\(name) 的班次 \(t.short(from)) – \(t.short(to)) 与其\(which) \(t.short(otherFrom)) – \(t.short(otherTo)) 时间重叠"
        case let .alertSelectionChanged(count, expected):
            return "所选范围内现有 \(count) 条未确认的告警，而不是 \(expected) 条：请重新查看（本次未确认任何告警）"
        case .notAnAlertLevel(let text): return "“\(text)”不是告警级别（可填 `info`、`warning`、`critical` 或 `off`）"
        case .notOneAlertLevel(let text): return "“\(text)”应为一个告警级别（危机类规则可填两个：待确认 / 已启动）"
        case .declaredLevelOff(let rule):
            return "已启动的危机事件的告警级别不能是 `off`；要关闭这条规则，请写 `\(rule.rawValue) = off`"
        case .twoLevelsOnlyForCrisis: return "只有 `crisis` 和 `crisis-report-overdue` 两条规则可以填两个级别（待确认 / 已启动）"
        case .unknownAlertRule(let name):
            return "没有告警规则“\(name)”（可用：\(AlertRule.allCases.map { "`\($0.rawValue)`" }.joined(separator: "、"))）"
        case .alertSelectorShape(let text): return "“\(text)”应写成“规则”或“规则/环节”（如 `stage-breach/first-contact`）"
        case .stageNotForRule(let text):
            return "只有 `stage-warning`、`stage-breach` 和 `no-reminder` 可以指定环节，填写的是“\(text)”"
        case .unknownStage(let name):
            return "没有环节“\(name)”（可用：\(Stage.allCases.map { "`\($0.rawValue)`" }.joined(separator: "、"))）"
        case .alertViewEmpty: return "应填写 `all`，或以逗号分隔的告警规则"
        case .scriptNotForAction(let action): return "答复话术只能随进展记录或联系客户一起登记，不能用于\(action.zh)"
        case .notAScriptID(let id): return "“\(id)”不是话术编号（只能用小写字母、数字和 -，最多 64 个字符）"
        case .notALanguageCode(let code): return "“\(code)”不是语言代码（如 `zh`、`en`）"
        case .revealNeedsCase: return "个人信息只能针对某一投诉件查看：请指明投诉件编号"
        case .sinceNotBeforeNow(let now): return "必须早于现在（\(DeskTime.standard.short(now))）"
        case .handoverTooLong(let days): return "一次交接最多覆盖 \(days) 天"
        case .noEndingLeadShift: return "名单上没有正在结束或刚刚结束的组长班次：请用 `--since 时间` 指定交接起点"
        case .handingOverOwnShift: return "这是您交出的班：须由接班的组长确认"
        case let .handoverAlreadyAcknowledged(by, at): return "已由 \(by) 于 \(DeskTime.standard.short(at)) 确认交接"
        case .store(let e): return e.chinese
        }
    }

    /// `2026-02-16 21:30`: a time as the desk reads it.
    static func chineseTime(_ t: Instant) -> String {
        let c = DeskTime.standard.civil(t)
        func p(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.date.iso) \(p(c.hour)):\(p(c.minute))"
    }

    /// A workflow action's or an assignment's name in Chinese (`assign`, `unassign` are not workflow actions).
    static func actionWord(_ code: String) -> String {
        if let a = WorkflowAction(rawValue: code) { return a.zh }
        switch code {
        case "assign": return "分派"
        case "unassign": return "取消分派"
        default: return code
        }
    }
}

extension RefusalReason.TimeProblem {
    var chinese: String {
        switch self {
        case .notISO: "不是有效的时间"
        case .noSuchDate: "日期不存在"
        case .noSuchTime: "时刻不存在"
        case .yearOutOfRange(let y): "年份 \(y) 不在 \(DeskBounds.years.lowerBound)–\(DeskBounds.years.upperBound) 之间"
        case .badOffset(let o): "时区偏移 \(o) 无效（应在 -12:00 到 +14:00 之间）"
        }
    }
}

extension RefusalReason.PeriodProblem {
    var chinese: String {
        switch self {
        case .notTwoDates: "不是两个有效日期（\(DeskBounds.firstDate) 至 \(DeskBounds.lastDate)）"
        case .endsBeforeStart: "结束日期早于开始日期"
        case .longerThanTenYears: "跨度不能超过 10 年"
        case .noYear: "缺少年份"
        case .yearOutOfRange: "年份应在 \(DeskBounds.years.lowerBound) 到 \(DeskBounds.years.upperBound) 之间"
        case .badQuarter: "季度应为 1 到 4"
        case .notAPeriod: "不是有效的统计期间"
        }
    }
}

extension RefusalReason.CrisisStep {
    var chinese: String {
        switch self {
        case .declare: "只有待确认的事件才能启动"
        case .dismiss: "只有待确认的事件才能排除"
        case .report: "只有待确认或已启动的事件才能报送"
        case .close: "只有已启动的事件才能结束"
        case .archive: "事件结束并记录原因分析和经验教训后才能归档"
        }
    }
}

extension StoreError {
    /// The storage failure in Chinese, for the person at the desk.
    var chinese: String {
        switch self {
        case let .cannotCreate(path, reason): return "\(path)：无法创建（\(reason)）"
        case .exists(let path): return "\(path) 已存在，请换一个文件名"
        case .notADatabase(let path): return "\(path) 不是值班台数据库，或文件已损坏"
        case .busy(let path): return "\(path) 被另一个进程锁定超过 \(Int(CaseStore.busyTimeout)) 秒；未作任何改动，请稍后再试"
        case .readOnly(let path): return "\(path) 对当前用户只读；未作任何改动"
        case .full(let path): return "\(path)：磁盘已满；未作任何改动"
        case let .other(path, message): return "\(path)：\(message)"
        case .noDesk(let path): return "\(path)：这里没有值班台数据库（文件不存在），未创建任何文件。可用 `console init --db \(path)` 新建"
        case .emptyDesk(let path): return "\(path) 是空文件，不是值班台数据库；未写入任何内容。可用 `console init --db \(path)` 建库"
        case let .notAFile(path, what): return "\(path)：\(what == "a directory" ? "这是一个目录" : "不是普通文件")，不是值班台数据库文件；未写入任何内容"
        case .noAccess(let path): return "\(path)：没有权限（您不能读取这个文件）"
        case .unavailable(let path): return "\(path)：本程序无法打开这里的值班台（不存在、不是值班台数据库，或未与本程序的用户组共享）"
        }
    }

    /// The failure as a refusal, for one rendering in either language.
    public var refusal: Refusal { Refusal(.store(self)) }

    /// The failure in a language.
    public func text(_ language: Language) -> String { language == .zh ? chinese : description }
}
