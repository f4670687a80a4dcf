import Foundation
import Testing
@testable import MotCuaTUI
import TerminalUI

/// Checks what the clerk sees, in the spirit of ratatui's `assert_buffer_lines`: renders `state`
/// through `render` (the in-memory screen buffer) and compares screen rows `rows` with `lines`,
/// literally. Trailing blanks are ignored; `columns` cuts a box out of the screen. On a difference
/// the message shows every compared row, the differing ones with what was expected.
///
/// `roles` optionally compares the same cells' role letters (`StyleRole.maskLetter`: `s` selected,
/// `I` focused input, `e` error…), untrimmed, for what only colour shows (the selection).
func expectScreen(_ state: AppState, _ env: AppEnvironment = Fixture.env, lines expected: [String], rows: Range<Int>,
                  columns: Range<Int>? = nil, roles: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    let buffer = render(state, env)
    let actual = screenLines(buffer, rows: rows, columns: columns)
    guard actual.count == expected.count else {
        Issue.record("rows \(rows) are \(actual.count) rows, but \(expected.count) lines were expected", sourceLocation: sourceLocation)
        return
    }
    if let roles {
        let columns = columns ?? 0..<buffer.size.width
        let mask = rows.map { y in String(buffer.roleMask[y].dropFirst(columns.lowerBound).prefix(columns.count)) }
        if mask != roles {
            let report = zip(rows, zip(roles, mask)).map { row, pair in
                pair.0 == pair.1 ? "       \(row) │\(pair.1)" : "     ✗ \(row) │\(pair.1)\n   wanted │\(pair.0)"
            }.joined(separator: "\n")
            Issue.record("the roles differ:\n\(report)", sourceLocation: sourceLocation)
        }
    }
    let trimmed = expected.map(trimTrailingBlanks)
    guard actual != trimmed else { return }
    let report = zip(rows, zip(trimmed, actual)).map { row, pair in
        let number = row < 10 ? " \(row)" : "\(row)"
        return pair.0 == pair.1 ? "     \(number) │\(pair.1)" : "   ✗ \(number) │\(pair.1)\n wanted │\(pair.0)"
    }.joined(separator: "\n")
    Issue.record("the screen differs (rows \(rows.lowerBound)..<\(rows.upperBound)\(columns.map { ", columns \($0.lowerBound)..<\($0.upperBound)" } ?? "")):\n\(report)",
                 sourceLocation: sourceLocation)
}

/// Rows of a rendered screen as text, cut to `columns` (cells), trailing blanks removed.
func screenLines(_ buffer: ScreenBuffer, rows: Range<Int>, columns: Range<Int>? = nil) -> [String] {
    let columns = columns ?? 0..<buffer.size.width
    return rows.filter { $0 >= 0 && $0 < buffer.size.height }.map { y in
        var line = ""
        for x in columns where x >= 0 && x < buffer.size.width && !buffer[x, y].isContinuation { line.append(buffer[x, y].character) }
        return trimTrailingBlanks(line)
    }
}

private func trimTrailingBlanks(_ text: String) -> String {
    var text = text
    while text.last == " " { text.removeLast() }
    return text
}

/// The mode's value, for `try #require(state.mode.intake)`: a wrong mode fails the test.
extension Mode {
    var intake: IntakeForm? { if case .intake(let form) = self { form } else { nil } }
    var actionMenu: ActionMenu? { if case .actionMenu(let menu) = self { menu } else { nil } }
    var dialog: ActionDialog? { if case .action(let dialog) = self { dialog } else { nil } }
    var printMenu: PrintMenu? { if case .printMenu(let menu) = self { menu } else { nil } }
    var receipt: ReceiptView? { if case .receipt(let view) = self { view } else { nil } }
    var supervisor: SupervisorView? { if case .supervisor(let view) = self { view } else { nil } }
    var report: ReportView? { if case .report(let view) = self { view } else { nil } }
    var draft: IntakeDraft? { if case .draftOffer(let draft) = self { draft } else { nil } }
}
