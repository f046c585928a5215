import CaseModel
import TerminalKit

/// The intake form: a new complaint by keyboard. Field ids are the intake's own keys (those of
/// `CaseDraft`, the import and `console add`), so the desk's validation messages land beside the
/// right field.
enum IntakeForm {
    /// Fields that look up repeat suggestions as they are typed.
    static let identifiers: Set<String> = ["phone", "id_number", "policy_number"]

    /// A fresh form with the operator's defaults.
    static func make(_ d: IntakeDefaults, _ st: ConsoleSettings, now: Instant) -> Form {
        let L = st.language
        let handlers = [FormChoice("", st.t("暂不分派", "unassigned"))] + d.handlers.map { FormChoice($0, $0) }
        let fields: [FormField] = [
            FormField("channel", st.t("渠道", "channel"), .choice(FormChoice.of(Channel.self, L)), value: d.channel.rawValue, required: true),
            // A letter or a regulator's transfer that arrived days ago starts its clocks then.
            FormField("received_at", st.t("收到时间", "received"), value: minute(now), required: true,
                      hint: st.t("默认现在;来信/转办填收到时间,如 2026-02-14 10:00", "now by default; a letter's receipt, e.g. 2026-02-14 10:00"), maxLength: 25),
            FormField("category", st.t("类别", "category"), .choice(FormChoice.of(CaseModel.Category.self, L)), value: "claims", required: true),
            FormField("line", st.t("险种", "line"), .choice(FormChoice.of(InsuranceLine.self, L)), value: "auto", required: true),
            FormField("kind", st.t("件类", "kind"), .choice(FormChoice.of(CaseKind.self, L)), value: "general", required: true),
            FormField("name", st.t("投诉人", "name"), maxLength: 40),
            FormField("phone", st.t("电话", "phone"), hint: st.t("输入时提示重复投诉", "repeats suggested as you type"), maxLength: 20),
            FormField("id_number", st.t("证件号", "ID number"), maxLength: 18),
            FormField("policy_number", st.t("保单号", "policy no."), maxLength: 40),
            FormField("claim_number", st.t("赔案号", "claim no."), maxLength: 40),
            FormField("summary", st.t("摘要", "summary"), required: true, maxLength: TextLimits.summary, multiline: true, rows: 3),
            FormField("details", st.t("详情", "details"), maxLength: TextLimits.details, multiline: true, rows: 4),
            FormField("demand", st.t("诉求", "demand"), maxLength: TextLimits.demand, multiline: true, rows: 2),
            FormField("people", st.t("人数", "people"), .number, value: "1", hint: st.t("≥\(d.crisisPeople)人提议危机事件", "\(d.crisisPeople)+ proposes a crisis"), maxLength: 7),
            FormField("potential_loss", st.t("涉及金额", "loss (yuan)"), .number, value: "0", maxLength: 12),
            FormField("regulator_involved", st.t("监管介入", "regulator"), .flag),
            FormField("media_involved", st.t("媒体介入", "media"), .flag),
            FormField("online_exposure", st.t("网络曝光", "online"), .flag),
            FormField("branch", st.t("机构", "branch"), value: d.branch, maxLength: 40),
            FormField("source", st.t("来源", "source"), .choice(FormChoice.of(CaseModel.CaseSource.self, L)), value: "self"),
            FormField("regulator_ref", st.t("转办编号", "transfer no."), hint: st.t("监管转办件填写", "for a regulator's transfer"), maxLength: TextLimits.reference),
            FormField("product", st.t("产品", "product"), maxLength: 60),
            FormField("handler", st.t("处理人", "handler"), .choice(handlers), value: ""),
        ]
        return Form(purpose: .intake, title: st.t("新建投诉", "New complaint"), fields: fields)
    }

    /// `2026-02-16 03:00`: the received time as the field shows and takes it.
    static func minute(_ t: Instant) -> String {
        let c = DeskTime.standard.civil(t)
        return "\(c.date.iso) \(ClockText.pad2(c.hour)):\(ClockText.pad2(c.minute))"
    }

