import TerminalKit

/// Help text of part 2's commands, and their default keys.
extension Command {
    func workSummary(_ zh: Bool) -> String {
        func t(_ a: String, _ b: String) -> String { zh ? a : b }
        switch self {
        case .newCase: return t("新建投诉(受理表单)", "new complaint (intake form)")
        case .crisisBoard: return t("危机事件看板", "crisis board")
        case .contact: return t("已联系客户", "contact made")
        case .note: return t("进展记录", "progress note")
        case .investigate: return t("开始调查", "start investigation")
        case .submit: return t("提交审批", "submit for approval")
        case .approve: return t("审批通过", "approve")
        case .reject: return t("退回(须原因)", "reject (with reason)")
        case .extend: return t("延期(原因与承诺时间)", "extend (reason, promised time)")
        case .remind: return t("催办(方式与对象)", "remind (channel, addressee)")
        case .close: return t("结案(结案标准,先确认)", "close with basis (asks first)")
        case .callback: return t("回访与满意度", "record callback and satisfaction")
        case .withdraw: return t("撤诉(先确认)", "withdraw (asks first)")
        case .reopen: return t("重新打开", "reopen")
        case .link: return t("关联重复投诉", "link repeat complaint")
        case .severity: return t("调整严重度", "raise / lower severity")
        case .validity: return t("有效/无效认定", "mark valid / invalid")
        case .declare: return t("启动危机事件", "declare crisis")
        case .reveal: return t("查看个人信息(记审计)", "reveal personal data (audited)")
        case .propose: return t("提议危机事件", "propose crisis event")
        case .dismiss: return t("排除(须原因)", "dismiss with reason")
        case .report: return t("记录报告(1小时/24小时/续报)", "record report (1 h / 24 h / update)")
        case .final: return t("最终结果备案", "file final result")
        case .cause: return t("原因分析与教训(结束事件)", "cause analysis and lessons (closes)")
        case .archive: return t("归档", "archive")
        default: return rawValue
        }
    }
}

extension Command {
    /// Short labels for the case screen's action bar and the footers.
    func workShortLabel(_ s: ConsoleSettings) -> String {
        switch self {
        case .newCase: return s.t("新建", "new")
        case .crisisBoard: return s.t("危机", "crisis")
        case .contact: return s.t("联系", "contact")
        case .note: return s.t("记录", "note")
        case .investigate: return s.t("调查", "investigate")
        case .submit: return s.t("提交", "submit")
        case .approve: return s.t("审批", "approve")
        case .reject: return s.t("退回", "reject")
        case .extend: return s.t("延期", "extend")
        case .remind: return s.t("催办", "remind")
        case .close: return s.t("结案", "close")
        case .callback: return s.t("回访", "callback")
        case .withdraw: return s.t("撤诉", "withdraw")
        case .reopen: return s.t("重开", "reopen")
        case .link: return s.t("关联", "link")
        case .severity: return s.t("严重度", "severity")
        case .validity: return s.t("认定", "validity")
        case .declare: return s.t("启动危机", "declare")
        case .reveal: return s.t("显示个人信息", "reveal")
        case .propose: return s.t("提议", "propose")
        case .dismiss: return s.t("排除", "dismiss")
        case .report: return s.t("报告", "report")
        case .final: return s.t("结果备案", "final")
        case .cause: return s.t("原因分析", "cause")
        case .archive: return s.t("归档", "archive")
        default: return summary(s.language == .zh)
        }
    }
}
