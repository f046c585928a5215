import GRDB
import XCTest
@testable import CaseModel

/// Identifiers: one stored form however typed, recognised in free text, masked alike everywhere.
final class IdentifierNormalisationTests: XCTestCase {
    func testPhonesAreStoredInOneForm() {
        let table: [(String, String)] = [
            ("13812345678", "13812345678"), ("+86 138 1234 5678", "13812345678"), ("+86-138-1234-5678", "13812345678"),
            ("0086 13812345678", "13812345678"), ("008613812345678", "13812345678"), ("86 138-1234-5678", "13812345678"),
            ("138.1234.5678", "13812345678"), ("(+86) 138 1234 5678", "13812345678"), ("１３８１２３４５６７８", "13812345678"),
            ("+8613812345678", "13812345678"), ("  138 1234 5678 ", "13812345678"), ("138-12345678", "13812345678"),
            ("021-62345678", "021-62345678"), ("02162345678", "021-62345678"), ("(021) 6234 5678", "021-62345678"),
            ("(0571)88886666", "0571-88886666"), ("0571 8888 6666", "0571-88886666"), ("+86 571 8888 6666", "0571-88886666"), ("+86 21 6234 5678", "021-62345678"), ("0086-10-62345678", "010-62345678"),
            ("010-6234567", "010-6234567"), ("+852 9123 4567", "+85291234567"), ("95511", "95511"), ("00852 9123 4567", "+85291234567"),
        ]
        for (typed, stored) in table { XCTAssertEqual(Identifiers.phone(typed), stored, typed) }
    }

    func testIDsAccountsAndReferencesAreStoredInOneForm() {
        XCTAssertEqual(Identifiers.idNumber("11010519491231002x"), "11010519491231002X")
        XCTAssertEqual(Identifiers.idNumber(" 110105 19491231 002X "), "11010519491231002X")
        XCTAssertEqual(Identifiers.idNumber("１１０１０５１９４９１２３１００２ｘ"), "11010519491231002X")
        XCTAssertEqual(Identifiers.idNumber("110105491231002"), "110105491231002", "the old 15-digit form")
        XCTAssertEqual(Identifiers.account("6222 0212 3456 7890 123"), "6222021234567890123")
        XCTAssertEqual(Identifiers.account("6222-0212-3456-7890"), "6222021234567890")
        XCTAssertEqual(Identifiers.account("NRA 6222 01"), "NRA 6222 01", "not digits in groups: kept as typed")
        XCTAssertEqual(Identifiers.reference(" p44 0012 3456 "), "P4400123456")
        XCTAssertEqual(Identifiers.reference("ＰＡ-２０２６"), "PA-2026")
    }

    func testIntakeStoresTheNormalisedForms() throws {
        let t = try TestDesk()
        var d = t.draft(phone: "+86 (138) 1234-5678")
        d.idNumber = "110105 19491231 002x"
        d.policyNumber = "p44 0012"
        d.claimNumber = "clm-2026 001"
        d.bankAccount = "6222 0212 3456 7890 123"
        let c = try t.desk.intake(d, actor: t.op)
        XCTAssertEqual(c.complainant.phone, "13812345678")
        XCTAssertEqual(c.complainant.idNumber, "11010519491231002X")
        XCTAssertEqual(c.complainant.policyNumber, "P440012")
        XCTAssertEqual(c.complainant.claimNumber, "CLM-2026001")
        XCTAssertEqual(c.complainant.bankAccount, "6222021234567890123")
        XCTAssertThrowsError(try t.desk.intake(t.draft(phone: "138-1234-567x"), actor: t.op), "still not a phone number")
    }

    func testStructuredMasksAreTheSameWhateverTheStoredForm() {
        XCTAssertEqual(Masking.maskIdentifier("13812345678"), "138****5678")
        XCTAssertEqual(Masking.maskIdentifier("+86 138-1234-5678"), "138****5678", "a row stored before normalisation")
        XCTAssertEqual(Masking.maskIdentifier("0571-88886666"), "0571-****6666")
        XCTAssertEqual(Masking.maskIdentifier("110101199003070011"), "1101**********0011")
        XCTAssertEqual(Masking.maskIdentifier(""), "")
    }
}

