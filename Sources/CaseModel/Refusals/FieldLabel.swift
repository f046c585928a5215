/// The names the desk gives the fields a refusal can concern: the code a form and the command line
/// use (`received_at`, `--promised`), and its label in Chinese and English.
public enum FieldLabel {
    /// `受理时间` for `received_at` (or `--received-at`); an unknown name is shown as it is.
    public static func label(_ field: String, _ language: Language) -> String {
        let key = normalized(field)
        guard let pair = labels[key] else {
            // A policy file's `[alert-levels]` line is refused under its rule's name.
            if language == .zh, let rule = AlertRule(rawValue: field.trimmed) { return "告警规则 `\(rule.rawValue)`" }
            return field
        }
        return language == .zh ? pair.0 : pair.1
    }

    /// `--received-at` and `received-at` name the same field as `received_at`.
    static func normalized(_ field: String) -> String {
        // Most names are already `snake_case` (an import asks for every field of every row):
        // those are their own normal form, and walking their characters cost a quarter of an import.
        if field.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }) { return field }
        var s = field.trimmed
        while s.hasPrefix("-") { s.removeFirst() }
        // `lastNoteAt` (an event's record of a changed property) names `last_note_at`.
        var out = ""
        for ch in s {
            if ch.isUppercase && ch.isASCII && !out.isEmpty { out.append("_") }
            out.append(ch == "-" ? "_" : Character(ch.lowercased()))
        }
        return out
    }

    private static let labels: [String: (String, String)] = [
        "received_at": ("受理时间", "received time"), "channel": ("渠道", "channel"), "branch": ("机构", "branch"),
        "source": ("来源", "source"), "name": ("姓名", "name"), "phone": ("电话", "phone"), "id_number": ("证件号", "ID number"),
        "policy_number": ("保单号", "policy number"), "claim_number": ("赔案号", "claim number"),
        "bank_account": ("银行账号", "bank account"), "language": ("语言", "language"), "line": ("险种", "insurance line"),
        "product": ("产品", "product"), "category": ("类别", "category"), "kind": ("件类", "kind"), "summary": ("摘要", "summary"),
        "details": ("详情", "details"), "demand": ("诉求", "demand"), "people": ("人数", "people"),
        "potential_loss": ("涉及金额", "potential loss"), "loss": ("涉及金额", "potential loss"),
        "handler": ("处理人", "handler"), "team": ("小组", "team"),
        "source_ref": ("来源编号", "source reference"), "regulator_ref": ("转办编号", "transfer number"),
        "note": ("备注", "note"), "reason": ("理由", "reason"), "basis": ("结案标准", "closing basis"),
        "result": ("回访结果", "callback result"), "satisfaction": ("满意度", "satisfaction"),
        "promised": ("承诺完成时间", "promised time"), "to": ("对象", "to"), "resolution": ("处理方案", "resolution"),
        "severity": ("严重度", "severity"), "validity": ("有效性认定", "validity"), "responsible": ("直接责任人", "responsible staff"),
        "lead": ("间接责任人", "responsible lead"), "repeat_of": ("重复投诉关联", "repeat of"), "event": ("危机事件", "crisis event"),
        "cases": ("投诉件", "cases"), "title": ("标题", "title"), "text": ("内容", "text"), "cause": ("原因分析", "cause analysis"),
        "lessons": ("经验教训", "lessons learned"), "alert": ("告警", "alert"), "before": ("截止日期", "before"),
        "from": ("开始", "from"), "until": ("结束", "until"), "shift": ("班次", "shift"), "user": ("用户", "user"),
        "display": ("显示名", "display name"), "key": ("设置项", "setting"), "value": ("设置值", "value"),
        "month": ("月份", "month"), "period": ("统计期间", "period"), "action": ("操作", "action"),
        "determination": ("认定", "determination"), "pr_cost": ("公关费用", "PR cost"), "limit": ("条数上限", "limit"),
        "offset": ("跳过条数", "offset"), "now": ("当前时间", "now"), "status": ("状态", "status"), "kind_code": ("件类", "kind"),
        "events": ("事件记录", "events"), "due_before": ("时限早于", "due before"), "form": ("表单", "form"),
        "draft": ("草稿", "draft"), "claim_reports": ("报案数", "claim reports"), "premium": ("保费", "premium"),
        "policies_new": ("新单件数", "new policies"), "policies_in_force": ("有效保单数", "policies in force"),
        "insured_persons": ("被保险人数", "insured persons"), "figures": ("业务数据", "figures"),
        "number": ("编号", "number"), "receiving_operator": ("首问责任人", "receiving operator"),
        "regulator_involved": ("监管介入", "regulator involved"), "media_involved": ("媒体介入", "media involved"),
        "online_exposure": ("网络曝光", "online exposure"), "severity_override": ("人工严重度", "severity set by hand"),
        "repeat_count": ("投诉次数", "repeat count"), "validity_reason": ("认定理由", "validity reason"),
        "responsible_staff": ("直接责任人", "responsible staff"), "responsible_lead": ("间接责任人", "responsible lead"),
        "closing_basis": ("结案标准", "closing basis"), "callback_result": ("回访结果", "callback result"),
        "promised_at": ("承诺完成时间", "promised time"), "extension_count": ("延期次数", "extensions"),
        "contacted_at": ("联系客户时间", "contacted"), "investigation_started_at": ("开始调查时间", "investigation started"),
        "submitted_at": ("提交审批时间", "submitted"), "approved_at": ("审批通过时间", "approved"), "closed_at": ("结案时间", "closed"),
        "followed_up_at": ("回访时间", "followed up"), "withdrawn_at": ("撤诉时间", "withdrawn"),
        "last_note_at": ("最近进展记录", "last note"), "stages_started_at": ("时限起算", "stages started"),
        "improvement_suggestion": ("管理改进建议", "improvement suggestion"), "next_due_at": ("最近时限", "next due"),
        "version": ("版本", "version"), "updated_at": ("最近修改", "updated"), "updated_by": ("修改人", "updated by"),
        "column_changed_at": ("升为重大时间", "raised to major"), "severity_cap": ("严重度上限", "severity cap"),
        "last_reminder_at": ("最近催办", "last reminder"), "crisis_event": ("危机事件", "crisis event"),
        "final_result": ("最终结果", "final result"), "dismissed_reason": ("排除理由", "dismissal reason"),
        "rule": ("告警规则", "alert rule"), "view": ("告警视图", "alert view"), "alerts": ("告警", "alerts"),
        "range": ("日期范围", "range"), "window": ("假期值班期间", "holiday window"), "script": ("答复话术", "reply script"),
        "script language": ("话术语言", "script language"), "script version": ("话术版本", "script version"),
        "reveal": ("查看个人信息", "reveal"), "since": ("交接起点", "since"), "hours": ("时长（小时）", "hours"),
        "handover": ("交接班", "handover"),
    ]
}
