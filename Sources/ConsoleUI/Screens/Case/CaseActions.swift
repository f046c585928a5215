import CaseModel
import TerminalKit

/// The case screen's actions as forms: which fields each action records (required ones from the
/// workflow table of CaseModel), and the command a filled form becomes.
enum CaseActions {
    /// The commands of the case screen, in the order help and the action bar list them.
    static let commands: [Command] = [.contact, .note, .investigate, .submit, .approve, .reject, .extend, .remind,
                                      .close, .callback, .withdraw, .reopen, .link, .severity, .validity, .declare, .reveal]

    /// The workflow action a command takes, for the commands that are workflow actions.
    static func workflowAction(_ c: Command) -> WorkflowAction? {
        switch c {
        case .contact: return .contact
        case .note: return .note
        case .investigate: return .startInvestigation
        case .submit: return .submit
        case .approve: return .approve
        case .reject: return .reject
        case .extend: return .extend
        case .remind: return .remind
        case .close: return .close
        case .callback: return .followUp
        case .withdraw: return .withdraw
        case .reopen: return .reopen
        default: return nil
        }
    }

    /// The form for a command on a case, or a message why it cannot be taken now.
    static func form(_ command: Command, _ d: CaseDetail, _ st: ConsoleSettings) -> Result<Form, Refusal> {
        let c = d.item
        let L = st.language
        let intro = [c.number + "  " + c.status.label(L) + "  " + SafeText.sanitize(String(Masking.maskText(c.summary).prefix(40)))]
        if let action = workflowAction(command) {
            // Closing as invalid is allowed from any open stage, so `close` is checked when sent.
            if action != .close {
                let allowed = Workflow.allowedFrom(action, kind: c.kind)
                guard allowed.contains(c.status) else {
                    let from = CaseStatus.allCases.filter { allowed.contains($0) }.map { $0.label(L) }.joined(separator: "/")
                    return .failure(Refusal(st.t("\(c.status.label(L))的案件不能\(action.label(L))(可从: \(from.isEmpty ? "无" : from))",
                                                 "Cannot \(action.label(L)) a case that is \(c.status.label(L)) (allowed from: \(from.isEmpty ? "none" : from))")))
                }
            }
            var f = Form(purpose: .action(number: c.number, action: action, version: c.version),
                         title: action.label(L), fields: fields(for: action, c, st), intro: intro)
            let required = Set(Workflow.row(action).requires.map(\.rawValue))
            for i in f.fields.indices where required.contains(f.fields[i].id) { f.fields[i].required = true }
            switch action {
            case .close: f.confirmText = st.t("结案 \(c.number)?结案后进入回访。", "Close \(c.number)? It then waits for the callback.")
            case .withdraw: f.confirmText = st.t("记录 \(c.number) 撤诉?撤诉为终态。", "Record that \(c.number) was withdrawn? This is final.")
            default: break
            }
            return .success(f)
        }
        switch command {
        case .severity:
            let choices = FormChoice.of(Severity.self, L, only: [.major, .urgent, .general, .venting])
            return .success(Form(purpose: .severity(number: c.number, version: c.version), title: st.t("调整严重度", "Raise or lower severity"), fields: [
                FormField("severity", st.t("严重度", "severity"), .choice(choices), value: c.severity == .crisis ? "major" : c.severity.rawValue, required: true),
                FormField("reason", st.t("原因", "reason"), hint: st.t("降低须组长并说明原因", "lowering needs a team lead and a reason")),
            ], intro: intro + [st.t("当前: ", "now: ") + c.severity.label(L)]))
        case .link:
            return .success(Form(purpose: .linkRepeat(number: c.number), title: st.t("关联重复投诉", "Link a repeat complaint"), fields: [
                FormField("repeat_of", st.t("原案件编号", "earlier case"), value: "", required: true, hint: "TS-YYYYMMDD-NNNN", maxLength: 40),
            ], intro: intro))
        case .validity:
            guard c.validity == .undetermined else {
                return .failure(Refusal(st.t("已认定为\(c.validity.label(L))", "Already marked \(c.validity.label(L))")))
            }
            return .success(Form(purpose: .validity(number: c.number), title: st.t("有效/无效认定", "Valid or invalid"), fields: [
                FormField("validity", st.t("认定", "ruling"), .choice(FormChoice.of(Validity.self, L, only: [.valid, .invalid])), value: "valid", required: true),
                FormField("reason", st.t("理由", "reason"), required: true),
                FormField("responsible", st.t("直接责任人", "responsible"), value: c.handler ?? "", hint: st.t("有效投诉必填", "needed when valid"), maxLength: 40),
                FormField("lead", st.t("间接责任人", "their lead"), hint: st.t("有效投诉必填", "needed when valid"), maxLength: 40),
            ], intro: intro))
        case .declare:
            guard c.crisisEventId == nil else {
                return .failure(Refusal(st.t("已属危机事件 #\(c.crisisEventId!)", "Already part of crisis event #\(c.crisisEventId!)")))
            }
            var f = Form(purpose: .declareFromCase(number: c.number, eventID: nil), title: st.t("启动危机事件", "Declare a crisis event"), fields: [
                FormField("title", st.t("事件标题", "title"), value: SafeText.sanitize(String(Masking.maskText(c.branch.isEmpty ? c.summary : c.branch + " " + c.summary).prefix(60))), required: true),
            ], intro: intro + [st.t("\(c.peopleInvolved)人  本案严重度将升为危机", "\(c.peopleInvolved) people  the case becomes crisis severity")])
            f.confirmText = st.t("启动危机事件?1小时内须报上级。", "Declare the crisis event? The 1-hour report to the superior is then due.")
            return .success(f)
        case .reveal:
            return .success(Form(purpose: .reveal(number: c.number), title: st.t("查看个人信息", "Reveal personal data"), fields: [
                FormField("reason", st.t("查看原因", "reason"), required: true, hint: st.t("记入审计", "audited")),
            ], intro: intro))
        default:
            return .failure(Refusal(""))
        }
    }

