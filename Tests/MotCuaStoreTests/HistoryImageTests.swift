import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// The older years' rows mapped from one image by the terminal apps (issue 12: twelve apps'
/// PSS): what an app sees through it must be what the rows files say, a write stays in the
/// process that made it, and an image that is damaged or stale is not used.
@Suite("History image")
struct HistoryImageTests {
    /// 2024 and 2025 closed (their files, so the image), one 2025 dossier still open (the open
    /// file), a paused one, three of 2026, a department and an official interned.
    func store() throws -> TestStore {
        let t = try TestStore(label: "image")
        for (n, day) in ["2024-03-04", "2024-09-10", "2025-02-03", "2025-06-09"].enumerated() {
            let code = try t.receive("Đỗ Văn Cũ \(n)", at: "\(day)T08:00").code
            try t.store.perform(.withdraw(reason: "thôi"), on: code, actor: t.clerk, now: at("\(day)T10:00"))
        }
        let open = try t.receive("Nguyễn Văn Còn", at: "2025-06-10T08:00").code
        try t.store.perform(.transfer(department: "VP", official: "hoa"), on: open, actor: t.clerk, now: at("2025-06-10T09:00"))
        for n in 0..<3 { try t.receive("Trần Thị \(n)") }
        try t.store.checkpoint()
        return t
    }

    @Test func theAppMapsTheOlderYearsAndSeesWhatTheRowsFilesSay() throws {
        let t = try store()
        defer { t.directory.cleanup() }
        let head = try #require(t.store.bestHead())
        let image = try #require(head.image)
        #expect(image.sources == head.olderYears && Set(image.sources.keys) == ["2024", "2025"])

        let app = try Store.open(at: t.path, history: .mapped)
        #expect(app.index.deferredYears.isEmpty && app.notices.isEmpty, "\(app.notices)")
        #expect(app.index.table.ids.isMapped && app.index.table.arena.isMapped && app.index.events.isMapped)
        let whole = try Store.open(at: t.path, history: .all)
        #expect(!whole.index.table.ids.isMapped)
        #expect(app.index.count == whole.index.count && app.index.count == 8)
        for row in 0..<whole.index.count {
            let summary = whole.index.table.summary(at: row)
            let mine = try #require(app.index.row(id: summary.id))
            #expect(app.index.row(code: summary.code) == mine)
            #expect(app.index.table.summary(at: mine) == summary)
            #expect(app.index.positions(of: mine) == whole.index.positions(of: row))
        }
        let day = try #require(CivilDate(year: 2025, month: 6, day: 9))
        #expect(app.index.nextCode(agency: "000.00.xx.H57", date: day) == "000.00.xx.H57-250609-0002")
        #expect(app.index.codes(endingWith: "250609-0001") == whole.index.codes(endingWith: "250609-0001"))
    }

    @Test func aWriteToAnOlderRowStaysInTheProcessThatMadeIt() throws {
        let t = try store()
        defer { t.directory.cleanup() }
        let image = try #require(t.store.bestHead()?.image)
        let path = "\(t.path)/index/\(image.name)"
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let app = try Store.open(at: t.path, history: .mapped)
        let row = try #require(app.index.row(code: app.index.table.code(at: 0)))
        var changed = app.index.table.summary(at: row)
        changed.version += 7
        app.index.table.set(changed, at: row)
        #expect(app.index.table.version(at: row) == changed.version)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let other = try Store.open(at: t.path, history: .mapped)
        #expect(other.index.table.version(at: row) == changed.version - 7)
        // A new dossier goes to the anonymous pages after the mapped ones.
        let new = try app.receive(t.intake("Lê Văn Mới"), actor: t.clerk, now: at("2026-11-30T11:00")).code
        #expect(app.index.count == other.index.count + 1 && app.index.table.ids.isMapped)
        #expect(app.index.summary(code: new)?.applicantName == "Lê Văn Mới")
    }

