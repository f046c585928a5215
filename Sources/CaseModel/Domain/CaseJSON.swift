import Foundation

/// The stable JSON form of a case (`list --json`, `show --json`, `export --format json`).
///
/// Keys are snake_case and sorted; the intake keys are the same as `CaseDraft`'s, so an export
/// can be imported again. Personal data is masked unless `reveal` is set: the complainant's
/// fields, and identifiers written into the free text (docs/personal-data.md).
public enum CaseJSON {
    /// A case as a JSON-ready dictionary.
    public static func object(_ c: ComplaintCase, reveal: Bool = false) -> [String: Any] {
        let t = DeskTime.standard
        func time(_ i: Instant?) -> Any { i.map { t.format($0) } ?? NSNull() }
        func opt(_ s: String?) -> Any { s ?? NSNull() }
        let shown = Disclosure(revealed: reveal)
        func pd(_ s: String) -> String { shown.identifier(s) }
        func text(_ s: String) -> String { shown.text(s) }
        let p = c.complainant
        return [
            "number": c.number, "received_at": t.format(c.receivedAt), "receiving_operator": c.receivingOperator,
            "channel": c.channel.rawValue, "branch": c.branch, "source": c.source.rawValue,
            "name": shown.name(p.name), "phone": pd(p.phone), "id_number": pd(p.idNumber),
            "policy_number": pd(p.policyNumber), "claim_number": pd(p.claimNumber), "bank_account": pd(p.bankAccount),
            "language": p.language, "line": c.line.rawValue, "product": text(c.product), "category": c.category.rawValue,
            "kind": c.kind.rawValue, "summary": text(c.summary), "details": text(c.details), "demand": text(c.demand),
            "people": c.peopleInvolved, "potential_loss": c.potentialLoss,
            "regulator_involved": c.regulatorInvolved, "media_involved": c.mediaInvolved,
            "online_exposure": c.onlineExposure, "handler": opt(c.handler), "team": opt(c.team),
            "status": c.status.rawValue, "severity": c.severity.rawValue,
            "severity_override": opt(c.severityOverride?.rawValue), "repeat_count": c.repeatCount,
            "repeat_of": opt(c.repeatOf), "validity": c.validity.rawValue, "validity_reason": text(c.validityReason),
            "responsible_staff": opt(c.responsibleStaff), "responsible_lead": opt(c.responsibleLead),
            "resolution": text(c.resolution), "closing_basis": opt(c.closingBasis?.rawValue),
            "callback_result": opt(c.callbackResult?.rawValue), "satisfaction": c.satisfaction.map { $0 as Any } ?? NSNull(),
            "promised_at": time(c.promisedAt), "extension_count": c.extensionCount,
            "contacted_at": time(c.contactedAt), "investigation_started_at": time(c.investigationStartedAt),
            "submitted_at": time(c.submittedAt), "approved_at": time(c.approvedAt), "closed_at": time(c.closedAt),
            "followed_up_at": time(c.followedUpAt), "withdrawn_at": time(c.withdrawnAt),
            "last_note_at": time(c.lastNoteAt), "stages_started_at": t.format(c.stagesStartedAt),
            "improvement_suggestion": text(c.improvementSuggestion), "source_ref": opt(c.sourceRef.map(text)),
            "next_due_at": time(c.nextDueAt), "version": c.version, "updated_at": t.format(c.updatedAt),
            "updated_by": c.updatedBy, "column_changed_at": time(c.columnChangedAt),
            "severity_cap": opt(c.severityCap?.rawValue), "last_reminder_at": time(c.lastReminderAt),
            "crisis_event": c.crisisEventId.map { $0 as Any } ?? NSNull(), "regulator_ref": opt(c.regulatorRef),
        ]
    }

    /// An event as a JSON-ready dictionary (its details as stored: pass it through a `Disclosure`
    /// first); without `id` when the reader does not see chain positions (id 0, `EventVisibility`).
    public static func object(_ e: CaseEvent) -> [String: Any] {
        var o: [String: Any] = [
            "case": e.caseNumber ?? NSNull(), "at": DeskTime.standard.format(e.at), "actor": e.actor,
            "action": e.action, "from_status": e.fromStatus?.rawValue ?? NSNull(),
            "to_status": e.toStatus?.rawValue ?? NSNull(), "detail": e.detail,
        ]
        if e.id != 0 { o["id"] = e.id }
        return o
    }

    /// Serialises with keys sorted by their bytes (stable output).
    public static func text(_ value: Any, pretty: Bool = false) -> String {
        JSONText.write(value, pretty: pretty)
    }
}