    /// The fields an action records, with the case's values as defaults.
    static func fields(for action: WorkflowAction, _ c: ComplaintCase, _ st: ConsoleSettings) -> [FormField] {
        let L = st.language
        let note = FormField("note", st.t("备注", "note"))
        // A resolution with an identifier in it is not offered for editing: shown masked it would
        // be saved masked. Left empty, the recorded resolution stays (docs/personal-data.md).
        let resolutionHidden = Masking.containsIdentifier(c.resolution)
        func resolution(_ zh: String, _ en: String) -> FormField {
            FormField("resolution", st.t(zh, en), value: resolutionHidden ? "" : c.resolution,
                      hint: resolutionHidden ? st.t("留空则保留原内容(含个人信息)", "empty keeps the recorded text (it holds personal data)") : nil)
        }
        switch action {
        case .contact: return [FormField("note", st.t("联系情况", "note"))]
        case .note: return [FormField("note", st.t("进展", "progress"))]
        case .startInvestigation, .approve: return [note]
        case .submit: return [resolution("处理方案", "resolution"), note]
        case .reject, .withdraw, .reopen: return [FormField("reason", st.t("原因", "reason"))]
        case .extend:
            return [FormField("reason", st.t("延期原因", "reason")),
                    FormField("promised", st.t("承诺完成", "promised by"), hint: st.t("如 2026-03-10 17:30", "e.g. 2026-03-10 17:30"), maxLength: 25)]
        case .remind:
            return [FormField("channel", st.t("催办方式", "channel"), .choice(FormChoice.of(ReminderChannel.self, L)), value: "phone"),
                    FormField("to", st.t("催办对象", "addressee"), value: c.handler ?? "", maxLength: 40), note]
        case .close:
            return [FormField("basis", st.t("结案标准", "basis"), .choice(FormChoice.of(ClosingBasis.self, L)), value: "accepted"),
                    resolution("处理结果", "resolution"), note]
        case .followUp:
            let scores = [FormChoice("", st.t("未评", "none"))] + (1...5).map { FormChoice(String($0), "\($0)/5") }
            return [FormField("result", st.t("回访结果", "result"), .choice(FormChoice.of(CallbackResult.self, L)), value: "satisfied"),
                    FormField("satisfaction", st.t("满意度", "satisfaction"), .choice(scores), value: ""), note]
        }
    }

    /// The request a filled form becomes, or the field and message to show.
    static func request(_ f: Form, _ st: ConsoleSettings) -> Result<Effect, FieldError> {
        switch f.purpose {
        case .action(let number, let action, let version):
            var input = ActionInput(note: f.value("note"), reason: f.value("reason"), resolution: f.value("resolution"))
            input.closingBasis = ClosingBasis(rawValue: f.value("basis"))
            input.callbackResult = CallbackResult(rawValue: f.value("result"))
            input.satisfaction = Int(f.value("satisfaction"))
            input.reminderChannel = ReminderChannel(rawValue: f.value("channel"))
            input.reminderTo = f.value("to")
            let promised = f.value("promised").trimmingSpaces
            if !promised.isEmpty {
                switch DeskTime.standard.check(promised) {
                case .success(let t): input.promisedAt = t
                case .failure(let e):
                    // Text that is no time at all gets the short message; a real time out of bounds says which bound.
                    let why = e == DeskTime.notISO ? st.t("不是时间", "not a time") : e.reason
                    return .failure(FieldError("promised", st.t("\(why),如 2026-03-10 17:30", "\(why): e.g. 2026-03-10 17:30")))
                }
            }
            return .success(Effect(ActOnCase(number: number, action: action, input: input, version: version)))
        case .scripted(let number, let action, let version, var use, let filled):
            // The script and version used, and whether the wording was changed before saving.
            let note = f.value("note")
            use.edited = note != filled
            var input = ActionInput(note: note)
            input.script = use
            return .success(Effect(ActOnCase(number: number, action: action, input: input, version: version)))
        case .severity(let number, let version):
            guard let sev = Severity(rawValue: f.value("severity")) else { return .failure(FieldError("severity", st.t("必选", "required"))) }
            return .success(Effect(SetSeverity(number: number, severity: sev, reason: f.value("reason"), version: version)))
        case .linkRepeat(let number):
            return .success(Effect(LinkRepeat(number: number, earlier: f.value("repeat_of").trimmingSpaces.uppercased())))
        case .validity(let number):
            return .success(Effect(DetermineValidity(number: number, valid: f.value("validity") == "valid", reason: f.value("reason"),
                                                     responsible: f.value("responsible").trimmingSpaces, lead: f.value("lead").trimmingSpaces)))
        case .declareFromCase(let number, let id):
            return .success(Effect(DeclareFromCase(number: number, eventID: id, title: f.value("title"))))
        case .reveal(let number):
            return .success(Effect(RevealCase(number: number, reason: f.value("reason"))))
        default:
            return .failure(FieldError("", "")) // the intake and crisis forms are their screens' own
        }
    }
}
