import Testing
@testable import MotCuaCore

/// `motcua list --json` writes its document an item at a time (issue 12, third step): the pieces
/// must join to exactly what rendering the whole value gives, compact and pretty.
@Suite("JSON written in pieces")
struct JSONStreamTests {
    func streamed(_ head: [(String, JSONText)], _ items: [JSONText], pretty: Bool) -> String {
        var out = ""
        JSONText.writeObject(head, endingWithArray: "dossiers", pretty: pretty, items: { item in items.forEach(item) }) { out += $0 }
        return out
    }

    @Test(arguments: [0, 1, 3])
    func piecesJoinToTheWholeDocument(_ count: Int) {
        let head: [(String, JSONText)] = [("schema", .int(1)), ("now", .string("2026-11-27T10:00:00+07:00")), ("count", .int(Int64(count)))]
        let items: [JSONText] = (0..<count).map { n in
            .object([("code", .string("000.00.xx.H57-230703-000\(n)")), ("name", .string("Nguyễn \"Thị\"\n\u{0}Hoa")),
                     ("tags", .array(n == 1 ? [] : [.int(Int64(n)), .null])), ("holder", .object([("department", .string("VP"))]))])
        }
        let whole = JSONText.object(head + [("dossiers", .array(items))])
        #expect(streamed(head, items, pretty: false) == whole.compact)
        #expect(streamed(head, items, pretty: true) == whole.pretty)
    }
}
