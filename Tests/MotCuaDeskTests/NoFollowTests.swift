import Foundation
import Testing
import MotCuaCore
import MotCuaStore
@testable import MotCuaDesk
import MotCuaTestSupport

/// Issue 18: in a store shared through a group, a clerk can put a symbolic link where a
/// colleague's session will write. The program's files are never written through one.
@Suite("Files the program writes do not follow links")
struct NoFollowTests {
    @Test func aLinkInOutputDoesNotRedirectAColleaguesPrintedForm() throws {
        let t = try DeskStore()
        defer { t.cleanup() }
        let desk = try t.desk("lan")
        let code = try desk.receive(intake("Nguyễn Văn Ánh"), op: "n1", now: at("2026-11-30T08:00")).commit.code
        // The colleague's ~/.bashrc, and a link to it under the name F7 will use.
        let bashrc = t.root + "-home-bashrc"
        try "echo mine\n".write(toFile: bashrc, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: bashrc) }
        try FileManager.default.createDirectory(atPath: t.store.outputDirectory, withIntermediateDirectories: true)
        let path = desk.outputPath(.receipt, code: code, format: .text)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: bashrc)
        let written = try desk.writeOutput(desk.receiptText(try desk.dossier(code: code)), to: path)
        #expect(written == path)
        #expect(try String(contentsOfFile: bashrc, encoding: .utf8) == "echo mine\n", "F7 wrote through the link")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType == .typeRegular)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains(code))
        // A path outside output/ is refused.
        #expect(throws: StoreError.self) { try desk.writeOutput("x", to: bashrc) }
    }

    @Test func theTerminalLogIsOnlyThisUsersOwnPlainFile() throws {
        let t = try DeskStore()
        defer { t.cleanup() }
        let victim = t.root + "-victim"
        try "keep\n".write(toFile: victim, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: victim) }
        let logs = t.root + "/logs"
        try FileManager.default.createSymbolicLink(atPath: logs + "/tui-lan.log", withDestinationPath: victim)
        #expect(NoFollowFiles.openLog(directory: logs, name: "tui-lan.log", mode: 0o660) == nil)
        try FileManager.default.removeItem(atPath: logs + "/tui-lan.log")
        try FileManager.default.linkItem(atPath: victim, toPath: logs + "/tui-lan.log")     // a hard link: two names
        #expect(NoFollowFiles.openLog(directory: logs, name: "tui-lan.log", mode: 0o660) == nil)
        try FileManager.default.removeItem(atPath: logs + "/tui-lan.log")
        let fd = try #require(NoFollowFiles.openLog(directory: logs, name: "tui-lan.log", mode: 0o660))
        close(fd)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep\n")
    }

    @Test func aStoreFileIsNotCreatedThroughALink() throws {
        let victim = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-victim-\(UUID().uuidString.prefix(8))").path
        let link = victim + ".link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        defer { try? FileManager.default.removeItem(atPath: link); try? FileManager.default.removeItem(atPath: victim) }
        #expect(throws: SystemError.self) { _ = try PosixFileSystem().open(link, flags: O_RDWR | O_CREAT, mode: 0o660) }
        #expect(!FileManager.default.fileExists(atPath: victim))
    }
}
