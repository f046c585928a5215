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
        XCTAssertEqual(f.handle(.ctrl("c")), .cancel, "C-c cancels the form (the app asks), never quits")
        XCTAssertEqual(f.handle(.enter), .left("a"), "Enter on a one-line field moves on; it never saves")
        XCTAssertEqual(f.handle(.ctrl("s")), .submit)
        XCTAssertEqual(f.handle(.function(2)), .submit)
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

/// Multi-line fields, pastes and line editing in the form widget (docs/console-input.md).
final class FormInputTests: XCTestCase {
    func form() -> Form<String> {
        Form(purpose: "intake", title: "t", fields: [
            FormField("summary", "摘要", maxLength: 30, multiline: true),
            FormField("phone", "电话", maxLength: 20),
            FormField("kind", "件类", .choice([FormChoice("a", "A"), FormChoice("b", "B")]), value: "a"),
            FormField("people", "人数", .number, maxLength: 4),
        ])
    }

    func testEnterBreaksTheLineInAMultiLineFieldAndMovesOnInAOneLineField() {
        var f = form()
        for c in "第一行" { _ = f.handle(.char(c)) }
        XCTAssertEqual(f.handle(.enter), .changed("summary"))
        for c in "W 撤诉" { _ = f.handle(.char(c)) }
        XCTAssertEqual(f.value("summary"), "第一行\nW 撤诉")
        XCTAssertEqual(f.focus, 0)
        _ = f.handle(.tab)
        XCTAssertEqual(f.handle(.enter), .left("phone"))
        XCTAssertEqual(f.focus, 2)
    }

    func testAPasteIsTextWithLinesKeptOnlyWhereTheFieldTakesLines() {
        var f = form()
        XCTAssertEqual(f.paste("你好\r\nW\ny\u{1B}[A\u{7}"), .changed("summary"))
        XCTAssertEqual(f.value("summary"), "你好\nW\ny[A", "line breaks kept, control characters dropped")
        _ = f.handle(.tab)
        XCTAssertEqual(f.paste("138 1234\n5678"), .changed("phone"))
        XCTAssertEqual(f.value("phone"), "138 1234 5678", "a one-line field joins the lines")
        _ = f.handle(.tab)
        XCTAssertEqual(f.paste("x"), .pasteRefused(.notText))
        XCTAssertEqual(f.value("kind"), "a")
        _ = f.handle(.tab)
        XCTAssertEqual(f.paste("12a"), .pasteRefused(.notANumber(field: "people")))
        XCTAssertEqual(f.paste("12"), .changed("people"))
    }

    func testAPasteThatDoesNotFitIsRefusedWholeNeverCut() {
        var f = form()
        _ = f.paste("一二三")
        let long = String(repeating: "长", count: 28)
        XCTAssertEqual(f.paste(long), .pasteRefused(.tooLong(field: "summary", count: 31, limit: 30)))
        XCTAssertEqual(f.value("summary"), "一二三", "nothing of it went in")
    }

    func testLineEditingKeysWorkOnWideCharacters() {
        var e = EditableText("理赔 款未到账")
        XCTAssertEqual(e.apply(.ctrl("w")), .edited)
        XCTAssertEqual(e.text, "理赔 ")
        _ = e.apply(.left); _ = e.apply(.left)
        XCTAssertEqual(e.apply(.backspace), .edited)
        XCTAssertEqual(e.text, "赔 ", "one Backspace removes one whole wide character")
        _ = e.apply(.ctrl("e"))
        e.insert("到账")
        _ = e.apply(.ctrl("a"))
        XCTAssertEqual(e.apply(.delete), .edited)
        XCTAssertEqual(e.text, " 到账")
        _ = e.apply(.end)
        XCTAssertEqual(e.apply(.ctrl("u")), .edited)
        XCTAssertEqual(e.text, "")
        var lines = EditableText("一\n二三", cursor: 3)
        _ = lines.apply(.ctrl("u"))
        XCTAssertEqual(lines.text, "一\n三", "C-u kills to the start of the line, not of the text")
        _ = lines.apply(.ctrl("k"))
        XCTAssertEqual(lines.text, "一\n")
    }

    func testAMultiLineFieldShowsItsRowsAroundTheCursorAndItsCount() {
        var b = CellBuffer(width: 40, height: 4)
        var field = FormField("summary", "摘要", value: "一二三四五六七八九十\n第二行\n第三行\n第四行", maxLength: 1000, multiline: true, rows: 3)
        field.cursor = field.value.count
        let cursor = FormView.drawField(&b, field, focused: true, x: 0, y: 0, labelWidth: 10, valueWidth: 14, noteWidth: 16)
        let lines = TextBackend.lines(b)
        XCTAssertTrue(lines[2].contains("第四行"), "\(lines)")
        XCTAssertTrue(lines[1].contains("22/1000"), "\(lines)")
        XCTAssertEqual(cursor?.y, 2)
        XCTAssertEqual(cursor?.x, 10 + 1 + 6)
    }
}