    @Test func aTouchedImageIsChecksummedThenRestampedByTheNextSnapshot() throws {
        let t = try store()
        defer { t.directory.cleanup() }
        let image = try #require(t.store.bestHead()?.image)
        let path = "\(t.path)/index/\(image.name)"
        var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, path, &times, 0)           // copied, restored: the stamp no longer matches
        let app = try Store.open(at: t.path, history: .mapped)
        #expect(app.index.table.ids.isMapped && app.notices.isEmpty, "\(app.notices)")
        _ = try app.receive(t.intake("Lê Văn Mới"), actor: t.clerk, now: at("2026-11-30T11:00"))
        try app.checkpoint()
        let head = try #require(app.bestHead())
        #expect(head.image == image)
        let status = try #require(try PosixFileSystem().stat(path))
        #expect(head.stamps?[image.name]?.matches(status) == true)
    }

    @Test func theQueueOrderFromTheImageIsTheSortedOrderEvenAfterAnOlderRowMoves() throws {
        let t = try store()
        defer { t.directory.cleanup() }
        let app = try Store.open(at: t.path, history: .mapped)
        #expect(app.index.imageOrder.count == 4 && app.index.imageOrder.isMapped)
        #expect(QueueOrder(table: app.table, presorted: app.index.imageOrder).rows == QueueOrder(table: app.table).rows)
        // The oldest withdrawn dossier closed again today: the most recently closed, its place moved.
        let oldest = Int(app.index.imageOrder[3])
        var moved = app.index.table.summary(at: oldest)
        moved.closedAt = at("2026-11-30T12:00")
        app.index.table.set(moved, at: oldest)
        let sorted = QueueOrder(table: app.table).rows
        #expect(QueueOrder(table: app.table, presorted: app.index.imageOrder).rows == sorted)
        #expect(sorted.firstIndex(of: Int32(oldest))! < sorted.firstIndex(of: app.index.imageOrder[0])!)
    }

    @Test func aDamagedImageIsNotUsedAndTheNextSnapshotWritesItAgain() throws {
        let t = try store()
        defer { t.directory.cleanup() }
        let image = try #require(t.store.bestHead()?.image)
        let path = "\(t.path)/index/\(image.name)"
        let file = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try file.seek(toOffset: 20)                     // inside the identities
        try file.write(contentsOf: Data([0xFF, 0x00, 0x7F]))
        try file.close()
        // A time of its own: within the file system's clock tick the write could leave the stamp's.
        var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, path, &times, 0)

        let app = try Store.open(at: t.path, history: .mapped)
        #expect(!app.index.table.ids.isMapped && app.index.deferredYears == [2024, 2025])
        #expect(app.notices.contains { $0.contains(image.name) }, "\(app.notices)")
        app.loadHistory()
        #expect(app.index.count == 8)
        _ = try app.receive(t.intake("Lê Văn Mới"), actor: t.clerk, now: at("2026-11-30T11:00"))
        try app.checkpoint()
        let again = try #require(app.bestHead()?.image)
        #expect(again.name != image.name && again.sources == image.sources)
        let next = try Store.open(at: t.path, history: .mapped)
        #expect(next.index.table.ids.isMapped && next.index.count == 9 && next.notices.isEmpty)
    }

    @Test func theFullCheckComparesTheImageWithTheRowsFilesItWasBuiltFrom() throws {
        let t = try store()
        defer { t.directory.cleanup() }
        #expect(try Store.open(at: t.path, history: .onDemand).verify().problems == [])
        // An image with a valid CRC whose 2025 row is not the rows file's: written from the files
        // with one row changed, as a faulty writer would.
        let head = try #require(t.store.bestHead())
        let reference = try #require(head.image)
        var scratch = DossierIndex()
        for (_, name) in reference.sources.sorted(by: { $0.key < $1.key }) {
            var loader = try RowsLoader(file: t.store.mappedRows(name), except: [], year: nil)
            _ = loader.load(into: &scratch, budget: nil)
        }
        let row = try #require((0..<scratch.count).first { scratch.table.code(at: $0).contains("-2506") })
        var changed = scratch.table.summary(at: row)
        changed.supplementCount += 1
        scratch.table.set(changed, at: row)
        let path = "\(t.path)/index/\(reference.name)"
        _ = try HistoryImage.write(scratch, sources: reference.sources, to: path, fs: PosixFileSystem(), mode: 0o660, group: nil)
        let problems = try Store.open(at: t.path, history: .onDemand).verify().problems
        #expect(problems == ["hồ sơ \(changed.code): ảnh lịch sử khác với tệp \(head.years["2025"]!)"], "\(problems)")
        // Damaged: named as such.
        let file = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try file.seek(toOffset: 100)
        try file.write(contentsOf: Data([0x55]))
        try file.close()
        let damaged = try Store.open(at: t.path, history: .onDemand).verify().problems
        #expect(damaged.count == 1 && damaged[0].hasPrefix("\(path): ảnh lịch sử hỏng"), "\(damaged)")
    }

    @Test func anImageOfOtherRowsFilesIsNotUsed() throws {
        let t = try store()
        defer { t.directory.cleanup() }
        let head = try #require(t.store.bestHead())
        var stale = head
        stale.image = HistoryImage.Reference(name: head.image!.name, sources: ["2024": head.years["2024"]!])
        #expect(t.store.loadHistoryImage(stale) == nil)
        #expect(t.store.loadHistoryImage(head) != nil)
        // An image of another build's format (an upgrade): the next snapshot writes one anew.
        let path = "\(t.path)/index/\(head.image!.name)"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let format = Data(#""format":\#(HistoryImage.format)"#.utf8)
        let at = try #require(bytes.range(of: format, options: .backwards))
        var older = bytes
        older.replaceSubrange(at, with: Data(#""format":0"#.utf8))
        try older.write(to: URL(fileURLWithPath: path))
        _ = try t.receive("Lê Văn Mới", at: "2026-11-30T11:00")
        try t.store.checkpoint()
        let rewritten = try #require(t.store.bestHead()?.image)
        #expect(rewritten.name != head.image!.name && rewritten.sources == head.image!.sources)
        // A store whose history is this year alone has none.
        let young = try TestStore(label: "image-young")
        defer { young.directory.cleanup() }
        try young.receive()
        try young.store.checkpoint()
        #expect(young.store.bestHead()?.image == nil)
    }
}

@Suite("Column")
struct ColumnTests {
    @Test func aCopyIsAValue() {
        var a: Column<Int32> = [1, 2, 3]
        let b = a
        a[0] = 9
        a.append(4)
        #expect(Array(a) == [9, 2, 3, 4] && Array(b) == [1, 2, 3])
        var c = b
        c.append(contentsOf: [5, 6])
        #expect(Array(b) == [1, 2, 3] && Array(c) == [1, 2, 3, 5, 6])
    }

    @Test func aMappedColumnCopiesPagesNotTheFileAndGrowsPastItsRoom() throws {
        let directory = TempDirectory("column")
        defer { directory.cleanup() }
        let path = directory.path + "/c"
        let values = (0..<5_000).map { UInt64($0) * 3 }
        try values.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: path)) }
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let region = try #require(MappedRegion(fd: fd, offset: 0, fileBytes: values.count * 8, reserve: 6_000 * 8))
        var column = Column<UInt64>(region: region, count: values.count, capacity: 6_000)
        #expect(Array(column) == values && column.isMapped)
        column[10] = 7
        let copy = column
        column[11] = 8
        #expect(copy[11] == 33 && column[11] == 8 && column[10] == 7)
        for k in 0..<2_000 { column.append(UInt64(k)) }         // past the reserved room: copied
        #expect(column.count == 7_000 && !column.isMapped && column[10] == 7 && column[6_999] == 1_999)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == values.withUnsafeBytes { Data($0) })
    }
}
