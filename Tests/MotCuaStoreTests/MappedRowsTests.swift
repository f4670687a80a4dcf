#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// Issue 12: rows files are mapped read-only and read in place. The CRC is skipped only for the
/// very file a snapshot wrote (size, inode, modification time and CRC in HEAD); anything else
/// is checked, and a damaged file is rebuilt from the journal. Writers never change a file in place.
@Suite("Mapped rows files")
struct MappedRowsTests {
    func store() throws -> TestStore {
        let t = try TestStore(label: "map")
        for n in 0..<6 { try t.receive("Nguyễn Văn \(n)", at: "2025-06-0\(n + 1)T09:00") }
        let closed = try t.receive("Đỗ Văn Cũ", at: "2025-06-09T09:00")
        try t.store.perform(.withdraw(reason: nil), on: closed.code, actor: t.clerk, now: at("2025-06-09T10:00"))
        for n in 0..<4 { try t.receive("Trần Thị \(n)") }
        try t.store.checkpoint()
        return t
    }

    func touch(_ path: String) {
        var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, path, &times, 0)
    }

    @Test func aSnapshotsOwnFilesAreTrustedByTheirStampAndAnyOtherIsChecksummed() throws {
        let t = try store()
        defer { t.directory.cleanup() }
        let head = try #require(t.store.bestHead())
        #expect(Set(head.years.values + [head.image?.name].compactMap { $0 }) == Set(try #require(head.stamps).keys), "every rows file and the image stamped")
        let reopened = try Store.open(at: t.path, history: .all)
        #expect(reopened.rowsMaps.count == head.years.count)
        #expect(reopened.rowsMaps.values.allSatisfy { !$0.checksummed }, "the writer's CRC is trusted")
        // Copied, restored or touched: the stamp no longer matches, so the CRC is computed…
        let name = try #require(head.years["2026"])
        touch("\(t.path)/index/\(name)")
        let touched = try Store.open(at: t.path, history: .all)
        #expect(touched.rowsMaps[name]?.checksummed == true)
        #expect(touched.summaries.count == reopened.summaries.count)
        // …and the next snapshot records the stamp it checked.
        try touched.checkpoint(replacingSameSeq: true)
        let after = try Store.open(at: t.path, history: .all)
        #expect(after.rowsMaps.values.allSatisfy { !$0.checksummed })
    }

    @Test func anEditInPlaceIsFoundByTheChecksumAndRebuilt() throws {
        let t = try store()
        defer { t.directory.cleanup() }
        let expected = t.store.summaries.sorted { $0.code < $1.code }
        let head = try #require(t.store.bestHead())
        let name = try #require(head.years["2026"])
        let path = "\(t.path)/index/\(name)"
        let fd = open(path, O_WRONLY)
        var byte: UInt8 = 0x5A
        #expect(pwrite(fd, &byte, 1, 200) == 1)                      // same size, same inode
        close(fd)
        let reopened = try Store.open(at: t.path, history: .all)
        #expect(reopened.baseHead?.gen == head.gen + 1, "rebuilt from the journal and snapshotted again")
        #expect(reopened.summaries.sorted { $0.code < $1.code } == expected)
        #expect(try reopened.verify().ok)
    }

    @Test func aWriterReplacesFilesAndNeverChangesOneInPlace() throws {
        let t = try store()
        defer { t.directory.cleanup() }
        let reader = try Store.open(at: t.path, history: .onDemand)
        let before = try #require(t.store.bestHead())
        let inodes = Dictionary(uniqueKeysWithValues: before.years.values.map { ($0, (try? FileManager.default.attributesOfItem(atPath: "\(t.path)/index/\($0)")[.systemFileNumber]) as? Int) })
        let contents = Dictionary(uniqueKeysWithValues: before.years.values.map { ($0, FileManager.default.contents(atPath: "\(t.path)/index/\($0)")) })
        let mapped = try #require(reader.rowsMaps[before.years["2026"]!])
        let ids = (0..<mapped.rows).map(mapped.id(at:))
        for n in 0..<5 { try t.receive("Lê Văn \(n)") }
        try t.store.checkpoint()
        let after = try #require(t.store.bestHead())
        for (key, name) in after.years {
            if let old = before.years[key], old == name {
                #expect(FileManager.default.contents(atPath: "\(t.path)/index/\(name)") == contents[name]!, "\(name) kept as it was")
                #expect((try? FileManager.default.attributesOfItem(atPath: "\(t.path)/index/\(name)")[.systemFileNumber]) as? Int == inodes[name]!)
            } else {
                #expect(contents[name] == nil, "\(key): a new file, \(name)")
            }
        }
        #expect(after.years["2026"] != before.years["2026"])
        #expect((0..<mapped.rows).map(mapped.id(at:)) == ids, "the reader's map of the replaced file is intact")
        try reader.refresh()
        #expect(reader.openSummaries.sorted { $0.code < $1.code } == t.store.openSummaries.sorted { $0.code < $1.code })
    }

    @Test func gatheredRowsEqualTheBulkDecode() throws {
        let t = try store()
        defer { t.directory.cleanup() }
        let name = try #require(t.store.bestHead()?.years["2026"])
        let file = try t.store.mappedRows(name)
        let all = try file.decodeAll()
        #expect(file.rows >= 4)
        let some = try file.gather([0, 2, file.rows - 1])
        #expect(some.ids == [all.ids[0], all.ids[2], all.ids[file.rows - 1]])
        #expect(some.state == [all.state[0], all.state[2], all.state[file.rows - 1]])
        #expect(some.times.map { [$0[0], $0[1], $0[2]] } == all.times.map { [$0[0], $0[2], $0[file.rows - 1]] })
        #expect(some.arena == Array(all.arena[all.arenaStart[0]..<all.arenaStart[1]] + all.arena[all.arenaStart[2]..<all.arenaStart[3]]
                                    + all.arena[all.arenaStart[file.rows - 1]..<all.arenaStart[file.rows]]))
        #expect(some.eventCounts == [all.eventCounts[0], all.eventCounts[2], all.eventCounts[file.rows - 1]])
    }
}
