import Foundation

/// A new complaint as entered at intake (flags, JSON on standard input, an import row or the form).
///
/// Enum fields are codes or labels; `validated(now:)` turns it into a case or names every bad field.
public struct CaseDraft: Sendable, Equatable, Codable {
    public var receivedAt: String?
    public var channel: String = "phone"
    public var branch: String = ""
    public var source: String = "self"
    public var name: String = ""
    public var phone: String = ""
    public var idNumber: String = ""
    public var policyNumber: String = ""
    public var claimNumber: String = ""
    public var bankAccount: String = ""
    public var language: String = "zh"
    public var line: String = "other"
    public var product: String = ""
    public var category: String = "other"
    public var kind: String = "general"
    public var summary: String = ""
    public var details: String = ""
    public var demand: String = ""
    public var people: Int = 1
    public var potentialLoss: Double = 0
    public var regulatorInvolved: Bool = false
    public var mediaInvolved: Bool = false
    public var onlineExposure: Bool = false
    public var handler: String?
    public var team: String?
    /// The source system's id (`hotline:123`), for idempotent re-import.
    public var sourceRef: String?
    /// The regulator's transfer number (转办编号), for a case a regulator forwarded.
    public var regulatorRef: String?

    /// An empty draft.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case receivedAt = "received_at", channel, branch, source, name, phone, idNumber = "id_number",
             policyNumber = "policy_number", claimNumber = "claim_number", bankAccount = "bank_account", language,
             line, product, category, kind, summary, details, demand, people, potentialLoss = "potential_loss",
             regulatorInvolved = "regulator_involved", mediaInvolved = "media_involved",
             onlineExposure = "online_exposure", handler, team, sourceRef = "source_ref", regulatorRef = "regulator_ref"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func s(_ k: CodingKeys, _ d: String) throws -> String { try c.decodeIfPresent(String.self, forKey: k) ?? d }
        receivedAt = try c.decodeIfPresent(String.self, forKey: .receivedAt)
        channel = try s(.channel, "phone"); branch = try s(.branch, ""); source = try s(.source, "self")
        name = try s(.name, ""); phone = try s(.phone, ""); idNumber = try s(.idNumber, "")
        policyNumber = try s(.policyNumber, ""); claimNumber = try s(.claimNumber, "")
        bankAccount = try s(.bankAccount, ""); language = try s(.language, "zh"); line = try s(.line, "other")
        product = try s(.product, ""); category = try s(.category, "other"); kind = try s(.kind, "general")
        summary = try s(.summary, ""); details = try s(.details, ""); demand = try s(.demand, "")
        people = try c.decodeIfPresent(Int.self, forKey: .people) ?? 1
        potentialLoss = try c.decodeIfPresent(Double.self, forKey: .potentialLoss) ?? 0
        regulatorInvolved = try c.decodeIfPresent(Bool.self, forKey: .regulatorInvolved) ?? false
        mediaInvolved = try c.decodeIfPresent(Bool.self, forKey: .mediaInvolved) ?? false
        onlineExposure = try c.decodeIfPresent(Bool.self, forKey: .onlineExposure) ?? false
        handler = try c.decodeIfPresent(String.self, forKey: .handler)
        team = try c.decodeIfPresent(String.self, forKey: .team)
        sourceRef = try c.decodeIfPresent(String.self, forKey: .sourceRef)
        regulatorRef = try c.decodeIfPresent(String.self, forKey: .regulatorRef)
    }

    /// Checks every field and builds the case (without a number yet), or throws every refusal
    /// together (`DomainError.invalidFields`; one alone as it has always been thrown), each naming
    /// its field, so a form can mark them all at once.
    ///
    /// The received time may be earlier than now (a letter or a regulator's transfer that arrived
    /// days ago), never later: every clock of the case starts at it (docs/text-limits.md).
    public func validated(now: Instant, operator op: String) throws -> ComplaintCase {
        var refusals = Refusals()
        let received = refusals.check { try receivedTime(now: now) } ?? now
        if summary.trimmed.isEmpty && details.trimmed.isEmpty { refusals.add(Refusal(.required, field: "summary")) }
        refusals.check { try DeskBounds.check(people, in: DeskBounds.people, field: "people") }
        refusals.check { try DeskBounds.checkYuan(potentialLoss, field: "potential_loss") }
        let texts: [(String, String?)] = [
            ("summary", summary), ("details", details), ("demand", demand), ("name", name), ("branch", branch),
            ("phone", phone), ("id_number", idNumber), ("policy_number", policyNumber), ("claim_number", claimNumber),
            ("bank_account", bankAccount), ("language", language), ("product", product), ("channel", channel),
            ("source", source), ("line", line), ("category", category), ("kind", kind), ("handler", handler), ("team", team),
            ("source_ref", sourceRef), ("regulator_ref", regulatorRef),
        ]
        var badText: Set<String> = []
        for (field, text) in texts where refusals.check({ try TextLimits.check(text, field: field) }) == nil { badText.insert(field) }
        if !badText.contains("phone") { refusals.check { try CaseDraft.checkPhone(phone) } }
        // Identifiers are stored in one form however they were typed (docs/personal-data.md).
        let idNumber = Identifiers.idNumber(idNumber)
        if !badText.contains("id_number") { refusals.check { try CaseDraft.checkIDNumber(idNumber) } }
        let channelCode = refusals.check { try Channel.parse(self.channel, field: "channel") }
        let sourceCode = refusals.check { try CaseSource.parse(self.source, field: "source") }
        let lineCode = refusals.check { try InsuranceLine.parse(self.line, field: "line") }
        let categoryCode = refusals.check { try Category.parse(self.category, field: "category") }
        let kindCode = refusals.check { try CaseKind.parse(self.kind, field: "kind") }
        let sourceRef = sourceRef?.trimmed ?? ""
        // Control characters mark the report track's key space (ImportIdentity).
        if !sourceRef.isEmpty && !ImportIdentity.isClean(sourceRef) { refusals.add(Refusal(.controlInReference, field: "source_ref")) }
        let regulatorRef = regulatorRef?.trimmed ?? ""
        if !regulatorRef.isEmpty && !badText.contains("regulator_ref") {
            if !ImportIdentity.isClean(regulatorRef) {
                refusals.add(Refusal(.controlInReference, field: "regulator_ref"))
            } else if let channelCode, let sourceCode, !(sourceCode.isRegulator || channelCode == .regulator) {
                refusals.add(Refusal(.regulatorRefWithoutRegulator, field: "regulator_ref"))
            }
        }
        try refusals.throwIfAny()
        guard let channel = channelCode, let source = sourceCode, let line = lineCode, let category = categoryCode, let kind = kindCode else {
            throw DomainError.missingField("channel")   // unreachable: each is nil only when refused above
        }
        var c = ComplaintCase(
            number: "", receivedAt: received, receivingOperator: op,
            channel: channel, branch: branch.trimmed, source: source,
            complainant: Complainant(name: name.trimmed, phone: Identifiers.phone(phone), idNumber: idNumber,
                                     policyNumber: Identifiers.reference(policyNumber), claimNumber: Identifiers.reference(claimNumber),
                                     bankAccount: Identifiers.account(bankAccount), language: language.trimmed.isEmpty ? "zh" : language.trimmed),
            line: line, product: product.trimmed, category: category, kind: kind,
            summary: summary.trimmed, details: details, demand: demand, peopleInvolved: people,
            potentialLoss: potentialLoss, regulatorInvolved: regulatorInvolved, mediaInvolved: mediaInvolved,
            onlineExposure: onlineExposure)
        if let h = handler?.trimmed, !h.isEmpty { c.handler = h }
        if let t = team?.trimmed, !t.isEmpty { c.team = t }
        if !sourceRef.isEmpty { c.sourceRef = sourceRef }
        if !regulatorRef.isEmpty { c.regulatorRef = regulatorRef }
        return c
    }

    /// The received time: as given (ISO 8601 or `2026-02-16 21:30` at the desk offset, 2000–2100),
    /// never later than now (five minutes allow for unsynchronised clocks), or now when not given.
    public func receivedTime(now: Instant) throws -> Instant {
        guard let text = receivedAt, !text.trimmed.isEmpty else { return now }
        let t = try DeskTime.standard.read(text, field: "received_at")
        guard t.seconds <= now.seconds + CaseDraft.clockSkewSeconds else {
            throw DomainError.malformedField(field: "received_at", reason: .receivedInFuture(at: t, now: now))
        }
        return t
    }

    /// How far a received time may lie after now: consoles' clocks are not perfectly in step.
    public static let clockSkewSeconds: Int64 = 300

    /// A phone number: digits with an optional leading `+` and space, dash, dot or parenthesis
    /// separators (full-width forms too), 5–20 digits; a bare number starting with 1 is a
    /// mainland mobile and must have 11 digits.
    static func checkPhone(_ phone: String) throws {
        let p = Identifiers.fold(phone).trimmed
        if p.isEmpty { return }
        if p.first == "1", p.allSatisfy({ $0.isASCII && $0.isNumber }), p.count != 11 {
            throw DomainError.malformedField(field: "phone", reason: .mobileDigits(phone: phone, count: p.count))
        }
        var digits = 0
        for (i, u) in p.unicodeScalars.enumerated() {
            if IdentifierScanner.digit(u) != nil { digits += 1 }
            else if u == "+" && (i == 0 || (i == 1 && p.first == "(")) { continue }
            else if IdentifierScanner.isSeparator(u) { continue }
            else { throw DomainError.malformedField(field: "phone", reason: .notAPhone(phone: phone)) }
        }
        guard (5...20).contains(digits) else {
            throw DomainError.malformedField(field: "phone", reason: .phoneDigits(phone: phone, count: digits))
        }
    }

    /// A PRC resident ID number: 15 digits, or 17 digits and a check character (verified).
    static func checkIDNumber(_ id: String) throws {
        let s = Array(Identifiers.idNumber(id))
        if s.isEmpty { return }
        let ok15 = s.count == 15 && s.allSatisfy { $0.isASCII && $0.isNumber }
        if ok15 { return }
        guard s.count == 18, s[0..<17].allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw DomainError.malformedField(field: "id_number", reason: .idNumberShape)
        }
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(s[0..<17], weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        let check = Array("10X98765432")[sum % 11]
        guard s[17] == check else {
            throw DomainError.malformedField(field: "id_number", reason: .idNumberCheck(expected: String(check)))
        }
    }
}