/// Identifiers written into free text are found and masked; dates, amounts and case numbers are not.
final class FreeTextMaskingTests: XCTestCase {
    func testIdentifiersInTextAreMaskedLikeTheFields() {
        let table: [(String, String)] = [
            ("客户电话13812345678要求回电", "客户电话138****5678要求回电"),
            ("电话：+86 138 1234 5678。", "电话：138****5678。"),
            ("手机138-1234-5678，座机(021)6234-5678", "手机138****5678，座机021-****5678"),
            ("座机0571-88886666转801", "座机0571-****6666转801"),
            ("身份证号110101199003070011，", "身份证号1101**********0011，"),
            ("身份证11010519491231002x号", "身份证1101**********002X号"),
            ("老身份证110105491231002", "老身份证1101*******1002"),
            ("卡号6222 0212 3456 7890 123到账", "卡号6222***********0123到账"),
            ("卡号6222021234567890", "卡号6222********7890"),
            ("全角１３８１２３４５６７８", "全角138****5678"),
            ("call 008613812345678 now", "call 138****5678 now"),
            ("+852 9123 4567 (HK)", "+85*****4567 (HK)"),
        ]
        for (text, masked) in table { XCTAssertEqual(Masking.maskText(text), masked, text) }
    }

    func testDatesAmountsAndCaseNumbersAreLeftAlone() {
        for text in ["2026-02-17", "2026-02-17 21:30", "2026年2月17日", "20,000元", "赔款20000元", "损失1,500,000.00元",
                     "TS-20260217-0042", "JB-20260217-0003", "TS-20260217-0042 与 TS-20260216-0001 重复", "20260217",
                     "保费3.5万元", "5.3%", "第2次投诉", "工号100234", "2026-02-17 10:30:00", "20260217153000",
                     "版本 1.2.3", "IP 192.168.1.10", "邮编200120", "P4412345678"] {
            XCTAssertEqual(Masking.maskText(text), text, text)
        }
    }

    func testNumbersNextToDatesAndCaseNumbersAreStillFound() {
        XCTAssertEqual(Masking.maskText("2026-02-17 13812345678"), "2026-02-17 138****5678")
        XCTAssertEqual(Masking.maskText("TS-20260217-0042 13812345678"), "TS-20260217-0042 138****5678")
        XCTAssertEqual(Masking.maskText("13812345678,13912345678"), "138****5678,139****5678")
        XCTAssertEqual(Masking.maskText("2026-02-17来电13812345678于20:00"), "2026-02-17来电138****5678于20:00")
    }

    func testEveryPhoneFormIsMaskedToTheSameText() {
        let forms = ["13812345678", "+86 138 1234 5678", "0086-138-1234-5678", "138.1234.5678", "(+86)13812345678", "１３８ １２３４ ５６７８"]
        for f in forms { XCTAssertEqual(Masking.maskText("电话" + f + "。"), "电话138****5678。", f) }
    }

    func testSearchTextHasNoPartOfAnyIdentifier() {
        let redacted = Masking.redactedForSearch("电话13812345678，卡6222021234567890，2026-02-17")
        XCTAssertFalse(redacted.contains("138"))
        XCTAssertFalse(redacted.contains("5678"))
        XCTAssertFalse(redacted.contains("6222"))
        XCTAssertTrue(redacted.contains("2026-02-17"))
        XCTAssertTrue(redacted.hasPrefix("电话"))
    }

    func testLongAndHostileTextIsScannedQuickly() {
        let long = String(repeating: "1 ", count: 200_000) + String(repeating: "9", count: 100_000)
            + String(repeating: "12 34-56.78 ", count: 20_000) + String(repeating: "电话1", count: 50_000)
        let start = DispatchTime.now().uptimeNanoseconds
        _ = Masking.maskText(long)
        // About a million characters: a linear scan takes well under a second even in a debug build
        // on a loaded machine; a scan that backtracks (quadratic) would take minutes. The bound is
        // loose so that load on a shared machine cannot fail it, and tight enough to catch that.
        XCTAssertLessThan(DispatchTime.now().uptimeNanoseconds - start, 10_000_000_000)
    }
}

