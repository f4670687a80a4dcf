import Foundation
import MotCuaCore
import MotCuaStore

/// How the supervisors' overdue list and period report reach stdout in each `--format`.
enum Output {
    /// The report as `format` asks, saying which office it covers when it covers one only;
    /// CSV goes out as bytes, with `note` (what it holds about people) on stderr.
    static func report(_ format: OutputFormat, scope: ReportScope, text: @autoclosure () -> String,
                       json: @autoclosure () -> JSONText, csv: @autoclosure () -> CSVDocument, note: String) {
        switch format {
        case .table: print(scoped(text(), scope), terminator: "")
        case .json: Console.json(scoped(json(), scope))
        case .csv: write(csv(), note: note)
        }
    }

    /// CSV documents start with a BOM and use CRLF: written as bytes, never re-encoded.
    private static func write(_ document: CSVDocument, note: String) {
        FileHandle.standardOutput.write(Data(document.bytes))
        Console.error(note)
    }

    /// A report restricted to one office says so: first line of the text, `office` in JSON.
    private static func scoped(_ text: String, _ scope: ReportScope) -> String {
        scope.vietnamese.map { "\($0)\n" + text } ?? text
    }

    private static func scoped(_ json: JSONText, _ scope: ReportScope) -> JSONText {
        guard let office = scope.officeKey, case .object(let pairs) = json else { return json }
        return .object(pairs + [("office", .string(office))])
    }
}
