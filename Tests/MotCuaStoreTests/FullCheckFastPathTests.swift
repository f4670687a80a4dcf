import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// Issue 12: the full check's fast path (chain and digests over raw bytes on a second core, lines
/// read by JournalLineScanner) must find what the line-by-line check finds, or step aside for it.
@Suite("Full check: the two-core path and the line scanner")
struct FullCheckFastPathTests {
    /// The two ways on one store at one cut: the fast one either declines (nil) or says the same.
    func compareBothWays(_ path: String, _ label: String) throws -> CheckReport? {
        guard let store = try? Store.open(at: path) else { return nil }
        store.loadHistory()
        let fast = try store.verifyOnTwoCores(upTo: store.cursor)
        let slow = try store.verifyLineByLine(upTo: store.cursor)
        if let fast {
            #expect(fast.problems == slow.problems && fast.lines == slow.lines && fast.dossiers == slow.dossiers
                    && fast.lastSeq == slow.lastSeq, "\(label): fast \(fast.problems) ≠ line by line \(slow.problems)")
        }
        return fast
    }

    @Test func aCleanStoreTakesTheFastPathAndReportsTheSame() throws {
        let (dir, path) = try CorruptionTests.makeStore()
        defer { dir.cleanup() }
        let fast = try #require(try compareBothWays(path, "clean"))
        #expect(fast.ok && fast.lines > 30, "\(fast.problems)")
    }

    @Test func everyJournalDamageIsDeclinedOrReportedTheSame() throws {
        let (dir, original) = try CorruptionTests.makeStore()
        defer { dir.cleanup() }
        var declined = 0
        for (n, c) in try CorruptionTests.cases(store: original).enumerated() where c.file.hasPrefix("journal/") {
            let copy = dir.path + "/case\(n)"
            try FileManager.default.copyItem(atPath: original, toPath: copy)
            try c.damage(copy)
            if try compareBothWays(copy, c.label) == nil { declined += 1 }
            try? FileManager.default.removeItem(atPath: copy)
        }
        #expect(declined >= 60, "the damaged stores go to the line-by-line check")
    }

    /// A changed letter inside a name: the JSON still decodes, only the hash says it was edited.
    @Test func anEditThatStillDecodesIsFoundInTheActiveAndInASealedMonth() throws {
        for (month, name) in [("2026-11", "Người tháng mười một 4"), ("2026-10", "Người tháng mười 3")] {
            let (dir, path) = try CorruptionTests.makeStore()
            defer { dir.cleanup() }
            let file = path + "/journal/\(month).jsonl"
            var text = try String(contentsOfFile: file, encoding: .utf8)
            let range = try #require(text.range(of: name + "\""))
            text.replaceSubrange(range, with: name.dropLast() + "8\"")
            try text.write(toFile: file, atomically: false, encoding: .utf8)
            #expect(try compareBothWays(path, month) == nil, "\(month): the fast path missed an edit")
            let report = try Store.open(at: path).verify()
            #expect(report.problems.contains { $0.contains("\(month).jsonl") && $0.contains("mã băm") }, "\(report.problems)")
            if month == "2026-10" { #expect(report.problems.contains { $0.contains("SEALED") }, "\(report.problems)") }
        }
    }

    @Test func aSealedMonthChangedAfterItsLastLineIsFoundByTheDigest() throws {
        let (dir, path) = try CorruptionTests.makeStore()
        defer { dir.cleanup() }
        // A partial line after October's last: no line's chain changes, only the file's digest.
        try CorruptionTests.append(path + "/journal/2026-10.jsonl", Array("{\"seq\":".utf8))
        let fast = try #require(try compareBothWays(path, "grown sealed month"))
        #expect(fast.problems.contains { $0.contains("2026-10.jsonl") && $0.contains("SEALED") }, "\(fast.problems)")
    }

    /// The month intact, its SHA-256 in SEALED changed: only the chain pass's digest can see it.
    @Test func aDigestInSEALEDThatNoLongerMatchesIsFoundOnTheFastPath() throws {
        let (dir, path) = try CorruptionTests.makeStore()
        defer { dir.cleanup() }
        let sealed = path + "/journal/SEALED"
        var text = try String(contentsOfFile: sealed, encoding: .utf8)
        let digest = try #require(text.range(of: #""sha256":""#)).upperBound
        text.replaceSubrange(digest...digest, with: text[digest] == "0" ? "1" : "0")
        try text.write(toFile: sealed, atomically: false, encoding: .utf8)
        let fast = try #require(try compareBothWays(path, "SEALED digest"))
        #expect(fast.problems.count == 1 && fast.problems[0].hasSuffix(".jsonl: nội dung khác với bản ghi trong SEALED (tệp đã đóng bị sửa)"),
                "\(fast.problems)")
    }

    @Test func anIndexThatDiffersFromTheReplayIsReportedOnTheFastPath() throws {
        let (dir, path) = try CorruptionTests.makeStore()
        defer { dir.cleanup() }
        let store = try Store.open(at: path)
        store.loadHistory()
        // A note the loaded index holds and the journal does not, on the first row and the last
        // (the comparison is split in two halves, one a core).
        let rows = [0, store.index.count - 1]
        #expect(rows[1] > 1)
        let codes = rows.map { row in
            let note = store.applyNoteOutsideTheJournal(row: row, at: "2026-11-30T09:00")
            #expect(note.applied)
            return note.code
        }
        let fast = try #require(try store.verifyOnTwoCores(upTo: store.cursor))
        #expect(fast.problems == codes.map { "hồ sơ \($0): chỉ mục khác với kết quả phát lại nhật ký" }, "\(fast.problems)")
    }

    // MARK: - The scanner

    func journalLines(_ path: String) throws -> [[UInt8]] {
        try ["2026-10", "2026-11"].flatMap { month in
            try [UInt8](Data(contentsOf: URL(fileURLWithPath: path + "/journal/\(month).jsonl"))).split(separator: 10).map(Array.init)
        }
    }

    func byJSONDecoder(_ line: [UInt8]) -> JournalCodec.RawLine? {
        try? JSONDecoder().decode(JournalCodec.RawLine.self, from: Data(line))
    }

    @Test func theScannerReadsEveryWrittenLineAsJSONDecoderDoes() throws {
        let (dir, path) = try CorruptionTests.makeStore()
        defer { dir.cleanup() }
        let lines = try journalLines(path)
        for line in lines {
            let scanned = JournalLineScanner.rawLine(line[...], decoder: JSONDecoder())
            #expect(scanned != nil, "not scanned: \(String(decoding: line, as: UTF8.self))")
            #expect(scanned == byJSONDecoder(line))
        }
    }

    /// Any byte changed anywhere: whatever the scanner accepts, JSONDecoder reads the same.
    @Test func whatTheScannerAcceptsAfterARandomEditJSONDecoderReadsTheSame() throws {
        let (dir, path) = try CorruptionTests.makeStore()
        defer { dir.cleanup() }
        let lines = try journalLines(path)
        var rng = SeededGenerator(seed: 12)
        var accepted = 0
        for _ in 0..<3_000 {
            var line = lines[Int.random(in: 0..<lines.count, using: &rng)]
            let at = Int.random(in: 0..<line.count, using: &rng)
            line[at] = [UInt8(ascii: " "), UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "0"), UInt8(ascii: "e"), UInt8(ascii: ","),
                        UInt8(ascii: "}"), UInt8(ascii: "]"), 0xC3, UInt8.random(in: 0...255, using: &rng)][Int.random(in: 0..<10, using: &rng)]
            guard let scanned = JournalLineScanner.rawLine(line[...], decoder: JSONDecoder()) else { continue }
            accepted += 1
            #expect(scanned == byJSONDecoder(line), "\(String(decoding: line, as: UTF8.self))")
        }
        #expect(accepted > 100)
    }

    @Test func theScannersUTF8CheckAcceptsWhatStringValidatingAccepts() {
        var rng = SeededGenerator(seed: 8)
        let pieces: [[UInt8]] = [[0x41], [0xC3, 0xA1], [0xE1, 0xBB, 0x87], [0xF0, 0x9F, 0x98, 0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80],
                                 [0xE0, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0x80], [0xC3], [0xE1, 0xBB], [0xFF], [0xEF, 0xBF, 0xBD]]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...5, using: &rng) {
                bytes += Bool.random(using: &rng) ? pieces[Int.random(in: 0..<pieces.count, using: &rng)] : [UInt8.random(in: 0...255, using: &rng)]
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer(JournalLineScanner.isUTF8) == expected, "\(bytes)")
        }
    }

    @Test func linesOfAnotherShapeAreLeftToJSONDecoder() throws {
        let line = #"{"seq":7,"at":"2026-11-02T09:00:00+07:00","by":"hoa","d":"6f0c8c33-0a6e-4f7c-9d3e-2b1f7c1d2e3f","code":"X-261102-0001","base":1,"sv":1,"ev":{"k":"note","text":"ghi chú"},"h":"abc"}"#
        #expect(JournalLineScanner.rawLine(Array(line.utf8)[...], decoder: JSONDecoder()) != nil)
        for variant in [
            line.replacingOccurrences(of: "ghi chú", with: #"ghi \"chú\""#),       // an escape
            line.replacingOccurrences(of: #""by":"hoa""#, with: #""by": "hoa""#),  // a space
            line.replacingOccurrences(of: #""sv":1"#, with: #""sv":1,"extra":2"#), // an unknown key
            line.replacingOccurrences(of: #""sv":1"#, with: #""sv":1,"sv":2"#),    // a key twice
            line.replacingOccurrences(of: #""base":1"#, with: #""base":1.0"#),     // a fraction
            line.replacingOccurrences(of: #""base":1"#, with: #""base":01"#),      // a leading zero
            line.replacingOccurrences(of: #""text":"ghi chú""#, with: #""text":null"#),
            line + " ",
        ] {
            let bytes = Array(variant.utf8)
            #expect(JournalLineScanner.rawLine(bytes[...], decoder: JSONDecoder()) == nil, "\(variant)")
        }
        // Left to JSONDecoder, an escaped line still decodes, to the unescaped text.
        let escaped = Array(line.replacingOccurrences(of: "ghi chú", with: #"ghi \"chú\""#).utf8)
        let decoded = try JournalCodec.decode(escaped[...], previousHash: nil, checkingChain: false)
        #expect(decoded.record.recordedEvent?.event.text == #"ghi "chú""#)
    }
}
