/// A case as an export may write it: masked already, unless the export was an audited unmasked
/// one (`CaseDesk.export`). The encoders write it as it is, so the command line never decides
/// what is masked (docs/bulk-data.md, "Two threads").
public struct DisclosedCase: Sendable {
    /// The case with its personal data at the export's level.
    public let value: ComplaintCase

    /// A case masked before (on the reading thread), handed on as it is.
    init(alreadyDisclosed c: ComplaintCase) { value = c }

    /// `c` with every field `CaseFields` masks shown at `level`: the same masks, applied once on
    /// the reading thread instead of on the writing one.
    init(_ c: ComplaintCase, _ level: Disclosure) {
        guard level == .masked else { value = c; return }
        var d = c
        d.complainant.name = level.name(c.complainant.name)
        d.complainant.phone = level.identifier(c.complainant.phone)
        d.complainant.idNumber = level.identifier(c.complainant.idNumber)
        d.complainant.policyNumber = level.identifier(c.complainant.policyNumber)
        d.complainant.claimNumber = level.identifier(c.complainant.claimNumber)
        d.complainant.bankAccount = level.identifier(c.complainant.bankAccount)
        d.product = level.text(c.product)
        d.summary = level.text(c.summary)
        d.details = level.text(c.details)
        d.demand = level.text(c.demand)
        d.validityReason = level.text(c.validityReason)
        d.resolution = level.text(c.resolution)
        d.improvementSuggestion = level.text(c.improvementSuggestion)
        d.sourceRef = c.sourceRef.map(level.text)
        value = d
    }
}
