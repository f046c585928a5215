/// A value a script's wording can name, `{{case.number}}`: filled from the case, the people,
/// the clocks and the calendar when the script is used (docs/scripts.md lists them).
///
/// The set is closed: a file naming anything else is refused with its line, so a typo never
/// reaches a customer as `{{csae.number}}`. Personal data (the customer's surname, policy and
/// claim numbers) fills masked unless the case was revealed for the fill (`ScriptDisclosure`).
public enum ScriptPlaceholder: String, Labeled {
    case customerSalutation = "customer.salutation"
    case customerSurname = "customer.surname"
    case customerPolicy = "customer.policy"
    case customerClaim = "customer.claim"
    case caseNumber = "case.number"
    case caseReceived = "case.received"
    case caseCategory = "case.category"
    case caseLine = "case.line"
    case caseBranch = "case.branch"
    case caseStatus = "case.status"
    case handlerName = "handler.name"
    case agentName = "agent.name"
    case dueNext = "due.next"
    case dueFirstContact = "due.first-contact"
    case dueDecision = "due.decision"
    case promisedTime = "promised.time"
    case firstWorkingDay = "calendar.first-working-day"
    case holidayName = "calendar.holiday"
    case today
    case crisisBranch = "crisis.branch"
    case crisisPeople = "crisis.people"

    public var zh: String {
        switch self {
        case .customerSalutation: "客户称呼"
        case .customerSurname: "客户姓氏"
        case .customerPolicy: "保单号"
        case .customerClaim: "赔案号"
        case .caseNumber: "投诉编号"
        case .caseReceived: "受理时间"
        case .caseCategory: "投诉类别"
        case .caseLine: "险种"
        case .caseBranch: "机构"
        case .caseStatus: "处理状态"
        case .handlerName: "处理人"
        case .agentName: "本人姓名"
        case .dueNext: "最近时限"
        case .dueFirstContact: "首次联系时限"
        case .dueDecision: "答复时限"
        case .promisedTime: "承诺时间"
        case .firstWorkingDay: "节后首个工作日"
        case .holidayName: "假期名称"
        case .today: "今天日期"
        case .crisisBranch: "事件机构"
        case .crisisPeople: "涉及人数"
        }
    }

    public var en: String {
        switch self {
        case .customerSalutation: "customer's title and surname"
        case .customerSurname: "customer's surname"
        case .customerPolicy: "policy number"
        case .customerClaim: "claim number"
        case .caseNumber: "case number"
        case .caseReceived: "time received"
        case .caseCategory: "category"
        case .caseLine: "insurance line"
        case .caseBranch: "branch"
        case .caseStatus: "status"
        case .handlerName: "handler"
        case .agentName: "your name"
        case .dueNext: "next due time"
        case .dueFirstContact: "first-contact due time"
        case .dueDecision: "decision due time"
        case .promisedTime: "promised time"
        case .firstWorkingDay: "first working day"
        case .holidayName: "holiday"
        case .today: "today's date"
        case .crisisBranch: "branch of the event"
        case .crisisPeople: "people involved"
        }
    }

    /// Whether the value is the complainant's personal data (docs/personal-data.md).
    public var isPersonalData: Bool {
        switch self {
        case .customerSalutation, .customerSurname, .customerPolicy, .customerClaim: true
        default: false
        }
    }

    /// What stands in the filled text when the case has no value for it (no promise made, no
    /// crisis event): the label in brackets, for the person to fill in before saving.
    public func gap(_ language: String) -> String {
        language == "en" ? "[\(en)]" : "［\(zh)］"
    }
}
