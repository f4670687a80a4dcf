import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore
import MotCuaDesk
import MotCuaSync
import MotCuaTestSupport

/// Fees and receipt books through the store: the write path, the snapshot, the cash book over a month.
@Suite("Fees in the store", .serialized)
struct FeeStoreTests {
    func journalBytes(_ t: TestStore) throws -> [Data] { try t.journalFiles().map { try Data(contentsOf: URL(fileURLWithPath: $0)) } }

    @Test func receiptNumbersRunGapFreePerAgencyAndYearAndSurviveASnapshotAndAReopen() throws {
        let t = try TestStore(label: "fee-receipts")
        defer { t.directory.cleanup() }
        var codes: [String] = []
        for i in 0..<3 { codes.append(try t.receive("Người \(i)", at: "2026-11-30T08:0\(i)").code) }
        let first = try t.store.fee(.pay(amount: 15_000, method: .cash, receipt: nil), on: codes[0], actor: t.clerk, now: at("2026-11-30T08:10"))
        #expect(first.event?.event.receipt == "2026-000001")
        try t.store.fee(.pay(amount: 5_000, method: .transfer, receipt: "UNC-88"), on: codes[1], actor: t.clerk, now: at("2026-11-30T08:11"))
        try t.store.checkpoint(replacingSameSeq: true)
        let reopened = try Store.open(at: t.path)
        #expect(reopened.nextReceipt(at: at("2026-11-30T09:00")) == "2026-000002", "the book came back from the snapshot")
        let clerk = try reopened.actor(login: "lan", terminal: "test")
        let before = try journalBytes(t)
        #expect(throws: StoreError.self) {
            try reopened.fee(.pay(amount: 1_000, method: .transfer, receipt: "UNC-88"), on: codes[2], actor: clerk, now: at("2026-11-30T09:00"))
        }
        #expect(throws: StoreError.self) {
            try reopened.fee(.pay(amount: 1_000, method: .cash, receipt: "2026-000005"), on: codes[2], actor: clerk, now: at("2026-11-30T09:00"))
        }
        #expect(try journalBytes(t) == before, "a refused payment writes nothing")
        let next = try reopened.fee(.pay(amount: 15_000, method: .cash, receipt: nil), on: codes[2], actor: clerk, now: at("2026-11-30T09:01"))
        #expect(next.event?.event.receipt == "2026-000002")
        // A new year starts the book again at 1.
        let newYear = try reopened.receive(t.intake("Người năm mới"), actor: clerk, now: at("2027-01-04T08:00"))
        let january = try reopened.fee(.pay(amount: 15_000, method: .cash, receipt: nil), on: newYear.code, actor: clerk, now: at("2027-01-04T08:05"))
        #expect(january.event?.event.receipt == "2027-000001")
        // The same books from a replay of the whole journal as from the snapshot.
        try FileManager.default.removeItem(atPath: t.path + "/index")
        try FileManager.default.createDirectory(atPath: t.path + "/index", withIntermediateDirectories: true)
        let rebuilt = try Store.open(at: t.path)
        #expect(rebuilt.index.receipts == reopened.index.receipts)
    }

    @Test func anOfficerMayNotTakeAFeeAndAClerkMayNotRefund() throws {
        let t = try TestStore(label: "fee-roles")
        defer { t.directory.cleanup() }
        let code = try t.receive().code
        #expect(throws: StoreError.self) { try t.store.fee(.pay(amount: 1_000, method: .cash, receipt: nil), on: code, actor: t.officer, now: at("2026-11-30T09:00")) }
        try t.store.fee(.pay(amount: 15_000, method: .cash, receipt: nil), on: code, actor: t.clerk, now: at("2026-11-30T09:00"))
        #expect(throws: StoreError.self) { try t.store.fee(.refund(amount: 1_000, reason: "Thu nhầm"), on: code, actor: t.clerk, now: at("2026-11-30T09:05")) }
        try t.store.fee(.refund(amount: 5_000, reason: "Thu thừa"), on: code, actor: t.admin, now: at("2026-11-30T09:06"))
        #expect(FeeAccount(try t.store.dossier(code: code)).paid == 10_000)
    }

    /// A generated month: many dossiers, three clerks, every method, part payments and refunds.
    /// Each day's cash book equals, to the đồng, the payments an independent ledger kept.
    @Test func theCashBookReconcilesToTheDongOverAGeneratedMonth() throws {
        let t = try TestStore(label: "fee-month")
        defer { t.directory.cleanup() }
        try t.store.addUser(User(login: "mai", name: "Trần Thị Mai", role: .clerk), actor: t.admin, now: at("2026-11-01T08:00"))
        try t.store.addUser(User(login: "tu", name: "Phạm Văn Tú", role: .supervisor), actor: t.admin, now: at("2026-11-01T08:00"))
        let clerks = [t.clerk, try t.store.actor(login: "mai", terminal: "t"), try t.store.actor(login: "tu", terminal: "t")]
        let procedures = ["1.004873", "1.001612", "1.012787", "1.004222", "2.000884"]
        var rng = SystemRandomNumberGenerator()
        var ledger: [CivilDate: [String: [PaymentMethod: Int]]] = [:]
        var receipts: [String] = []
        var day = CivilDate(2026, 11, 2)
        var n = 0
        while day <= CivilDate(2026, 11, 30) {
            defer { day = day.adding(days: 1) }
            guard SampleDossiers.calendar.isWorkingDay(day) else { continue }
            for k in 0..<12 {
                n += 1
                let clerk = clerks[Int.random(in: 0..<3, using: &rng)]
                let time = Instant(date: day, secondOfDay: 8 * 3600 + k * 600)
                var intake = t.intake("Công dân \(n)", procedure: procedures[n % procedures.count])
                intake.channel = n % 7 == 0 ? .online : .direct
                let code = try t.store.receive(intake, actor: clerk, now: time).code
                var owed = FeeAccount(try t.store.dossier(code: code)).outstanding
                var minute = 1
                while owed > 0 {
                    let method = PaymentMethod.allCases[Int.random(in: 0..<4, using: &rng)]
                    let amount = owed > 1_000 && Bool.random(using: &rng) ? owed / 3 + 7 : owed
                    let commit = try t.store.fee(.pay(amount: amount, method: method, receipt: nil), on: code, actor: clerk,
                                                 now: time.adding(seconds: Int64(60 * minute)))
                    receipts.append(commit.event!.event.receipt!)
                    ledger[day, default: [:]][clerk.login, default: [:]][method, default: 0] += amount
                    owed -= amount
                    minute += 1
                }
                if n % 11 == 0, FeeAccount(try t.store.dossier(code: code)).paid >= 2_000 {
                    try t.store.fee(.refund(amount: 1_999, reason: "Thu thừa"), on: code, actor: clerks[2], now: time.adding(seconds: 3_000))
                    let method = FeeAccount(try t.store.dossier(code: code)).payments.last!.method!
                    ledger[day, default: [:]]["tu", default: [:]][method, default: 0] -= 1_999
                }
            }
        }
        #expect(receipts == (1...receipts.count).map { FeeRules.receiptNumber(year: 2026, number: $0) }, "gap-free, in order")
        let supervisor = Desk(store: try Store.open(at: t.path), actor: try t.store.actor(login: "tu", terminal: "t"))
        var monthTotal = 0
        for (date, byClerk) in ledger {
            let book = try supervisor.cashbook(date: date)
            let expected = byClerk.values.flatMap(\.values).reduce(0, +)
            #expect(book.total == expected, "\(date.iso)")
            #expect(book.totals.reduce(0) { $0 + $1.amount } == book.total)
            for total in book.totals { #expect(byClerk[total.clerk]?[total.method] == total.amount, "\(date.iso) \(total)") }
            let csvSum = book.csv(name: { $0 }).rows.reduce(0) { sum, row in
                if case .int(let v) = row[6] { return sum + v }
                return sum
            }
            #expect(csvSum == book.total)
            monthTotal += book.total
        }
        #expect(monthTotal > 1_000_000 && ledger.count >= 20)
        #expect(throws: StoreError.self) { _ = try Desk(store: t.store, actor: t.clerk).cashbook(date: CivilDate(2026, 11, 2)) }
    }

    @Test func feesDocumentsAndAnElectronicResultReachThePortal() throws {
        let t = try TestStore(label: "fee-sync")
        defer { t.directory.cleanup() }
        let server = try PortalTestServer()
        defer { server.stop() }
        var intake = t.intake("Nguyễn Văn Ánh", procedure: "1.004222")
        intake.channel = .direct
        intake.documents = [ReceivedDocument(name: "Tờ khai thay đổi thông tin cư trú", originals: 1, copies: 0),
                            ReceivedDocument(name: "Giấy tờ chứng minh chỗ ở", originals: 0, copies: 1),
                            ReceivedDocument(name: "Sổ hộ khẩu", originals: 1, copies: 0)]
        let code = try t.store.receive(intake, actor: t.clerk, now: at("2026-11-30T08:00")).code
        try t.store.recordDocument(DocumentRecord(index: 1, status: .digitised, file: "2026/to-khai.pdf", sha256: String(repeating: "a", count: 64)),
                                   on: code, actor: t.clerk, now: at("2026-11-30T08:01"))
        try t.store.recordDocument(DocumentRecord(index: 2, status: .reusedFromResult, from: "000.00.xx.H57-260105-0003"), on: code, actor: t.clerk, now: at("2026-11-30T08:02"))
        try t.store.fee(.pay(amount: 20_000, method: .online, receipt: "DVC-123"), on: code, actor: t.clerk, now: at("2026-11-30T08:03"))
        try t.store.perform(.resultReadyWith(note: nil, result: ResultRecord(form: .electronic, code: "123/XN", file: "kq.pdf", sha256: String(repeating: "b", count: 64))),
                            on: code, actor: t.clerk, now: at("2026-11-30T09:00"))
        let settings = try SyncDay.configure(t, server)
        let (outbox, _) = try SyncDay.outbox(t, settings, server)
        _ = try #require(try outbox.push())
        let seen = server.recorded
        #expect(seen.problems.isEmpty, "\(seen.problems)")
        let record = try #require(seen.dossiers[code])
        #expect(record["DuocThanhToanTrucTuyen"] == "1" && record["HoSoCoThanhPhanSoHoa"] == "1")
        let lists = try #require(seen.lists[code])
        #expect(lists["TaiLieuNop"]?.map { $0["DuocSoHoa"]! } == ["1", "1", "0"])
        #expect(lists["TaiLieuNop"]?.map { $0["DuocTaiSuDung"]! } == ["0", "2", "0"])
        #expect(lists["TaiLieuNop"]?[1]["MaKetQuaThayThe"] == "000.00.xx.H57-260105-0003")
        #expect(lists["DanhSachLePhi"]?.map { $0["Gia"]! } == ["20000"])
        #expect(lists["DanhSachGiayToKetQua"]?.first?["MaGiayToKetQua"] == "123/XN")
        #expect(seen.progress[code]?.map { $0["NoiDungXuLy"]! }.contains("Thu phí, lệ phí") == true)
        // The local scan's path is not a public URL: it never leaves the desk.
        #expect(!lists.values.joined().contains { $0.values.contains { $0.contains("to-khai.pdf") || $0.contains("kq.pdf") } })
    }
}
