import Foundation

/// A case as its exported fields, in one fixed order: the one definition behind `CaseJSON.object`
/// (`list --json`, `show --json`) and the streaming exports (`CaseExportEncoder`), so both always
/// carry the same keys and the same masked or revealed values (docs/personal-data.md).
///
/// A value is typed rather than boxed in `Any`: an export of a million cases builds no dictionary
/// and no boxes per case (docs/bulk-data.md).
public enum CaseFields {
    /// One exported value.
    public enum Value: Equatable, Sendable {
        case text(String)
        case time(Instant)
        case int(Int)
        case double(Double)
        case bool(Bool)
        case null

        /// Whether JSON writes this value as `null` (a non-finite amount is written so too).
        public var isNullInJSON: Bool {
            switch self {
            case .null: return true
            case .double(let d): return !d.isFinite
            default: return false
            }
        }

        /// The value as `CaseJSON.object` has always given it (String, Int, Double, Bool, NSNull).
        public var any: Any {
            switch self {
            case .text(let s): return s
            case .time(let t): return DeskTime.standard.format(t)
            case .int(let i): return i
            case .double(let d): return d
            case .bool(let b): return b
            case .null: return NSNull()
            }
        }
    }

    /// The keys in the order `values(of:)` gives them: sorted by their UTF-8 bytes (JSON order).
    public static let keys: [String] = order.map { namedKeys[$0] }

    /// The keys as a CSV export's header has them: `number` first, the rest sorted.
    public static let csvKeys: [String] = ["number"] + keys.filter { $0 != "number" }

    /// Positions in `keys` of the CSV columns, in CSV order.
    public static let csvOrder: [Int] = csvKeys.map { k in keys.firstIndex(of: k)! }

    /// The case's values in `keys` order, masked unless `reveal` (docs/personal-data.md).
    public static func values(of c: ComplaintCase, reveal: Bool) -> [Value] {
        let named = namedValues(c, reveal: reveal)
        return order.map { named[$0] }
    }

    /// Keys in the order `namedValues` lists them.
    static let namedKeys: [String] = [
        "number", "received_at", "receiving_operator", "channel", "branch", "source",
        "name", "phone", "id_number", "policy_number", "claim_number", "bank_account",
        "language", "line", "product", "category", "kind", "summary", "details", "demand",
        "people", "potential_loss", "regulator_involved", "media_involved", "online_exposure", "handler", "team",
        "status", "severity", "severity_override", "repeat_count", "repeat_of", "validity", "validity_reason",
        "responsible_staff", "responsible_lead", "resolution", "closing_basis", "callback_result", "satisfaction",
        "promised_at", "extension_count", "contacted_at", "investigation_started_at", "submitted_at", "approved_at",
        "closed_at", "followed_up_at", "withdrawn_at", "last_note_at", "stages_started_at",
        "improvement_suggestion", "source_ref", "next_due_at", "version", "updated_at", "updated_by",
        "column_changed_at", "severity_cap", "last_reminder_at", "crisis_event", "regulator_ref",
    ]

    /// Positions in `namedKeys`, sorted by key bytes.
    static let order: [Int] = namedKeys.indices.sorted { namedKeys[$0].utf8.lexicographicallyPrecedes(namedKeys[$1].utf8) }

    /// The values in `namedKeys` order.
    private static func namedValues(_ c: ComplaintCase, reveal: Bool) -> [Value] {
        let shown = Disclosure(revealed: reveal)
        func time(_ i: Instant?) -> Value { i.map(Value.time) ?? .null }
        func opt(_ s: String?) -> Value { s.map(Value.text) ?? .null }
        func pd(_ s: String) -> Value { .text(shown.identifier(s)) }
        func text(_ s: String) -> Value { .text(shown.text(s)) }
        let p = c.complainant
        return [
            .text(c.number), .time(c.receivedAt), .text(c.receivingOperator), .text(c.channel.rawValue), .text(c.branch),
            .text(c.source.rawValue),
            .text(shown.name(p.name)), pd(p.phone), pd(p.idNumber), pd(p.policyNumber), pd(p.claimNumber), pd(p.bankAccount),
            .text(p.language), .text(c.line.rawValue), text(c.product), .text(c.category.rawValue), .text(c.kind.rawValue),
            text(c.summary), text(c.details), text(c.demand),
            .int(c.peopleInvolved), .double(c.potentialLoss), .bool(c.regulatorInvolved), .bool(c.mediaInvolved),
            .bool(c.onlineExposure), opt(c.handler), opt(c.team),
            .text(c.status.rawValue), .text(c.severity.rawValue), opt(c.severityOverride?.rawValue), .int(c.repeatCount),
            opt(c.repeatOf), .text(c.validity.rawValue), text(c.validityReason),
            opt(c.responsibleStaff), opt(c.responsibleLead), text(c.resolution), opt(c.closingBasis?.rawValue),
            opt(c.callbackResult?.rawValue), c.satisfaction.map(Value.int) ?? .null,
            time(c.promisedAt), .int(c.extensionCount), time(c.contactedAt), time(c.investigationStartedAt),
            time(c.submittedAt), time(c.approvedAt),
            time(c.closedAt), time(c.followedUpAt), time(c.withdrawnAt), time(c.lastNoteAt), .time(c.stagesStartedAt),
            text(c.improvementSuggestion), opt(c.sourceRef.map { shown.text($0) }), time(c.nextDueAt), .int(c.version),
            .time(c.updatedAt), .text(c.updatedBy),
            time(c.columnChangedAt), opt(c.severityCap?.rawValue), time(c.lastReminderAt),
            c.crisisEventId.map { .int(Int($0)) } ?? .null, opt(c.regulatorRef),
        ]
    }
}
