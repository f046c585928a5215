/// A standard reply script 标准话术: approved wording for one situation, in one language, with
/// the cases it fits and placeholders filled from the case and the calendar (docs/scripts.md).
///
/// Scripts are files the desk edits (`ScriptFileParser`); the shipped defaults are the same
/// format (`DefaultScripts`). A script is identified by `id` and `language`: the Chinese and the
/// English wording of one situation share an id.
public struct ReplyScript: Sendable, Equatable {
    /// Stable name, `first-contact`: recorded with every note or contact made from the script.
    public var id: String
    public var title: String
    /// When to use it, for the person choosing.
    public var situation: String
    /// The categories, kinds, statuses (the case's stage), channels and roles it fits; empty: any.
    public var categories: [Category]
    public var kinds: [CaseKind]
    public var stages: [CaseStatus]
    public var channels: [Channel]
    public var roles: [Role]
    /// Conditions that must all hold for the script to be offered (`when:` in the file).
    public var conditions: [ScriptCondition]
    /// The actions a use of it is recorded with (`note`, `contact`).
    public var recordAs: [WorkflowAction]
    /// Language code of the wording: `zh`, `en`, or a desk's own (`yue`).
    public var language: String
    /// Raised by whoever edits the wording; recorded with every use.
    public var version: Int
    public var text: ScriptText
    /// Where it was read from.
    public var source: ScriptSource

    /// Creates a script.
    public init(id: String, title: String, situation: String = "", categories: [Category] = [], kinds: [CaseKind] = [],
                stages: [CaseStatus] = [], channels: [Channel] = [], roles: [Role] = [], conditions: [ScriptCondition] = [],
                recordAs: [WorkflowAction] = ScriptUse.actions, language: String, version: Int, text: ScriptText,
                source: ScriptSource) {
        self.id = id
        self.title = title
        self.situation = situation
        self.categories = categories
        self.kinds = kinds
        self.stages = stages
        self.channels = channels
        self.roles = roles
        self.conditions = conditions
        self.recordAs = recordAs
        self.language = language
        self.version = version
        self.text = text
        self.source = source
    }

    /// `first-contact` v2 (zh).
    public var label: String { "\(id) v\(version) (\(language))" }
}

/// Where a script came from: shipped with the console, or the desk's own file.
public struct ScriptSource: Sendable, Equatable, CustomStringConvertible {
    /// `shipped/first-contact.zh.md` for a shipped script, else the file's path.
    public var file: String
    /// The line the front matter opens on.
    public var line: Int
    public var shipped: Bool

    /// Creates a source.
    public init(file: String, line: Int = 1, shipped: Bool) {
        self.file = file
        self.line = line
        self.shipped = shipped
    }

    /// `file:line`.
    public var description: String { "\(file):\(line)" }
}

/// A condition a script can require (`when: crisis, media`), read from the case and the calendar.
public enum ScriptCondition: String, Labeled {
    /// The case belongs to a crisis event.
    case crisis
    /// A repeat complaint (the second or later on the same matter).
    case `repeat`
    /// News media involved.
    case media
    /// A regulator involved or forwarded it.
    case regulator
    /// Business clocks are deferred now: today is not a business working day (a holiday, a weekend).
    case holiday
    /// A completion time or callback was promised to the customer.
    case promised
    /// One of the case's clocks has passed its due time.
    case overdue

    public var zh: String {
        switch self {
        case .crisis: "危机事件"
        case .repeat: "重复投诉"
        case .media: "媒体介入"
        case .regulator: "监管介入"
        case .holiday: "节假日"
        case .promised: "已有承诺"
        case .overdue: "已超时"
        }
    }
    public var en: String {
        switch self {
        case .crisis: "crisis event"
        case .repeat: "repeat complaint"
        case .media: "media involved"
        case .regulator: "regulator involved"
        case .holiday: "holiday"
        case .promised: "promise made"
        case .overdue: "overdue"
        }
    }
}

/// A script's wording: literal text and placeholders, in order.
public struct ScriptText: Sendable, Equatable {
    /// One piece of the wording.
    public enum Segment: Sendable, Equatable {
        case literal(String)
        case placeholder(ScriptPlaceholder)
    }

    public var segments: [Segment]

    /// Creates wording from its pieces.
    public init(_ segments: [Segment]) { self.segments = segments }

    /// The placeholders the wording uses, in order of first use.
    public var placeholders: [ScriptPlaceholder] {
        var seen: [ScriptPlaceholder] = []
        for case let .placeholder(p) in segments where !seen.contains(p) { seen.append(p) }
        return seen
    }

    /// The wording as written in the file (`{{case.number}}` for each placeholder).
    public var source: String {
        segments.map { s in
            switch s {
            case let .literal(t): t
            case let .placeholder(p): "{{\(p.rawValue)}}"
            }
        }.joined()
    }
}

/// What a note or contact made from a script records in its event: which script, which version,
/// in which language, and whether the person changed the filled wording before saving.
public struct ScriptUse: Sendable, Equatable {
    public var id: String
    public var version: Int
    public var language: String
    /// True when the saved text differs from the filled script.
    public var edited: Bool

    /// The actions a script's use may be recorded with.
    public static let actions: [WorkflowAction] = [.contact, .note]

    /// Creates a record of use.
    public init(id: String, version: Int, language: String, edited: Bool) {
        self.id = id
        self.version = version
        self.language = language
        self.edited = edited
    }

    /// Refuses a use that could not have come from a script file (`ScriptFileParser`'s rules for
    /// id, version and language), or one recorded with another action.
    public func validate(for action: WorkflowAction) throws {
        guard Self.actions.contains(action) else {
            throw DomainError.malformedField(field: "script", reason: .scriptNotForAction(action))
        }
        guard ScriptFileParser.isValidId(id) else {
            throw DomainError.malformedField(field: "script", reason: .notAScriptID(id: id))
        }
        try DeskBounds.check(version, in: ScriptFileParser.versions, field: "script version")
        guard ScriptFileParser.isValidLanguage(language) else {
            throw DomainError.malformedField(field: "script language", reason: .notALanguageCode(code: language))
        }
    }

    /// The event detail keys the use is recorded under.
    var recorded: [String: String] {
        ["script": id, "script_version": String(version), "script_language": language, "script_edited": edited ? "yes" : "no"]
    }
}
