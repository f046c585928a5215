/// The shift handover 交接班: what the shift just ending leaves the next one, as one reader may
/// see it (docs/handover.md). The handover screen's read model; `console handover` prints it as
/// text, Markdown or a page to print.
///
/// Everything is computed from the desk through the reader's visibility: a team lead's handover
/// never counts or lists report cases 举报件, and free text is masked (a handover is a desk-wide
/// listing, never a reveal).
public struct Handover: Sendable, Equatable {
    public var window: HandoverWindow
    /// When it was computed.
    public var now: Instant
    /// Clocks falling due in `(now, horizonEnd]` are listed as due.
    public var horizonEnd: Instant
    /// Cases received in the window, and cases closed in it.
    public var received: Int
    public var closed: Int
    /// Every promise made to a customer in the window (extensions, callbacks promised with a
    /// note or contact), in the order made.
    public var promises: [HandoverPromise]
    /// Clocks of open cases (and callbacks of closed ones) falling due before `horizonEnd`, soonest first.
    public var dueSoon: [HandoverClock]
    /// Clocks already past due at `now`, oldest first.
    public var overdue: [HandoverClock]
    /// Open cases with no handler, oldest first.
    public var unassigned: [HandoverCase]
    /// Active crisis events with their report clocks.
    public var crises: [HandoverCrisis]
    /// Critical alerts nobody has acknowledged.
    public var criticalAlerts: [DeskAlert]
    /// Notes (and contact records with a note) written in the window.
    public var notes: [HandoverNote]
    /// The audit chain's newest event, for readers who see every event (`EventVisibility`); nil otherwise.
    public var chainHead: AuditHead?
    /// The acknowledgement of this window, if the incoming lead gave it.
    public var acknowledgement: HandoverAck?
    /// The latest shift change (a team lead's shift ending) before now, and whether it was acknowledged.
    public var lastShiftChange: Instant?
    public var lastShiftChangeAck: HandoverAck?

    /// Whether the latest shift change was acknowledged (true when there was none to acknowledge).
    public var lastHandoverAcknowledged: Bool { lastShiftChange == nil || lastShiftChangeAck != nil }
}

/// Which stretch of time a handover covers.
public enum HandoverSpan: Sendable, Equatable {
    /// The team-lead shift whose end is nearest now: the shift just ending, or just ended.
    case shift
    /// From an instant to now.
    case since(Instant)
}

/// The window a handover covers, and who hands over to whom.
public struct HandoverWindow: Sendable, Equatable {
    public var from: Instant
    /// The end: the shift's end, or now if that is earlier.
    public var to: Instant
    /// The team-lead shift handed over (nil for `since`).
    public var shift: PlannedShift?
    /// The outgoing leads' display names (shifts ending with this one).
    public var outgoing: [String]
    /// The next team-lead shift, starting about when this one ends, when the roster has one.
    public var incoming: PlannedShift?
    public var incomingName: String?
}

/// A promise made to a customer: on which case, for when, made when and by whom, with which action.
public struct HandoverPromise: Sendable, Equatable {
    public var caseNumber: String
    /// The promised time; nil when the recorded value does not read as a time (`promisedText` keeps it).
    public var promisedAt: Instant?
    public var promisedText: String
    public var madeAt: Instant
    public var by: String
    public var action: String
}

/// One stage clock of a case, as the handover lists it.
public struct HandoverClock: Sendable, Equatable {
    public var caseNumber: String
    public var stage: Stage
    public var due: Instant
    public var severity: Severity
    public var category: Category
    public var handler: String?
}

/// A case as the handover lists it (the summary masked).
public struct HandoverCase: Sendable, Equatable {
    public var number: String
    public var receivedAt: Instant
    public var severity: Severity
    public var category: Category
    public var summary: String
}

/// A crisis event with its report clocks: each report's due time and when it was filed.
public struct HandoverCrisis: Sendable, Equatable {
    public var id: Int64
    public var title: String
    public var status: CrisisStatus
    public var branch: String
    public var people: Int
    public var massIncident: Bool
    public var superiorDue: Instant
    public var superiorFiled: Instant?
    public var hqDue: Instant
    public var hqFiled: Instant?
}

/// A note written in the window (masked), with the script it was made from.
public struct HandoverNote: Sendable, Equatable {
    public var caseNumber: String
    public var at: Instant
    public var by: String
    public var action: String
    public var text: String
    public var script: String?
}

/// The audit chain's head: the newest event's id and hash (hex).
public struct AuditHead: Sendable, Equatable {
    public var id: Int64
    public var hash: String
    /// Creates a head.
    public init(id: Int64, hash: String) { self.id = id; self.hash = hash }
}

/// An incoming lead's acknowledgement of a handover, as recorded in the audit trail.
public struct HandoverAck: Sendable, Equatable {
    public var by: String
    public var at: Instant
    public var from: Instant?
    public var to: Instant?

    /// Creates an acknowledgement (the desk records them; screens and tests show them).
    public init(by: String, at: Instant, from: Instant?, to: Instant?) {
        self.by = by; self.at = at; self.from = from; self.to = to
    }
}
