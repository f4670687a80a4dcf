import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// Issue 18, integrity defect 10: what the clerk reads is Vietnamese and never raw terminal
/// control; leftovers of interrupted snapshots do not stay.
@Suite("Clerk-facing text", .serialized)
struct ClerkFacingTextTests {
    @Test func systemErrorsAreInVietnameseWithTheFile() {
        for (code, words) in [(ENOSPC, "hết dung lượng"), (EACCES, "không có quyền"), (EIO, "lỗi thiết bị")] {
            let text = StoreError.diskFull(SystemError("open", "/srv/motcua/journal/2026-12.jsonl", code)).description
            #expect(text.contains(words) && text.contains("/srv/motcua/journal/2026-12.jsonl"), "\(text)")
            #expect(!text.contains(String(cString: strerror(code))), "\(text)")
        }
    }

    @Test func controlCharactersInStoredTextAreNeverPrintedRaw() throws {
        let store = try SharedStore()
        defer { store.directory.cleanup() }
        // A catalogue edited by hand: a procedure code and name carrying ESC and BEL.
        let path = store.path + "/catalogue.json"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"1.004873\"", with: "\"1.004873\\u001b[2J\\u0007\"")
        text = text.replacingOccurrences(of: "\"Cấp Giấy xác nhận tình trạng hôn nhân\"", with: "\"Cấp\\u001b]0;pwned\\u0007 Giấy\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let code = "1.004873\u{1B}[2J\u{07}"
        let received = try motcua(["receive", "--data", store.path, "--procedure", code, "--name", "Nguyễn Văn Ánh",
                                   "--id", "046090001234", "--phone", "0912345678", "--json"], environment: store.env)
        #expect(received.status == 0, "\(received.stderr)")
        let dossier = (try JSONSerialization.jsonObject(with: Data(received.stdout.utf8)) as? [String: Any])?["code"] as? String ?? "?"
        for args in [["catalogue", "list"], ["catalogue", "show", code], ["show", dossier], ["list"]] {
            let result = try motcua(args + ["--data", store.path], environment: store.env)
            #expect(result.status == 0, "\(args): \(result.stderr)")
            for raw in ["\u{1B}", "\u{07}"] {
                #expect(!result.stdout.contains(raw) && !result.stderr.contains(raw), "\(args) printed \(raw.unicodeScalars.first!.value) raw")
            }
            if args != ["list"] { #expect(result.stdout.contains("␛"), "\(args): \(result.stdout)") }
        }
    }

    @Test func anInterruptedSnapshotsTemporaryFilesAreRemoved() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let leftover = t.path + "/index/.HEAD.a.4242.17.tmp", rows = t.path + "/index/.2026.3.rows.4242.18.tmp"
        for file in [leftover, rows] { #expect(FileManager.default.createFile(atPath: file, contents: Data("half".utf8))) }
        try t.receive()
        try t.store.checkpoint()
        #expect(!FileManager.default.fileExists(atPath: leftover) && !FileManager.default.fileExists(atPath: rows))
    }

    @Test func benchHelpPrintsHelpAndGeneratesNothing() throws {
        let bench = URL(fileURLWithPath: MotCuaBinary.path).deletingLastPathComponent().appendingPathComponent("motcua-bench").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bench)
        process.arguments = ["--help"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && text.contains("motcua-bench") && text.contains("--data"), "\(text)")
    }
}
