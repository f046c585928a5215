/// Which level each alert rule raises, or that it raises nothing (docs/alerts.md, "Levels").
///
/// The policy file's `[alert-levels]` section sets it: `rule = level`, or `off`. The two crisis
/// rules that depend on the event's status take a pair, `proposed / declared` (`crisis =
/// warning / critical`), so declaring an event raises its alert again at the higher level.
public struct AlertLevelPolicy: Sendable, Equatable {
    /// One rule's setting: nil is off; `declared` is used for a declared crisis event (else `level`).
    public struct Setting: Sendable, Equatable {
        public var level: AlertLevel?
        public var declared: AlertLevel?
        /// Creates a setting.
        public init(_ level: AlertLevel?, declared: AlertLevel? = nil) { self.level = level; self.declared = declared }
    }

    /// Settings by rule; a rule not listed raises its built-in level.
    public var settings: [AlertRule: Setting] = [:]

    /// The built-in levels (before the shipped policy file lowers some).
    public init() {}

    /// The level `rule` raises (for a declared crisis event when `declared`); nil when it is off.
    public func level(_ rule: AlertRule, declared: Bool = false) -> AlertLevel? {
        guard let s = settings[rule] else { return Self.builtIn(rule, declared: declared) }
        guard let level = s.level else { return nil }
        return declared ? s.declared ?? level : level
    }

    /// Whether the rule can take a second level for declared events.
    public static func hasDeclaredLevel(_ rule: AlertRule) -> Bool { rule == .crisis || rule == .crisisReportOverdue }

    /// The levels the rules had before they could be tuned.
    public static func builtIn(_ rule: AlertRule, declared: Bool) -> AlertLevel {
        switch rule {
        case .stageBreach, .repeatThird, .massIncident: .critical
        case .crisis, .crisisReportOverdue: declared ? .critical : .warning
        case .handlerLoad: .info
        case .stageWarning, .unassigned, .repeatSecond, .newMajor, .crisisReportDue, .branchValidRate, .noReminder: .warning
        }
    }

    /// Parses a value: `off`, a level, or (for the crisis rules) `proposed / declared`.
    static func parseSetting(_ value: String, rule: AlertRule) throws -> Setting {
        let parts = value.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
        func level(_ text: String) throws -> AlertLevel? {
            if text == "off" { return nil }
            guard let l = AlertLevel(rawValue: text) else {
                throw DomainError.malformedField(field: rule.rawValue, reason: .notAnAlertLevel(text: text))
            }
            return l
        }
        switch parts.count {
        case 1:
            return Setting(try level(parts[0]))
        case 2 where hasDeclaredLevel(rule):
            let proposed = try level(parts[0])
            guard let declared = try level(parts[1]) else {
                throw DomainError.malformedField(field: rule.rawValue, reason: .declaredLevelOff(rule: rule))
            }
            guard let p = proposed else { return Setting(nil) }
            return Setting(p, declared: declared)
        case 2:
            throw DomainError.malformedField(field: rule.rawValue, reason: .twoLevelsOnlyForCrisis)
        default:
            throw DomainError.malformedField(field: rule.rawValue, reason: .notOneAlertLevel(text: value))
        }
    }
}

/// One entry of a role's default alert view: a rule, optionally only for one stage's clock
/// (`stage-breach/first-contact`).
public struct AlertSelector: Sendable, Hashable {
    public var rule: AlertRule
    /// For the stage rules (warning, breach, no reminder): only this stage's clock.
    public var stage: Stage?
    /// Creates a selector.
    public init(_ rule: AlertRule, stage: Stage? = nil) { self.rule = rule; self.stage = stage }

    /// Whether an alert of `rule` about `subject` matches.
    public func matches(rule: AlertRule, subject: String) -> Bool {
        guard rule == self.rule else { return false }
        guard let stage else { return true }
        return subject.hasSuffix(":" + stage.rawValue)
    }

    /// The text form: `rule` or `rule/stage`.
    public var text: String { stage.map { "\(rule.rawValue)/\($0.rawValue)" } ?? rule.rawValue }

    /// Parses `rule` or `rule/stage`.
    public static func parse(_ text: String) throws -> AlertSelector {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let rule = AlertRule(rawValue: parts[0]) else {
            throw DomainError.malformedField(field: "rule", reason: .unknownAlertRule(name: parts[0]))
        }
        guard parts.count <= 2 else { throw DomainError.malformedField(field: "rule", reason: .alertSelectorShape(text: text)) }
        guard parts.count == 2 else { return AlertSelector(rule) }
        guard [.stageWarning, .stageBreach, .noReminder].contains(rule) else {
            throw DomainError.malformedField(field: "rule", reason: .stageNotForRule(text: text))
        }
        guard let stage = Stage(rawValue: parts[1]) else {
            throw DomainError.malformedField(field: "rule", reason: .unknownStage(name: parts[1]))
        }
        return AlertSelector(rule, stage: stage)
    }
}

/// What a role's alert pane shows before anyone filters: the rules that need that role's action
/// (docs/alerts.md, "Views"). Everything else stays one filter away (`AlertListFilter.view = .all`).
public struct AlertView: Sendable, Equatable {
    /// nil: every rule.
    public var selectors: [AlertSelector]?
    /// Only alerts about the reader's own cases (a handler's view), plus alerts about no case.
    public var ownCasesOnly: Bool
    /// Creates a view.
    public init(selectors: [AlertSelector]?, ownCasesOnly: Bool = false) { self.selectors = selectors; self.ownCasesOnly = ownCasesOnly }

    /// Every alert.
    public static let everything = AlertView(selectors: nil)

    /// Parses `all`, or a comma-separated list of selectors, optionally after `own:`.
    static func parse(_ value: String) throws -> AlertView {
        var text = value.trimmingCharacters(in: .whitespaces)
        var own = false
        if text.hasPrefix("own:") { own = true; text = String(text.dropFirst(4)).trimmingCharacters(in: .whitespaces) }
        if text == "all" { return AlertView(selectors: nil, ownCasesOnly: own) }
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !items.isEmpty else { throw DomainError.malformedField(field: "view", reason: .alertViewEmpty) }
        return AlertView(selectors: try items.map(AlertSelector.parse), ownCasesOnly: own)
    }

    /// The text form, as the policy file writes it.
    public var text: String {
        (ownCasesOnly ? "own: " : "") + (selectors.map { $0.map(\.text).joined(separator: ", ") } ?? "all")
    }
}

/// The default view of each role; a role not listed sees every alert.
public struct AlertViewPolicy: Sendable, Equatable {
    public var views: [Role: AlertView] = [:]
    /// No role narrowed (the shipped policy file narrows them).
    public init() {}
    /// A role's default view.
    public func view(for role: Role?) -> AlertView {
        guard let role else { return .everything }
        return views[role] ?? .everything
    }
}
