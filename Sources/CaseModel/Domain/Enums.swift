import Foundation

/// How a complaint reached the desk.
public enum Channel: String, Labeled {
    case phone, hotline, walkIn = "walk-in", letter, email, web, app, wechat, regulator, media, other
    public var zh: String {
        switch self {
        case .phone: "电话"
        case .hotline: "热线"
        case .walkIn: "来访"
        case .letter: "信函"
        case .email: "邮件"
        case .web: "网站"
        case .app: "APP"
        case .wechat: "微信"
        case .regulator: "监管转办"
        case .media: "媒体"
        case .other: "其他"
        }
    }
    public var en: String {
        switch self {
        case .phone: "phone"
        case .hotline: "hotline"
        case .walkIn: "walk-in"
        case .letter: "letter"
        case .email: "e-mail"
        case .web: "web"
        case .app: "app"
        case .wechat: "WeChat"
        case .regulator: "regulator"
        case .media: "media"
        case .other: "other"
        }
    }
}

/// Who the complaint came from, organisationally (自收自办 / 转办).
public enum CaseSource: String, Labeled {
    case selfReceived = "self", hqTransferred = "hq", regulatorLocal = "regulator-local",
         regulatorNational = "regulator-national", association, other
    public var zh: String {
        switch self {
        case .selfReceived: "自收自办"
        case .hqTransferred: "总公司转办"
        case .regulatorLocal: "监管转办(地方)"
        case .regulatorNational: "监管转办(国家)"
        case .association: "行业协会"
        case .other: "其他"
        }
    }
    public var en: String {
        switch self {
        case .selfReceived: "self-received"
        case .hqTransferred: "HQ-transferred"
        case .regulatorLocal: "regulator (local)"
        case .regulatorNational: "regulator (national)"
        case .association: "association"
        case .other: "other"
        }
    }
    /// Whether a regulator forwarded the case (raises severity: docs/severity.md).
    public var isRegulator: Bool { self == .regulatorLocal || self == .regulatorNational }
}

/// The insurance line 险种.
public enum InsuranceLine: String, Labeled {
    case auto, travel, accident, homeProperty = "home-property", health, life, bancassurance, other
    public var zh: String {
        switch self {
        case .auto: "车险"
        case .travel: "旅游险"
        case .accident: "意外险"
        case .homeProperty: "家财险"
        case .health: "健康险"
        case .life: "寿险"
        case .bancassurance: "银保"
        case .other: "其他"
        }
    }
    public var en: String {
        switch self {
        case .auto: "auto"
        case .travel: "travel"
        case .accident: "accident"
        case .homeProperty: "home property"
        case .health: "health"
        case .life: "life"
        case .bancassurance: "bancassurance"
        case .other: "other"
        }
    }
}

/// The complaint's category 类别 (the queue matrix's first axis).
public enum Category: String, Labeled {
    case claims, sales, service, product, other
    public var zh: String {
        switch self {
        case .claims: "理赔"
        case .sales: "销售"
        case .service: "服务"
        case .product: "产品"
        case .other: "其他"
        }
    }
    public var en: String {
        switch self {
        case .claims: "claims"
        case .sales: "sales"
        case .service: "service"
        case .product: "product"
        case .other: "other"
        }
    }
}

/// The case kind 件类.
public enum CaseKind: String, Labeled {
    case venting, general, major, special, report
    public var zh: String {
        switch self {
        case .venting: "倾诉件"
        case .general: "一般件"
        case .major: "重大件"
        case .special: "特殊件"
        case .report: "举报件"
        }
    }
    public var en: String {
        switch self {
        case .venting: "venting"
        case .general: "general"
        case .major: "major"
        case .special: "special"
        case .report: "report"
        }
    }
}

