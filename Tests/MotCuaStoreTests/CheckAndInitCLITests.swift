import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// Issue 18, integrity defects 3 and 4, through the real binary.
@Suite("check under writes, init on a used directory", .serialized)
struct CheckAndInitCLITests {
    /// A clerk process writes all along; every check verifies a consistent cut and says which.
    @Test func checkWhileAWriterRunsFindsNoFalseDifferences() throws {
        let store = try SharedStore()
        defer { store.directory.cleanup() }
        let writer = try Running(["stress", "--data", store.path, "--count", "600", "--mix", "mixed", "--op-prefix", "w", "--seed", "3"],
                                 environment: store.env)
        var checks: [RunResult] = []
        while writer.process.isRunning || checks.isEmpty {
            checks.append(try motcua(["check", "--data", store.path], environment: store.env))
            if checks.count >= 8 { break }
        }
        let written = writer.wait()
        #expect(written.status == 0, "\(written.stderr)")
        #expect(checks.count >= 2, "the writer ended before two checks ran")
        for check in checks {
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("tới seq"), "\(check.stdout)")
            #expect(!check.stdout.contains("chưa ghi xong"), "\(check.stdout)")
        }
    }

    @Test func initRefusesADirectoryThatIsNotEmpty() throws {
        let dir = TempDirectory("init-used")
        defer { dir.cleanup() }
        let path = dir.path + "/s"
        let env = ["MOTCUA_USER": "admin"]
        #expect(try motcua(["init", "--data", path, "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"], environment: env).status == 0)
        #expect(try motcua(["users", "add", "lan", "--data", path, "--name", "Lê Thị Lan", "--role", "clerk"], environment: env).status == 0)
        let users = try String(contentsOfFile: path + "/users.json", encoding: .utf8)
        let config = try String(contentsOfFile: path + "/config.json", encoding: .utf8)
        try FileManager.default.removeItem(atPath: path + "/FORMAT")
        let again = try motcua(["init", "--data", path, "--agency", "000.00.xx.H99", "--name", "Khác"], environment: env)
        #expect(again.status == 2, "\(again.status) \(again.stderr)")
        #expect(again.stderr.contains(path) && again.stderr.contains("không trống"), "\(again.stderr)")
        #expect(try String(contentsOfFile: path + "/users.json", encoding: .utf8) == users)
        #expect(try String(contentsOfFile: path + "/config.json", encoding: .utf8) == config)
        // Any file at all is enough to refuse; an empty directory is fine.
        let other = dir.path + "/other"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: other + "/notes.txt", contents: Data("x".utf8)))
        #expect(try motcua(["init", "--data", other, "--agency", "000.00.xx.H57", "--name", "P"], environment: env).status == 2)
        let empty = dir.path + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(try motcua(["init", "--data", empty, "--agency", "000.00.xx.H57", "--name", "P", "--training"], environment: env).status == 0)
    }
}

/// Issue 18, integrity defect 1 through the real binary: the exit status and the message scripts see.
@Suite("Idempotency keys on the command line", .serialized)
struct IdempotencyKeyCLITests {
    @Test func aKeyReusedOnAnotherCommandExitsTwoNamingBoth() throws {
        let store = try SharedStore()
        defer { store.directory.cleanup() }
        let receive = ["receive", "--data", store.path, "--procedure", "1.004873", "--name", "Nguyễn Văn Ánh",
                       "--id", "046090001234", "--phone", "0912345678", "--op", "K1", "--json"]
        let first = try motcua(receive, environment: store.env)
        #expect(first.status == 0, "\(first.stderr)")
        let code = (try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])?["code"] as? String ?? "?"
        let again = try motcua(receive, environment: store.env)
        #expect(again.status == 0 && again.stdout.contains(code), "the same command replays: \(again.stderr)")
        let transfer = try motcua(["transfer", code, "--to", "VP", "--op", "K1", "--data", store.path], environment: store.env)
        #expect(transfer.status == 2, "\(transfer.status) \(transfer.stderr)")
        #expect(transfer.stderr.contains("K1") && transfer.stderr.contains("tiếp nhận hồ sơ \(code)")
                && transfer.stderr.contains("chuyển xử lý hồ sơ \(code)"), "\(transfer.stderr)")
        let other = try motcua(receive.map { $0 == "Nguyễn Văn Ánh" ? "Trần Thị Bé" : $0 }, environment: store.env)
        #expect(other.status == 2 && other.stderr.contains("tiếp nhận hồ sơ mới, khác nội dung"), "\(other.stderr)")
        #expect(try store.list().count == 1)
    }
}
