import TerminalKit
import XCTest

/// The form widget against the buffer: keys move, choose and type; required fields are checked;
/// a field is drawn in display cells with the end being typed in view.
final class FormWidgetTests: XCTestCase {
    func testFormWidgetMovesChoosesTypesAndChecksRequired() {
        var f = Form(purpose: "propose", title: "t", fields: [
            FormField("a", "A", required: true),
            FormField("b", "B", .choice([FormChoice("x", "X"), FormChoice("y", "Y"), FormChoice("z", "Z")]), value: "x"),
            FormField("c", "C", .flag),
            FormField("n", "N", .number),
        ])
        XCTAssertEqual(f.handle(.char("理")), .changed("a"))
        XCTAssertEqual(f.handle(.char("赔")), .changed("a"))
        XCTAssertEqual(f.value("a"), "理赔")
        XCTAssertEqual(f.handle(.backspace), .changed("a"))
        XCTAssertEqual(f.value("a"), "理")
        XCTAssertEqual(f.handle(.tab), .left("a"))
        XCTAssertEqual(f.handle(.right), .changed("b"))
        XCTAssertEqual(f.value("b"), "y")
        _ = f.handle(.left); _ = f.handle(.left)
        XCTAssertEqual(f.value("b"), "z", "left wraps round")
        _ = f.handle(.tab)
        _ = f.handle(.char(" "))
        XCTAssertEqual(f.value("c"), "1")
        _ = f.handle(.tab)
        XCTAssertEqual(f.handle(.char("a")), .none, "a number field takes digits only")
        _ = f.handle(.char("7"))
        XCTAssertEqual(f.value("n"), "7")
        _ = f.handle(.backTab); _ = f.handle(.backTab); _ = f.handle(.backTab)
        XCTAssertEqual(f.focus, 0)
        _ = f.handle(.ctrl("u"))
        XCTAssertFalse(f.checkRequired(requiredMessage: "required"))
        XCTAssertEqual(f.fields[0].error, "required")
        XCTAssertEqual(f.handle(.escape), .cancel)
        XCTAssertEqual(f.handle(.enter), .submit)
    }

    func testFormFieldIsDrawnWithCJKWidthAndTheTypedEndInView() {
        var b = CellBuffer(width: 40, height: 1)
        let field = FormField("summary", "摘要", value: "理赔款两周未到账客户多次来电要求说明")
        FormView.drawField(&b, field, focused: true, x: 0, y: 0, labelWidth: 6, valueWidth: 14, noteWidth: 20)
        let line = TextBackend.lines(b)[0]
        XCTAssertTrue(line.contains("…"), line)
        XCTAssertTrue(line.contains("要求说明"), "the end being typed stays visible: \(line)")
        XCTAssertLessThanOrEqual(DisplayWidth.of(line), 40)
    }
}
