import Foundation
import MotCuaCore
import MotCuaStore

enum Output {
    /// CSV documents start with a BOM and use CRLF: written as bytes, never re-encoded.
    static func csv(_ document: CSVDocument, note: String) {
        FileHandle.standardOutput.write(Data(document.bytes))
        Console.error(note)
    }

    /// A report restricted to one office says so: first line of the text, `office` in JSON.
    static func scoped(_ text: String, _ scope: ReportScope) -> String {
        scope.vietnamese.map { "\($0)\n" + text } ?? text
    }

    static func scoped(_ json: JSONText, _ scope: ReportScope) -> JSONText {
        guard let office = scope.officeKey, case .object(let pairs) = json else { return json }
        return .object(pairs + [("office", .string(office))])
    }
}
