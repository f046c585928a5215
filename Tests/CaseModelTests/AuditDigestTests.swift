import Foundation
import XCTest
@testable import CaseModel

/// The keyed primitives of the audit trail against their published test vectors, and the record
/// encoding's round trip.
final class AuditDigestTests: XCTestCase {
    func hex(_ b: [UInt8]) -> String { AuditChain.hex(b) }

    func testHMACSHA256MatchesRFC4231() {
        XCTAssertEqual(hex(AuditMAC(key: [UInt8](repeating: 0x0b, count: 20)).mac(Array("Hi There".utf8))),
                       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        XCTAssertEqual(hex(AuditMAC(key: Array("Jefe".utf8)).mac(Array("what do ya want for nothing?".utf8))),
                       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        XCTAssertEqual(hex(AuditMAC(key: [UInt8](repeating: 0xaa, count: 131)).mac(Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))),
                       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    func testSipHash128MatchesTheReferenceVectors() {
        let sip = SipHash128(key: Array(0..<16))
        XCTAssertEqual(hex(sip.hash([])), "a3817f04ba25a8e66df67214c7550293")
        XCTAssertEqual(hex(sip.hash([0])), "da87c1d86b99af44347659119b22fc45")
        XCTAssertEqual(hex(sip.hash([0, 1])), "8177228da4a45dc7fca38bdef60affe4")
        XCTAssertEqual(hex(sip.hash(Array(0..<15))), "5493e99933b0a8117e08ec0f97cfc3d9")
    }

    func testRecordedValuesRoundTrip() {
        let values: [AuditValue] = [.null, .int(0), .int(-42), .int(Int64.min), .int(Int64.max), .real(0.5), .real(-1.25e-7),
                                    .text(Array("张三 \"引号\" \\ \n\t\u{0}\u{1B}[31m".utf8)), .text([]), .blob([0, 255]), .digest("0123456789abcdef")]
        var json: [UInt8] = [0x5b]
        for (i, v) in values.enumerated() { if i > 0 { json.append(0x2c) }; v.json(into: &json) }
        json.append(0x5d)
        guard case .positional(let back)? = RowValues.parse(json[...]) else { return XCTFail(String(decoding: json, as: UTF8.self)) }
        XCTAssertEqual(back, values)
        XCTAssertEqual(AuditValue.number(3.0), .int(3), "a whole-number REAL is the INTEGER")
        XCTAssertEqual(AuditValue.text(Array("a\u{1B}]0;x\u{07}".utf8)).display, "a\\u{1b}]0;x\\u{7}", "control characters never reach a terminal")
    }
}
