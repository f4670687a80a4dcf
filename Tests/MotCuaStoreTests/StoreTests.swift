import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore
import MotCuaTestSupport

@Suite("Journal store")
struct StoreTests {
    @Test func codesRunPerAgencyPerDayFrom0001() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        #expect(try t.receive(at: "2026-11-30T08:00").code == "000.00.xx.H57-261130-0001")
        #expect(try t.receive(at: "2026-11-30T09:00").code == "000.00.xx.H57-261130-0002")
        #expect(try t.receive(at: "2026-12-01T08:00").code == "000.00.xx.H57-261201-0001")
        let reopened = try Store.open(at: t.path)
        #expect(reopened.dossierCount == 3)
        #expect(try reopened.receive(t.intake(), actor: t.clerk, now: at("2026-11-30T10:00")).code == "000.00.xx.H57-261130-0003")
        #expect(try reopened.verify().ok)
    }

    @Test func aReopenedStoreHasTheSameState() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let a = try t.receive("Trần Thị Bé")
        try t.store.perform(.transfer(department: "VP", official: "hoa"), on: a.code, actor: t.clerk, now: at("2026-11-30T09:00"))
        try t.store.perform(.requestSupplement(reason: "Thiếu tờ khai", documents: ["Tờ khai"]), on: a.code, actor: t.officer, now: at("2026-11-30T10:00"))
        let reopened = try Store.open(at: t.path)
        #expect(reopened.summaries == t.store.summaries)
        let dossier = try reopened.dossier(code: a.code)
        #expect(dossier.history.map(\.event.kind) == [.received, .transferred, .supplementRequested])
        #expect(dossier.history.map(\.by) == ["lan", "lan", "hoa"])
        #expect(dossier.reception.applicant.name == "Trần Thị Bé")
    }

    @Test func aCommandBasedOnAnOldVersionIsAConflictThatSaysWhoChangedWhat() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let a = try t.receive()
        try t.store.perform(.transfer(department: "VP", official: nil), on: a.code, expectedVersion: 1, actor: t.clerk, now: at("2026-11-30T09:00"))
        do {
            try t.store.perform(.note("ghi chú"), on: a.code, expectedVersion: 1, actor: t.officer, now: at("2026-11-30T09:30"))
            Issue.record("expected a conflict")
        } catch StoreError.conflict(let c) {
            #expect(c.expectedVersion == 1 && c.currentVersion == 2 && c.by == "lan" && c.kind == .transferred)
            #expect(StoreError.conflict(c).description.contains("lan"))
        }
        #expect(t.store.summary(code: a.code)?.version == 2)
    }

    @Test func retryingWithTheSameIdempotencyKeyIsANoOp() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let first = try t.receive(op: "op-1")
        let again = try t.receive(op: "op-1")
        #expect(again.replayed && !first.replayed && again.code == first.code && again.seq == first.seq)
        #expect(t.store.dossierCount == 1)
        let reopened = try Store.open(at: t.path)
        #expect(try reopened.receive(t.intake(), actor: t.clerk, op: "op-1", now: at("2026-11-30T11:00")).replayed)
        #expect(reopened.dossierCount == 1)
    }

    @Test func aReaderPicksUpAnotherWritersLinesWithAStat() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let reader = try Store.open(at: t.path)
        #expect(try reader.refresh() == false)
        try t.receive()
        #expect(try reader.refresh() == true)
        #expect(reader.dossierCount == 1)
        #expect(try reader.refresh() == false)
    }

    @Test func aTornTailIsIgnoredByReadersAndCutByTheNextWriter() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        try t.receive()
        let file = try t.journalFiles().last!
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"seq":99,"at":"2026-11-30T09:00:00+07:00","by":"lan","d":"#.utf8))
        try handle.close()
        let reader = try Store.open(at: t.path)
        #expect(reader.damage.isEmpty && reader.dossierCount == 1)
        try reader.receive(t.intake(), actor: t.clerk, now: at("2026-11-30T09:30"))
        let after = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(after.prefix(before.count) == before)
        #expect(String(decoding: after, as: UTF8.self).components(separatedBy: "\n").filter { !$0.isEmpty }.allSatisfy { $0.hasSuffix("}") })
        #expect(try reader.verify().ok)
    }

    @Test func aCorruptLineIsReportedWithFileLineAndOffsetAndBlocksWritesInTheActiveMonth() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        try t.receive("Một")
        try t.receive("Hai")
        try t.receive("Ba")
        let file = try t.journalFiles().last!
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == 10 }.map { $0 + 1 }.dropLast()
        let fifth = lineStarts[4]                      // line 5: the receipt of "Hai"
        bytes[fifth + 1] = UInt8(ascii: "X")          // `{X…`: no longer JSON
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let opened = try Store.open(at: t.path)
        let damage = try #require(opened.damage.first)
        #expect(damage.file == file && damage.line == 5 && damage.offset == Int64(fifth))
        #expect(opened.readOnlyDamage == opened.damage)
        #expect(opened.dossierCount == 2)
        #expect(throws: StoreError.self) { try opened.receive(t.intake(), actor: t.clerk, now: at("2026-11-30T10:00")) }
        let report = try opened.verify()
        #expect(!report.ok && report.problems.contains { $0.contains("dòng 5") && $0.contains("byte \(fifth)") })
    }

    @Test func editingALineBreaksTheHashChainAndCheckNamesTheFirstBrokenLink() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        try t.receive("Nguyễn Văn An")
        try t.receive("Trần Văn Bình")
        let file = try t.journalFiles().last!
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "Nguyễn Văn An", with: "Nguyễn Văn Ăn").write(toFile: file, atomically: false, encoding: .utf8)
        let opened = try Store.open(at: t.path)
        let report = try opened.verify()
        #expect(!report.ok)
        #expect(report.problems.first?.contains("mã băm không khớp") == true)
        #expect(report.problems.first?.contains("dòng 4") == true)
    }

    @Test func storesOfANewerFormatOrWithoutFormatAreRefused() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        try #"{"store":"motcua","format":99}"#.write(toFile: t.path + "/FORMAT", atomically: true, encoding: .utf8)
        #expect { try Store.open(at: t.path) } throws: { error in
            guard case StoreError.newerFormat(_, 99, 1) = error else { return false }
            return true
        }
        try FileManager.default.removeItem(atPath: t.path + "/FORMAT")
        #expect { try Store.open(at: t.path) } throws: { error in
            guard case StoreError.notAStore = error else { return false }
            return "\(error)".contains("motcua init")
        }
    }

    @Test func aWorldWritableStoreIsRefusedWithTheFix() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        chmod(t.path + "/config.json", 0o666)
        #expect { try Store.open(at: t.path) } throws: { error in
            guard case StoreError.insecurePermissions(let path, _) = error else { return false }
            return path.hasSuffix("config.json") && "\(error)".contains("chmod o-w")
        }
    }

    @Test func aNewMonthStartsASegmentAndSealsThePreviousOne() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        try t.receive(at: "2026-11-30T08:00")
        try t.receive(at: "2026-12-01T08:00")
        #expect(try t.journalFiles().map { ($0 as NSString).lastPathComponent } == ["2026-11.jsonl", "2026-12.jsonl"])
        let sealed = try String(contentsOfFile: t.path + "/journal/SEALED", encoding: .utf8)
        #expect(sealed.contains("2026-11.jsonl") && sealed.contains("sha256"))
        #expect(try Store.open(at: t.path).verify().ok)
        // Changing a sealed month is caught by its digest.
        let november = t.path + "/journal/2026-11.jsonl"
        chmod(november, 0o660)
        try (try String(contentsOfFile: november, encoding: .utf8) + "\n").write(toFile: november, atomically: false, encoding: .utf8)
        #expect(try Store.open(at: t.path).verify().problems.contains { $0.contains("SEALED") })
    }
}

