import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Tạo kho dữ liệu mới (danh mục mẫu, lịch nghỉ, người tạo là quản trị).")

    @Option(name: .customLong("data"), help: "Thư mục kho dữ liệu (mặc định: MOTCUA_DATA, rồi /var/lib/motcua).")
    var data: String?
    @Option(help: "Mã định danh cơ quan theo QCVN 102:2016, ví dụ 000.00.xx.H57.") var agency: String
    @Option(help: "Tên trung tâm/bộ phận một cửa.") var name: String
    @Flag(help: "Kho đào tạo: cho phép MOTCUA_NOW và MOTCUA_USER.") var training = false
    @Option(help: "Nhóm Unix sở hữu kho (các cán bộ cùng nhóm).") var group: String?
    @Option(help: "Họ tên của quản trị (người chạy lệnh).") var adminName: String?
    @Flag(name: .long, help: "In một tài liệu JSON trên stdout.") var json = false

    func run() throws {
        guard StoreConfig.isValidAgency(agency) else {
            throw CLIError.badInput("--agency: '\(agency)' không đúng dạng QCVN 102:2016 (ví dụ 000.00.xx.H57)")
        }
        let name = Validation.clean(self.name)
        guard !name.isEmpty else { throw CLIError.badInput("--name không được để trống") }
        let directory = data ?? Environment.dataDirectory ?? Environment.defaultDataDirectory
        guard let login = (training ? Environment.userOverride : nil) ?? ProcessIdentity.login else {
            throw CLIError.failure("Không xác định được tài khoản hệ điều hành")
        }
        var config = StoreConfig(agency: agency, name: name, training: training, createdAt: Clock.system.now)
        config.group = group
        let admin = User(login: login, name: adminName.map(Validation.clean) ?? login, role: .admin)
        let store = try Store.create(at: directory, config: config, admin: admin)
        if json {
            Console.json(.object([("data", .string(store.path)), ("agency", .string(agency)), ("training", .bool(training)),
                                  ("admin", .string(login))]))
        } else {
            print("Đã tạo kho \(store.path) cho \(name) (\(agency))\(training ? ", kho đào tạo" : ""); quản trị: \(login)")
        }
    }
}

struct ReceiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive", abstract: "Tiếp nhận hồ sơ: cấp mã, tính hẹn trả, ghi bền rồi mới báo kết quả.")

    @Option(help: "Mã thủ tục trong danh mục (xem: motcua catalogue list).") var procedure: String
    @Option(help: "Họ tên người nộp.") var name: String
    @Option(help: "Số định danh cá nhân (CCCD 12 số; CMND 9 số cũ được ghi nhận kèm cảnh báo).") var id: String
    @Option(help: "Số điện thoại.") var phone: String
    @Option(help: "Địa chỉ.") var address: String?
    @Option(help: "Kênh nộp: direct (trực tiếp), postal (bưu chính), online (trực tuyến).") var channel: String = "direct"
    @Option(parsing: .singleValue, help: "Giấy tờ đã nhận (lặp lại được); mặc định: các giấy tờ bắt buộc của thủ tục.")
    var documents: [String] = []
    @Option(name: .customLong("proxy-name"), help: "Người nộp thay (ủy quyền).") var proxyName: String?
    @Option(name: .customLong("proxy-id"), help: "Số định danh người nộp thay.") var proxyID: String?
    @Option(name: .customLong("received-at"), help: "Thời điểm nhận hồ sơ giấy nếu trước bây giờ (ISO 8601).") var receivedAt: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var write: WriteOptions

    func run() throws {
        guard let channel = Channel(rawValue: channel) else {
            throw CLIError.badInput("--channel: '\(channel)' không hợp lệ (direct, postal, online)")
        }
        let context = try StoreContext.open(store)
        let received = try receivedAt.map { try Parse.instant($0, option: "--received-at") }
        let intake = Intake(
            procedureCode: procedure,
            applicant: Person(name: name, idNumber: id, phone: phone, address: address),
            proxy: proxyName.map { Proxy(name: $0, idNumber: proxyID) },
            channel: channel,
            documents: documents.isEmpty ? nil : documents.map { ReceivedDocument(name: $0, originals: 1, copies: 0) },
            receivedAt: received)
        let commit = try context.store.receive(intake, actor: context.actor, op: write.op, now: context.now)
        guard let summary = context.store.summary(code: commit.code) else { throw CLIError.failure("hồ sơ vừa ghi không đọc lại được") }
        if store.json {
            Console.json(.object([
                ("code", .string(commit.code)), ("id", .string(commit.id.uuidString.lowercased())),
                ("receivedAt", .string(summary.receivedAt.iso8601)), ("due", .string(summary.due.iso8601)),
                ("version", .int(Int64(commit.version))), ("replayed", .bool(commit.replayed)),
            ]))
        } else {
            print("Đã tiếp nhận hồ sơ \(commit.code)\(commit.replayed ? " (đã có từ trước, không ghi thêm)" : "")")
            print("Người nộp: \(DossierText.safe(summary.applicantName)) — \(summary.procedure.name)")
            print("Hẹn trả kết quả: \(summary.due.vietnameseShort) (\(summary.due.date.weekdayName))")
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Kiểm tra toàn vẹn kho: mã băm, số thứ tự, phát lại toàn bộ so với chỉ mục.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let opened = try Store.open(at: store.directory)
        let report = try opened.verify()
        if store.json {
            Console.json(.object([
                ("ok", .bool(report.ok)), ("lines", .int(report.lines)), ("dossiers", .int(Int64(report.dossiers))),
                ("lastSeq", .int(report.lastSeq)),
                ("problems", .array(report.problems.map(JSONText.string))),
                ("notes", .array(report.notes.map(JSONText.string))),
            ]))
        } else {
            print("Đã kiểm tra \(report.lines) dòng nhật ký, \(report.dossiers) hồ sơ, seq cuối \(report.lastSeq).")
            for note in report.notes { print("Ghi chú: \(note)") }
            if report.ok { print("Kho toàn vẹn.") } else {
                print("PHÁT HIỆN \(report.problems.count) vấn đề:")
                for p in report.problems { print("  - \(p)") }
            }
        }
        if !report.ok { throw ExitCode(1) }
    }
}
