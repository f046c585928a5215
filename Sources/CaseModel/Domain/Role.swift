/// A role on the desk (docs/access-control.md, "The roles and the tables").
public enum Role: String, Labeled {
    case operator_ = "operator", handler, teamLead = "team-lead", crisisGroup = "crisis-group",
         presidentsOffice = "presidents-office", auditor, administrator
    public var zh: String {
        switch self {
        case .operator_: "值班员"
        case .handler: "处理人"
        case .teamLead: "组长"
        case .crisisGroup: "危机小组"
        case .presidentsOffice: "总裁办"
        case .auditor: "稽核"
        case .administrator: "管理员"
        }
    }
    public var en: String {
        switch self {
        case .operator_: "duty operator"
        case .handler: "handler"
        case .teamLead: "team lead"
        case .crisisGroup: "crisis group"
        case .presidentsOffice: "president's office"
        case .auditor: "auditor"
        case .administrator: "administrator"
        }
    }
}

/// A person on the roster.
public struct DeskUser: Sendable, Equatable, Codable {
    /// Login name (the OS user).
    public var name: String
    /// Name shown on screen, usually Chinese: 王敏.
    public var displayName: String
    public var team: String
    public var role: Role
    public var active: Bool
    /// A work phone to reach them on duty (stored canonical; who sees it: docs/roster.md).
    public var phone: String

    /// Creates a roster entry.
    public init(name: String, displayName: String, team: String, role: Role, active: Bool = true, phone: String = "") {
        self.name = name
        self.displayName = displayName
        self.team = team
        self.role = role
        self.active = active
        self.phone = phone
    }
}

/// A duty shift: a user on duty between two instants.
public struct Shift: Sendable, Equatable, Codable {
    public var userName: String
    public var startsAt: Instant
    public var endsAt: Instant

    /// Creates a shift.
    public init(userName: String, startsAt: Instant, endsAt: Instant) {
        self.userName = userName
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}