@Suite("Store failures through the file-system seam")
struct StoreFaultTests {
    @Test func aFullDiskLeavesNothingPartialAndTheNextCommandWorks() throws {
        let fs = FaultyFileSystem()
        let t = try TestStore(fs: fs)
        defer { t.directory.cleanup() }
        try t.receive()
        let file = try t.journalFiles().last!
        let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as! Int
        fs.set { $0.bytesBeforeDiskFull = 40 }                       // a short write, then ENOSPC
        #expect { try t.receive("Hai") } throws: { error in
            guard case StoreError.diskFull = error else { return false }
            return "\(error)".contains("Ổ đĩa đầy")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.size] as! Int == size)
        fs.set { $0.bytesBeforeDiskFull = nil }
        #expect(try t.receive("Hai").code == "000.00.xx.H57-261130-0002")
        #expect(try Store.open(at: t.path).verify().ok)
    }

    @Test func aFailedFsyncIsNeverRetriedAndStopsThisProcessWriting() throws {
        let fs = FaultyFileSystem()
        let t = try TestStore(fs: fs)
        defer { t.directory.cleanup() }
        try t.receive()
        let file = try t.journalFiles().last!
        let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as! Int
        fs.set { $0.failDataSync = EIO }
        #expect { try t.receive("Hai") } throws: { error in
            guard case StoreError.syncFailed = error else { return false }
            return true
        }
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.size] as! Int == size)
        fs.set { $0.failDataSync = nil }
        #expect { try t.receive("Ba") } throws: { error in
            guard case StoreError.poisoned = error else { return false }
            return true
        }
        let fresh = try Store.open(at: t.path)
        #expect(try fresh.receive(t.intake("Ba"), actor: t.clerk, now: at("2026-11-30T10:00")).code == "000.00.xx.H57-261130-0002")
    }
}

