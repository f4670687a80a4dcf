import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaDesk
import MotCuaStore

/// `motcua notify …`: messages to citizens (receipt, supplement request, apology, result, refusal).
struct NotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Tin nhắn cho người dân: giấy hẹn, yêu cầu bổ sung, xin lỗi hẹn lại, có kết quả, từ chối.",
        discussion: """
        Tin nhắn được dựng từ nhật ký (mẫu trong Resources/notifications), gửi bằng lệnh cấu hình cho từng kênh: \
        nội dung qua stdin, người nhận trong biến MOTCUA_TO (cùng MOTCUA_CHANNEL, MOTCUA_DOSSIER, MOTCUA_EVENT, \
        MOTCUA_MESSAGE_ID, MOTCUA_SMS_SEGMENTS). Mã thoát 0 là đã gửi; khác 0 được thử lại (1, 5, 15, 60 phút, rồi 6 giờ). \
        Con trỏ trong notify/outbox.json, nhật ký gửi trong notify/delivery.log (không ghi số điện thoại).
        """,
        subcommands: [Configure.self, Status.self, Send.self, Watch.self]
    )

    struct Configure: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "configure", abstract: "Đặt lệnh gửi của một kênh (quản trị).")
        @Option(help: "Kênh: sms, zalo, email.") var channel: String
        @Option(help: "Đường dẫn tuyệt đối tới lệnh gửi (kịch bản gọi cổng SMS, Zalo OA, sendmail).") var command: String
        @OptionGroup var store: StoreSelection
        @OptionGroup var output: OutputOptions

        func validate() throws { _ = try Self.channel(channel) }

        static func channel(_ text: String) throws -> NotifySettings.Channel {
            guard let c = NotifySettings.Channel(rawValue: text) else { throw CLIError.badInput("Kênh \"\(text)\" không có; chọn sms, zalo hoặc email") }
            return c
        }

        func run() throws {
            let context = try StoreContext.open(store)
            let settings = try context.desk.configureNotify(channel: try Self.channel(channel), command: command, now: context.now)
            if output.json {
                Console.json(.object(settings.commands.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
            } else {
                print("Đã đặt lệnh gửi kênh \(channel): \(DisplayText.sanitize(command))")
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Số tin chờ gửi, đã gửi và danh sách gửi lỗi.")
        @OptionGroup var store: StoreSelection
        @OptionGroup var output: OutputOptions

        func run() throws {
            let context = try StoreContext.open(store)
            let status = try context.desk.notifyStatus()
            if output.json { return Console.json(status.json) }
            print("Chờ gửi: \(status.pending) · Đã gửi: \(status.sent) · Không có số điện thoại: \(status.unreachable) · Lỗi: \(status.failed.count)")
            for f in status.failed {
                print("  \(f.code) \(EventText.kindName(DossierEvent.Kind(rawValue: f.kind) ?? .note)) qua \(f.channel.rawValue): "
                      + "\(f.attempts) lần, mã \(f.lastStatus), thử lại \(f.nextAttempt.vietnameseShort) — \(DisplayText.sanitize(f.lastOutput))")
            }
        }
    }

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "send", abstract: "Gửi một lượt: tin lỗi đến hạn thử lại, rồi tin mới.")
        @Flag(name: .customLong("training-ok"), help: "Cho phép gửi từ kho đào tạo.") var trainingOK = false
        @OptionGroup var store: StoreSelection
        @OptionGroup var output: OutputOptions

        func run() throws {
            let context = try StoreContext.open(store)
            guard let pass = try context.desk.sendNotifications(now: context.now, trainingOK: trainingOK) else {
                throw CLIError.failure("Một tiến trình gửi tin khác đang chạy; thử lại sau")
            }
            let status = try context.desk.notifyStatus()
            if output.json {
                Console.json(.object([("sent", .int(Int64(pass.sent))), ("failed", .int(Int64(pass.failed))), ("retried", .int(Int64(pass.retried))),
                                      ("unreachable", .int(Int64(pass.unreachable))), ("pending", .int(Int64(status.pending)))]))
            } else {
                print("Đã gửi \(pass.sent), lỗi \(pass.failed) (thử lại \(pass.retried)), không có số điện thoại \(pass.unreachable); còn chờ \(status.pending)")
            }
        }
    }

    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "watch", abstract: "Chạy thường trực: gửi ngay khi nhật ký có sự kiện mới.")
        @Option(help: "Số giây giữa hai lượt (mặc định 20).") var interval: Double = 20
        @Flag(name: .customLong("training-ok"), help: "Cho phép gửi từ kho đào tạo.") var trainingOK = false
        @OptionGroup var store: StoreSelection

        func validate() throws {
            guard interval >= 0.1, interval <= 3600 else { throw CLIError.badInput("--interval: từ 0.1 đến 3600 giây") }
        }

        func run() throws {
            let context = try StoreContext.open(store)
            while true {
                let now = Environment.clockOverride != nil ? context.now : Clock.system.now
                if let pass = try context.desk.sendNotifications(now: now, trainingOK: trainingOK), pass.sent + pass.failed > 0 {
                    Console.error("notify: gửi \(pass.sent), lỗi \(pass.failed), thử lại \(pass.retried)")
                }
                Thread.sleep(forTimeInterval: interval)
            }
        }
    }
}
