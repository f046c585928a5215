import CaseModel
import TerminalKit

/// The crisis board's actions as forms: propose, declare, dismiss with a reason, record a report,
/// file the final result, write the cause analysis, archive.
enum CrisisForms {
    /// The commands of the crisis board, in the order help lists them.
    static let commands: [Command] = [.propose, .declare, .dismiss, .report, .final, .cause, .archive]

    /// The form for a command on the selected event (nil for propose), or why not now.
    static func form(_ command: Command, _ e: CrisisEvent?, _ st: ConsoleSettings, policy: CrisisPolicy) -> Result<Form, Refusal> {
        let L = st.language
        if command == .propose {
            return .success(Form(purpose: .crisisPropose, title: st.t("提议危机事件", "Propose a crisis event"), fields: [
                FormField("title", st.t("事件标题", "title"), required: true, maxLength: 80),
                FormField("cases", st.t("案件编号", "cases"), required: true, hint: st.t("逗号分隔", "comma-separated"), maxLength: 400),
                FormField("trigger", st.t("触发", "trigger"), .choice(FormChoice.of(CrisisTrigger.self, L)), value: "manual", required: true),
            ]))
        }
        guard let e else { return .failure(Refusal(st.t("没有选中的危机事件", "No crisis event selected"))) }
        let intro = ["#\(e.id)  " + SafeText.sanitize(Masking.maskText(e.title)) + "  " + e.status.label(L)]
        func needs(_ statuses: [CrisisStatus]) -> Refusal? {
            statuses.contains(e.status) ? nil : Refusal(st.t("事件 #\(e.id) 为\(e.status.label(L)),不能执行", "Event #\(e.id) is \(e.status.label(L)); not possible now"))
        }
        switch command {
        case .declare:
            if let r = needs([.proposed]) { return .failure(r) }
            var f = Form(purpose: .crisisDeclare(id: e.id), title: st.t("启动危机事件", "Declare the crisis event"), fields: [], intro: intro)
            f.confirmText = st.t("启动 #\(e.id)?其案件升为危机严重度。", "Declare #\(e.id)? Its cases become crisis severity.")
            return .success(f)
        case .dismiss:
            if let r = needs([.proposed]) { return .failure(r) }
            return .success(Form(purpose: .crisisDismiss(id: e.id), title: st.t("排除危机事件", "Dismiss the event"), fields: [
                FormField("reason", st.t("排除原因", "reason"), required: true),
            ], intro: intro))
        case .report, .final:
            if let r = needs(command == .final ? [.declared] : [.proposed, .declared]) { return .failure(r) }
            let kinds: [CrisisReportKind] = command == .final ? [.final] : [.superior, .hq, .update]
            // The first report still owed is the default: 1 hour to the superior, then 24 hours to HQ.
            let first = command == .final ? CrisisReportKind.final : ([.superior, .hq].first { k in !e.reports.contains { $0.kind == k } } ?? .update)
            return .success(Form(purpose: .crisisReport(id: e.id), title: command == .final ? st.t("最终结果备案", "File the final result") : st.t("记录报告", "Record a report"), fields: [
                FormField("kind", st.t("报告", "report"), .choice(FormChoice.of(CrisisReportKind.self, L, only: kinds)), value: first.rawValue, required: true),
                FormField("to", st.t("报送对象", "to"), value: first == .superior ? "" : st.t("总公司", "HQ"), required: true, maxLength: 60),
                FormField("text", st.t("内容", "text"), required: true),
            ], intro: intro))
        case .cause:
            if let r = needs([.declared]) { return .failure(r) }
            return .success(Form(purpose: .crisisClose(id: e.id), title: st.t("原因分析与教训", "Cause analysis and lessons"), fields: [
                FormField("cause", st.t("原因分析", "cause"), required: true),
                FormField("lessons", st.t("经验教训", "lessons"), required: true),
            ], intro: intro + [st.t("须先完成最终结果备案", "the final result must be filed first")]))
        case .archive:
            if let r = needs([.closed]) { return .failure(r) }
            var f = Form(purpose: .crisisArchive(id: e.id), title: st.t("归档", "Archive"), fields: [], intro: intro)
            f.confirmText = st.t("归档 #\(e.id)?", "Archive #\(e.id)?")
            return .success(f)
        default:
            return .failure(Refusal(""))
        }
    }

    /// The crisis request a filled form becomes.
    static func request(_ f: Form, _ st: ConsoleSettings) -> Result<Effect, FieldError> {
        switch f.purpose {
        case .crisisPropose:
            let cases = f.value("cases").split(whereSeparator: { $0 == "," || $0 == " " || $0 == "，" }).map { String($0).uppercased() }
            guard !cases.isEmpty else { return .failure(FieldError("cases", st.t("必填", "required"))) }
            return .success(Effect(ProposeCrisis(title: f.value("title"), cases: cases, trigger: CrisisTrigger(rawValue: f.value("trigger")) ?? .manual)))
        case .crisisDeclare(let id): return .success(Effect(DeclareCrisis(id: id)))
        case .crisisDismiss(let id): return .success(Effect(DismissCrisis(id: id, reason: f.value("reason"))))
        case .crisisReport(let id):
            return .success(Effect(FileCrisisReport(id: id, kind: CrisisReportKind(rawValue: f.value("kind")) ?? .update, to: f.value("to"),
                                                    text: f.value("text"))))
        case .crisisClose(let id): return .success(Effect(CloseCrisis(id: id, cause: f.value("cause"), lessons: f.value("lessons"))))
        case .crisisArchive(let id): return .success(Effect(ArchiveCrisis(id: id)))
        default: return .failure(FieldError("", ""))
        }
    }
}
