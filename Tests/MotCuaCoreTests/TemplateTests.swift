import Foundation
import Testing
@testable import MotCuaCore

@Suite("Form template engine")
struct TemplateTests {
    static func scope(_ pairs: [(String, String)]) -> TemplateScope {
        var s = TemplateScope()
        for (k, v) in pairs { s.set(k, v) }
        return s
    }

    static func text(_ segments: [TemplateSegment]) -> String {
        segments.map { segment -> String in
            switch segment {
            case .literal(let s): return s
            case .value(let s): return s
            }
        }.joined()
    }

    static var rows: TemplateValue {
        .list([scope([("n", "1")]), scope([("n", "2")])], fields: ["n"])
    }

    @Test func substitutesAndKeepsValuesApart() throws {
        var s = Self.scope([("applicant.name", "Hoà | # x"), ("street", "đường Lê Lợi")])
        s["rows"] = Self.rows
        let out = try Template("Tên: {{applicant.name}}; {{ street|upper }}").render(s)
        #expect(out == [.literal("Tên: "), .value("Hoà | # x"), .literal("; "), .value("ĐƯỜNG LÊ LỢI")])
    }

    @Test func standaloneSectionLinesLeaveNoBlankLines() throws {
        var s = TemplateScope()
        s["rows"] = Self.rows
        s["none"] = .list([], fields: ["n"])
        let template = try Template("a\n{{#rows}}\n- {{n}}\n{{/rows}}\n{{^none}}\n  (trống)\n{{/none}}\nb\n")
        #expect(Self.text(try template.render(s)) == "a\n- 1\n- 2\n  (trống)\nb\n")
        let inline = try Template("x {{#rows}}[{{n}}]{{/rows}} y")
        #expect(Self.text(try inline.render(s)) == "x [1][2] y")
    }

    @Test func recordsAndTextAsConditions() throws {
        var present = Self.scope([("outer", "O"), ("place", "Huế"), ("empty", "")])
        present["proxy"] = .record(Self.scope([("name", "Bình")]), fields: ["name"])
        let template = try Template("{{#proxy}}{{name}}/{{outer}}{{/proxy}}{{^proxy}}không{{/proxy}}|{{#place}}{{place}}, {{/place}}{{#empty}}X{{/empty}}{{^empty}}rỗng{{/empty}}")
        #expect(Self.text(try template.render(present)) == "Bình/O|Huế, rỗng")
        var absent = present
        absent["proxy"] = .record(nil, fields: ["name"])
        #expect(Self.text(try template.render(absent)) == "không|Huế, rỗng")
    }

    @Test func unknownPlaceholdersAreErrorsListedByName() throws {
        var s = Self.scope([("a", "1")])
        s["rows"] = .list([], fields: ["n"])
        s["proxy"] = .record(nil, fields: ["name"])
        let template = try Template("{{a}} {{b.c}} {{#rows}}{{n}}{{zzz}}{{/rows}}{{#proxy}}{{nam}}{{/proxy}}{{#missing}}{{/missing}}")
        #expect(throws: TemplateError.unknownPlaceholders(["b.c", "missing", "nam", "zzz"])) { try template.render(s) }
        #expect(throws: TemplateError.notText(["rows"])) { try Template("{{rows}}").render(s) }
        #expect(TemplateError.unknownPlaceholders(["b.c", "zzz"]).description == "Mẫu in dùng tên không có dữ liệu: b.c, zzz")
    }

    @Test(arguments: ["{{#a}}x", "{{/a}}", "{{#a}}{{/b}}", "{{a", "{{a|lower}}", "{{a b}}", "{{}}", "{{a|upper|upper}}"])
    func syntaxErrors(source: String) {
        #expect(throws: TemplateError.self) { try Template(source) }
        do { _ = try Template(source) } catch { if case .syntax = error {} else { Issue.record("\(error)") } }
    }

    @Test func layoutReadsDirectivesOnlyFromTheTemplate() throws {
        var s = Self.scope([("name", "| giả | cột"), ("title", "# không phải tiêu đề")])
        s["rows"] = Self.rows
        let segments = try Template("# TIÊU ĐỀ\n{{title}}\n| A | B\n{{#rows}}\n| {{n}} | {{name}}\n{{/rows}}\n= *TRÁI | phải\n\n\\# thường<br>dòng 2").render(s)
        let blocks = FormLayout.blocks(segments)
        #expect(blocks == [
            .title("TIÊU ĐỀ"),
            .paragraph("# không phải tiêu đề"),
            .table(header: [FormCell(text: "A"), FormCell(text: "B")],
                   rows: [[FormCell(text: "1"), FormCell(text: "| giả | cột")], [FormCell(text: "2"), FormCell(text: "| giả | cột")]]),
            .columns([[FormCell(text: "TRÁI", bold: true), FormCell(text: "phải")]]),
            .blank,
            .paragraph("# thường\ndòng 2"),
        ])
    }

    @Test func textLayoutHelpers() {
        #expect(TextLayout.truncate("Nguyễn Thị Ánh Dương", to: 10) == "Nguyễn Th…")
        #expect(TextLayout.truncate("Ánh", to: 10) == "Ánh")
        #expect(TextLayout.fit("Ánh", 5, right: true) == "  Ánh")
        #expect(TextLayout.wrap("một hai ba bốn", width: 7) == ["một hai", "ba bốn"])
        #expect(TextLayout.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextLayout.wrap("a\nb", width: 4) == ["a", "b"])
        #expect(TextLayout.center("ab", 6) == "  ab  ")
        #expect(TextLayout.percent(0.8533) == "85,3%" && TextLayout.percent(1) == "100,0%" && TextLayout.percent(0) == "0,0%")
    }
}