/// Severity, highest first in `Severity.ordered` (the queue matrix's second axis).
public enum Severity: String, Labeled, Comparable {
    case venting, general, urgent, major, crisis
    public var zh: String {
        switch self {
        case .crisis: "危机"
        case .major: "重大"
        case .urgent: "紧急"
        case .general: "一般"
        case .venting: "倾诉"
        }
    }
    public var en: String { rawValue }
    /// Rank: higher is more severe.
    public var rank: Int {
        switch self {
        case .venting: 0
        case .general: 1
        case .urgent: 2
        case .major: 3
        case .crisis: 4
        }
    }
    /// Highest first, as the dashboard shows them.
    public static let ordered: [Severity] = [.crisis, .major, .urgent, .general, .venting]
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// Where a case stands in the workflow (docs/workflow.md, "Statuses").
public enum CaseStatus: String, Labeled {
    case received, contacted, investigating, pendingApproval = "pending-approval", approved, closed,
         followedUp = "followed-up", withdrawn
    public var zh: String {
        switch self {
        case .received: "受理"
        case .contacted: "已联系"
        case .investigating: "调查中"
        case .pendingApproval: "待审批"
        case .approved: "已审批"
        case .closed: "已结案"
        case .followedUp: "已回访"
        case .withdrawn: "撤诉"
        }
    }
    public var en: String {
        switch self {
        case .received: "received"
        case .contacted: "contacted"
        case .investigating: "investigating"
        case .pendingApproval: "pending approval"
        case .approved: "approved"
        case .closed: "closed"
        case .followedUp: "followed up"
        case .withdrawn: "withdrawn"
        }
    }
    /// Open means still being handled; closed cases awaiting callback are not open.
    public var isOpen: Bool { CaseStatus.openStatuses.contains(self) }
    /// The statuses of open cases, in workflow order.
    public static let openStatuses: [CaseStatus] = [.received, .contacted, .investigating, .pendingApproval, .approved]
    /// SQL literal list of open statuses, written into query text so partial indexes apply
    /// (docs/architecture.md, "Queries and indexes").
    public static let openSQLList = "('received','contacted','investigating','pending-approval','approved')"
}

/// The closing basis 结案标准 (docs/workflow.md, "Closing").
public enum ClosingBasis: String, Labeled {
    case accepted, supportedByLaw = "supported-by-law", invalid
    public var zh: String {
        switch self {
        case .accepted: "客户接受解决方案"
        case .supportedByLaw: "客户不接受但有法律合同依据"
        case .invalid: "无效投诉"
        }
    }
    public var en: String {
        switch self {
        case .accepted: "customer accepts the solution"
        case .supportedByLaw: "not accepted, supported by law and contract"
        case .invalid: "invalid complaint"
        }
    }
}

/// The result of the callback 回访.
public enum CallbackResult: String, Labeled {
    case satisfied, basicallySatisfied = "basically-satisfied", dissatisfied, unreachable
    public var zh: String {
        switch self {
        case .satisfied: "满意"
        case .basicallySatisfied: "基本满意"
        case .dissatisfied: "不满意"
        case .unreachable: "无法联系"
        }
    }
    public var en: String {
        switch self {
        case .satisfied: "satisfied"
        case .basicallySatisfied: "basically satisfied"
        case .dissatisfied: "dissatisfied"
        case .unreachable: "unreachable"
        }
    }
}

/// The valid/invalid determination 有效投诉认定.
public enum Validity: String, Labeled {
    case undetermined, valid, invalid
    public var zh: String {
        switch self {
        case .undetermined: "未认定"
        case .valid: "有效"
        case .invalid: "无效"
        }
    }
    public var en: String { rawValue }
}

/// How a reminder 催办 was sent.
public enum ReminderChannel: String, Labeled {
    case phone, sms, email
    public var zh: String {
        switch self {
        case .phone: "电话"
        case .sms: "短信"
        case .email: "邮件"
        }
    }
    public var en: String {
        switch self {
        case .phone: "phone"
        case .sms: "SMS"
        case .email: "e-mail"
        }
    }
}
