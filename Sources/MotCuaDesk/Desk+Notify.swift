import Foundation
import MotCuaCore
import MotCuaStore

extension Desk {
    /// An admin sets the command that delivers a channel's messages. The path must be absolute and
    /// executable now, so a typing error is caught at the desk, not at the first citizen.
    public func configureNotify(channel: NotifySettings.Channel, command: String, now: Instant) throws -> NotifySettings {
        try store.require(actor, may: .configureNotifications)
        guard command.hasPrefix("/") else { throw StoreError.badInput("Lệnh gửi phải là đường dẫn tuyệt đối (bắt đầu bằng /): \(DisplayText.sanitize(command))") }
        guard FileManager.default.isExecutableFile(atPath: command) else {
            throw StoreError.badInput("Không có tệp chạy được tại \(DisplayText.sanitize(command)) (cần quyền thực thi)")
        }
        var settings = NotifySettings.load(from: store)
        settings.commands[channel.rawValue] = command
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try store.configureNotify(settings: Array(try encoder.encode(settings)) + [10], detail: "\(channel.rawValue): \(command)",
                                  actor: actor, now: now)
        return settings
    }

    public func notifyStatus() throws -> NotifyOutbox.Status { try NotifyOutbox(store: store).status() }

    /// One delivery pass. A training store sends nothing unless `trainingOK` (its dossiers are
    /// practice, its phone numbers may be real people's). Nil when another deliverer is running.
    public func sendNotifications(now: Instant, trainingOK: Bool = false) throws -> NotifyOutbox.Pass? {
        if store.config.training && !trainingOK {
            throw StoreError.badInput("Kho đào tạo: không gửi tin nhắn cho người dân (thêm --training-ok nếu thật sự muốn gửi)")
        }
        guard !NotifySettings.load(from: store).commands.isEmpty else {
            throw StoreError.badInput("Chưa cấu hình kênh gửi nào: quản trị chạy motcua notify configure --channel sms --command ĐƯỜNG-DẪN")
        }
        return try NotifyOutbox(store: store).send(now: now)
    }
}