/// Event details (old → new), digests and crisis texts at each disclosure level.
final class DisclosureTests: XCTestCase {
    func testPersonalFieldsInEventDetailsAreMaskedOrShownAsChanged() {
        let detail = ["complainant.phone": "13812345678 → 13987654321", "complainant.name": "张三 → 李四丰",
                      "complainant.idNumber": " → 110101199003070011", "note": "客户新号13987654321",
                      "phone_digest": "hmac:3f9a0c1d2e3f4a5b6c7d8e9f00112233", "complainant.bankAccount": String(repeating: "ab12", count: 16),
                      "line": "42", "claim_reports": "1300000000000"]
        let masked = Disclosure.masked.detail(detail)
        XCTAssertEqual(masked["complainant.phone"], "138****5678 → 139****4321")
        XCTAssertEqual(masked["complainant.name"], "张* → 李**")
        XCTAssertEqual(masked["complainant.idNumber"], " → 1101**********0011")
        XCTAssertEqual(masked["note"], "客户新号139****4321")
        XCTAssertEqual(masked["phone_digest"], "(recorded)")
        XCTAssertEqual(masked["complainant.bankAccount"], "(recorded)")
        XCTAssertEqual(masked["line"], "42")
        XCTAssertEqual(masked["claim_reports"], "1300000000000", "a figure, not typed text")
        let revealed = Disclosure.revealed.detail(detail)
        XCTAssertEqual(revealed["complainant.phone"], "13812345678 → 13987654321")
        XCTAssertEqual(revealed["note"], "客户新号13987654321")
        XCTAssertEqual(revealed["phone_digest"], "(recorded)", "a digest is never shown, even revealed")
        XCTAssertEqual(Disclosure.masked.detail(["complainant.phone": "sha256:aa → sha256:bb"])["complainant.phone"], "(changed)")
        XCTAssertEqual(Disclosure.masked.detail(["complainant.phone": String(repeating: "0f", count: 32) + " → " + String(repeating: "a1", count: 32)])["complainant.phone"], "(changed)")
    }

    func testTheAuditReaderSeesWhatTheirRoleMayReveal() {
        XCTAssertEqual(Disclosure.auditReader(.teamLead, track: .general), .revealed)
        XCTAssertEqual(Disclosure.auditReader(.auditor, track: .general), .masked)
        XCTAssertEqual(Disclosure.auditReader(.administrator, track: .general), .masked)
        XCTAssertEqual(Disclosure.auditReader(.presidentsOffice, track: .general), .masked)
        XCTAssertEqual(Disclosure.auditReader(.presidentsOffice, track: .report), .revealed)
        XCTAssertEqual(Disclosure.auditReader(.teamLead, track: .report), .masked)
        XCTAssertEqual(Disclosure.auditReader(nil, track: .general), .masked)
    }
}

/// Search matches identifiers only whole and free text only outside identifiers.
final class IdentifierSearchTests: XCTestCase {
    /// The personal data of the first case, in two versions that differ in every digit.
    struct People {
        var phone, otherPhone, id, otherID, policy, claim, account: String
        static let a = People(phone: "13812345678", otherPhone: "13912345678", id: "110101199003070011", otherID: "110105194912310021",
                              policy: "P4400123456", claim: "CLM2026001", account: "6222021234567890123")
        static let b = People(phone: "15098761234", otherPhone: "17055554444", id: validID("32058319871102331"), otherID: validID("44030419650722156"),
                              policy: "P4499887766", claim: "CLM2026999", account: "6228480402564890018")
    }

    /// The 17 digits with their check character.
    static func validID(_ first17: String) -> String {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return first17 + String(Array("10X98765432")[sum % 11])
    }

