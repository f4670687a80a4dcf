import Foundation
import Testing
@testable import MotCuaTUI

/// README.md's key section is the key tables' own text: a table changed without the README fails here.
@Suite("README: the key section is generated from the key tables")
struct ReadmeKeysTests {
    static let begin = "<!-- keys:begin -->"
    static let end = "<!-- keys:end -->"
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    @Test func theReadmeKeySectionIsTheGeneratedOne() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin), "README.md has no \(Self.begin) marker")
        let stop = try #require(text.range(of: Self.end, range: start.upperBound..<text.endIndex), "README.md has no \(Self.end) marker")
        let current = String(text[start.upperBound..<stop.lowerBound])
        let generated = "\n" + KeyMap.markdownReference() + "\n"
        guard current != generated else { return }
        if ProcessInfo.processInfo.environment["MOTCUA_UPDATE_README"] == "1" {
            try text.replacingCharacters(in: start.upperBound..<stop.lowerBound, with: generated)
                .write(to: Self.readme, atomically: true, encoding: .utf8)
            return
        }
        let old = current.split(separator: "\n", omittingEmptySubsequences: false)
        let new = generated.split(separator: "\n", omittingEmptySubsequences: false)
        let first = (0..<min(old.count, new.count)).first { old[$0] != new[$0] } ?? min(old.count, new.count)
        let show = { (lines: [Substring]) in lines.indices.contains(first) ? String(lines[first]) : "(nothing)" }
        Issue.record("""
            README.md's key section differs from KeyMap.markdownReference() (first at line \(first + 1) of the section):
              README:    \(show(old))
              generated: \(show(new))
            Regenerate it with: MOTCUA_UPDATE_README=1 swift test --filter ReadmeKeysTests
            """)
    }
}