    /// The identifiers a suggestion list was read for.
    static func suggestionKey(_ phone: String, _ id: String, _ policy: String) -> String { "\(phone)|\(id)|\(policy)" }
    static func suggestionKey(_ f: Form) -> String { suggestionKey(f.value("phone").trimmingSpaces, f.value("id_number").trimmingSpaces, f.value("policy_number").trimmingSpaces) }

    /// The draft the form describes, or the field whose text is not a number.
    static func draft(_ f: Form, _ st: ConsoleSettings) -> Result<CaseDraft, FieldError> {
        var d = CaseDraft()
        d.channel = f.value("channel"); d.category = f.value("category"); d.line = f.value("line"); d.kind = f.value("kind")
        d.name = f.value("name"); d.phone = f.value("phone"); d.idNumber = f.value("id_number")
        d.policyNumber = f.value("policy_number"); d.claimNumber = f.value("claim_number")
        d.summary = f.value("summary"); d.details = f.value("details"); d.demand = f.value("demand")
        let received = f.value("received_at").trimmingSpaces
        d.receivedAt = received.isEmpty ? nil : received
        let regulatorRef = f.value("regulator_ref").trimmingSpaces
        d.regulatorRef = regulatorRef.isEmpty ? nil : regulatorRef
        d.branch = f.value("branch"); d.source = f.value("source"); d.product = f.value("product")
        d.regulatorInvolved = !f.value("regulator_involved").isEmpty
        d.mediaInvolved = !f.value("media_involved").isEmpty
        d.onlineExposure = !f.value("online_exposure").isEmpty
        let h = f.value("handler")
        d.handler = h.isEmpty ? nil : h
        guard let people = Int(f.value("people").trimmingSpaces.isEmpty ? "1" : f.value("people").trimmingSpaces) else {
            return .failure(FieldError("people", st.t("须为整数", "a whole number")))
        }
        guard let loss = Double(f.value("potential_loss").trimmingSpaces.isEmpty ? "0" : f.value("potential_loss").trimmingSpaces) else {
            return .failure(FieldError("potential_loss", st.t("须为金额(元)", "an amount in yuan")))
        }
        d.people = people
        d.potentialLoss = loss
        return .success(d)
    }

    /// The desk's own check of the draft (`CaseDraft.validated`): every refusal, each with the
    /// field it names and its message in the console's language.
    static func problems(_ f: Form, _ st: ConsoleSettings, now: Instant) -> [FieldError] {
        switch draft(f, st) {
        case .failure(let e): return [e]
        case .success(let d):
            do { _ = try d.validated(now: now, operator: st.userName); return [] } catch {
                guard let refusals = (error as? DomainError)?.refusals, !refusals.isEmpty else {
                    return [FieldError(FormRequests.fieldOf(error) ?? "", RefusalMessage.text(error, st))]
                }
                // Beside its field the field's name is said already.
                return refusals.map { FieldError($0.field ?? "", SafeText.sanitize($0.field == nil ? $0.text(st.language) : $0.reason.text(st.language))) }
            }
        }
    }

    /// The first problem, if any (the check of one field as its focus leaves).
    static func check(_ f: Form, _ st: ConsoleSettings, now: Instant) -> FieldError? { problems(f, st, now: now).first }

    /// The intake request, checked first so every message shows beside its field before anything is sent.
    static func request(_ f: Form, _ st: ConsoleSettings, _ intake: IntakeScreen.State, now: Instant) -> Result<Effect, FieldError> {
        if let e = check(f, st, now: now) { return .failure(e) }
        guard case .success(let d) = draft(f, st) else { return .failure(FieldError("", "")) }
        let threshold = intake.defaults?.crisisPeople ?? 5
        return .success(Effect(TakeIn(draft: d, repeatOf: intake.linkTo, proposeCrisis: d.people >= threshold)))
    }
}