@Suite("Roles and overrides")
struct AccessTests {
    @Test func clerksCannotManageUsersCatalogueOrCalendar() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        #expect(throws: StoreError.self) { try t.store.addUser(User(login: "x", name: "X", role: .clerk), actor: t.clerk, now: at("2026-11-30T08:00")) }
        #expect(throws: StoreError.self) { try t.store.installCatalogue(.sample, actor: t.clerk, now: at("2026-11-30T08:00")) }
        #expect(throws: StoreError.self) { try t.store.installCalendar(json: Array("{}".utf8), actor: t.clerk, now: at("2026-11-30T08:00")) }
        #expect(throws: StoreError.self) { try t.store.receive(t.intake(), actor: t.officer, now: at("2026-11-30T08:00")) }
    }

    @Test func onlyAdminsMayActForSomeoneElseAndBothNamesAreRecorded() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        #expect(throws: StoreError.self) { try t.store.actor(login: "lan", actingAs: "hoa", terminal: nil) }
        let asLan = try t.store.actor(login: "admin", actingAs: "lan", terminal: "pts/1")
        #expect(asLan.login == "lan" && asLan.actingAdmin == "admin" && asLan.role == .clerk)
        let commit = try t.store.receive(t.intake(), actor: asLan, now: at("2026-11-30T08:00"))
        let event = try t.store.dossier(code: commit.code).history[0]
        #expect(event.by == "lan" && event.actingAdmin == "admin" && event.terminal == "pts/1")
        #expect(throws: StoreError.self) { try t.store.actor(login: "nobody", terminal: nil) }
    }

    @Test func theClockAndLoginOverridesAreRefusedOnProductionStores() throws {
        let dir = TempDirectory("prod")
        defer { dir.cleanup() }
        let config = StoreConfig(agency: "000.00.xx.H57", name: "Thật", training: false, createdAt: at("2026-11-01T08:00"))
        let store = try Store.create(at: dir.path + "/s", config: config, admin: User(login: "admin", name: "A", role: .admin))
        #expect(throws: StoreError.self) { try store.checkOverrides(clock: true, user: false) }
        #expect(throws: StoreError.self) { try store.checkOverrides(clock: false, user: true) }
        try store.checkOverrides(clock: false, user: false)
    }
}
