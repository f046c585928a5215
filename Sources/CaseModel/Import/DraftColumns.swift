/// Which CSV column sets which `CaseDraft` field, by our own column names (the JSON keys).
enum DraftColumns {
    typealias Setter = @Sendable (inout CaseDraft, String) throws -> Void

    static let setters: [String: Setter] = [
        "received_at": { $0.receivedAt = $1 },
        "channel": { $0.channel = $1 }, "branch": { $0.branch = $1 }, "source": { $0.source = $1 },
        "name": { $0.name = $1 }, "phone": { $0.phone = $1 }, "id_number": { $0.idNumber = $1 },
        "policy_number": { $0.policyNumber = $1 }, "claim_number": { $0.claimNumber = $1 },
        "bank_account": { $0.bankAccount = $1 }, "language": { $0.language = $1 }, "line": { $0.line = $1 },
        "product": { $0.product = $1 }, "category": { $0.category = $1 }, "kind": { $0.kind = $1 },
        "summary": { $0.summary = $1 }, "details": { $0.details = $1 }, "demand": { $0.demand = $1 },
        "people": { d, v in d.people = try int(v, "people") },
        "potential_loss": { d, v in d.potentialLoss = try number(v, "potential_loss") },
        "regulator_involved": { d, v in d.regulatorInvolved = try bool(v, "regulator_involved") },
        "media_involved": { d, v in d.mediaInvolved = try bool(v, "media_involved") },
        "online_exposure": { d, v in d.onlineExposure = try bool(v, "online_exposure") },
        "handler": { $0.handler = $1.isEmpty ? nil : $1 }, "team": { $0.team = $1.isEmpty ? nil : $1 },
        "source_ref": { $0.sourceRef = $1.isEmpty ? nil : $1 },
        "regulator_ref": { $0.regulatorRef = $1.isEmpty ? nil : $1 },
    ]

    /// Columns an export carries that intake ignores (so an export can be imported again).
    static let ignored: Set<String> = [
        "number", "receiving_operator", "status", "severity", "severity_override", "repeat_count", "repeat_of",
        "validity", "validity_reason", "responsible_staff", "responsible_lead", "resolution", "closing_basis",
        "callback_result", "satisfaction", "promised_at", "extension_count", "contacted_at",
        "investigation_started_at", "submitted_at", "approved_at", "closed_at", "followed_up_at", "withdrawn_at",
        "last_note_at", "stages_started_at", "improvement_suggestion", "next_due_at", "version", "updated_at",
        "updated_by", "reject_reason", "line_number", "column_changed_at", "severity_cap", "last_reminder_at",
        "crisis_event",
    ]

    static func int(_ v: String, _ field: String) throws -> Int {
        let t = v.trimmed
        if t.isEmpty { return 1 }
        guard let n = Int(t) else { throw DomainError.malformedField(field: field, reason: .notWholeNumber(text: v)) }
        return n
    }

    static func number(_ v: String, _ field: String) throws -> Double {
        let t = v.trimmed.replacingOccurrences(of: ",", with: "")
        if t.isEmpty { return 0 }
        guard let n = Double(t), n.isFinite else { throw DomainError.malformedField(field: field, reason: .notNumber(text: v)) }
        return n
    }

    static func bool(_ v: String, _ field: String) throws -> Bool {
        switch v.trimmed.lowercased() {
        case "", "0", "false", "no", "n", "否": return false
        case "1", "true", "yes", "y", "是": return true
        default: throw DomainError.malformedField(field: field, reason: .notYesNo(text: v))
        }
    }
}

import Foundation
