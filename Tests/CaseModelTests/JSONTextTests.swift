import Foundation
import XCTest
@testable import CaseModel

final class JSONTextTests: XCTestCase {
    func testOutputIsValidJSONWithSortedKeys() throws {
        let value: [String: Any] = ["b": 1, "a": "引号\"\n\u{1B}", "c": [true, NSNull(), 2.5, Int64(7)], "d": ["z": 0, "y": []], "e": 3.0]
        let text = JSONText.write(value, pretty: false)
        XCTAssertEqual(text, #"{"a":"引号\"\n\u001b","b":1,"c":[true,null,2.5,7],"d":{"y":[],"z":0},"e":3}"#)
        let back = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        XCTAssertEqual(back?["a"] as? String, "引号\"\n\u{1B}")
        let pretty = JSONText.write(value, pretty: true)
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(pretty.utf8)))
        XCTAssertTrue(pretty.contains("\n  \"a\": "))
    }

    func testACaseRoundTripsThroughItsJSON() throws {
        let c = ComplaintCase(number: "TS-1", receivedAt: Instant(seconds: 1_771_000_000), receivingOperator: "op", summary: "理赔")
        let text = CaseJSON.text(CaseJSON.object(c, reveal: true))
        let draft = try JSONDecoder().decode(CaseDraft.self, from: Data(text.utf8))
        XCTAssertEqual(draft.summary, "理赔")
        XCTAssertEqual(DeskTime.standard.parse(draft.receivedAt!), c.receivedAt)
    }
}