    private func desk(_ p: People = .a) throws -> (TestDesk, ComplaintCase, ComplaintCase) {
        let t = try TestDesk()
        var d = t.draft(summary: "理赔款未到账，客户另留电话\(p.otherPhone)", phone: p.phone)
        d.idNumber = p.id; d.policyNumber = p.policy; d.claimNumber = p.claim
        d.bankAccount = p.account; d.details = "卡号\(p.account)，身份证\(p.otherID)"
        d.product = "境外旅行意外险"; d.name = "张三丰"
        let a = try t.desk.intake(d, actor: t.op)
        let b = try t.desk.intake(t.draft(summary: "春节期间客服电话打不通 2026-02-17 20000元", phone: "021-62345678"), actor: t.op)
        return (t, a, b)
    }

    private func found(_ t: TestDesk, _ q: String) throws -> [String] {
        var f = CaseFilter(); f.search = q
        return try t.desk.list(f, actor: t.lead).map(\.number)
    }

    func testAWholeIdentifierFindsItsCaseInAnyForm() throws {
        let (t, a, b) = try desk()
        for q in ["13812345678", "+86 138 1234 5678", "0086-138-1234-5678", "138.1234.5678", "110101199003070011",
                  "P4400123456", "p44 0012 3456", "clm2026001", "6222 0212 3456 7890 123", "6222021234567890123", "张三丰"] {
            XCTAssertEqual(try found(t, q), [a.number], q)
        }
        XCTAssertEqual(try found(t, "(021) 6234 5678"), [b.number])
        XCTAssertEqual(try found(t, a.number.lowercased()), [a.number])
        XCTAssertEqual(try found(t, b.number), [b.number])
    }

    /// Every part of every identifier, and their masked forms, finds the same cases whatever the
    /// identifiers are: the search says nothing about hidden digits.
    func testNoPartOfAnIdentifierIsAnOracle() throws {
        let (ta, _, _) = try desk(.a)
        let (tb, _, _) = try desk(.b)
        var probes: [String] = []
        for p in [People.a, People.b] {
            for id in [p.phone, p.otherPhone, p.id, p.otherID, p.policy, p.claim, p.account] {
                let chars = Array(id)
                for n in 1..<chars.count { probes.append(String(chars[..<n])); probes.append(String(chars[n...])) }
                probes.append(String(chars[2..<min(9, chars.count)]))
                probes.append(Masking.mask(id))
                probes.append("电话" + String(chars.prefix(4)))
            }
        }
        probes += ["张三", "三丰", "*", "****", "卡号6222", "身份证1101"]
        for q in probes { XCTAssertEqual(try found(ta, q), try found(tb, q), q) }
        XCTAssertEqual(try found(ta, "138****5678"), [])
        XCTAssertEqual(try found(ta, "5678"), [])
    }

    func testFreeTextStillMatchesWordsDatesAmountsAndProducts() throws {
        let (t, a, b) = try desk()
        XCTAssertEqual(try found(t, "未到账"), [a.number])
        XCTAssertEqual(try found(t, "境外旅行"), [a.number], "the product")
        XCTAssertEqual(try found(t, "卡号"), [a.number])
        XCTAssertEqual(try found(t, "2026-02-17"), [b.number])
        XCTAssertEqual(try found(t, "20000元"), [b.number])
        XCTAssertEqual(Set(try found(t, "电话")), [a.number, b.number])
        XCTAssertEqual(try found(t, "0001"), [a.number], "part of a case number")
    }

    func testAWholeIdentifierSearchIsAnIndexLookup() throws {
        let (t, _, _) = try desk()
        try t.desk.store.read { db in
            for q in ["13812345678", "110101199003070011", "6222021234567890123", "021-62345678"] {
                var f = CaseFilter(); f.search = q; f.openness = .open
                let parts = FilterSQL(f)
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id FROM cases" + parts.whereSQL,
                                            arguments: CaseRecords.arguments(parts.values)).map { $0["detail"] as String }.joined(separator: " | ")
                XCTAssertFalse(plan.contains("SCAN cases"), "\(q): \(plan)")
            }
        }
    }
}
