import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaStore
import MotCuaSync

extension SyncCommand {
    struct Configure: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "configure",
            abstract: "Cấu hình kết nối Cổng (quản trị).",
            discussion: """
            Mật khẩu đọc từ tệp --password-file (không bao giờ từ dòng lệnh), lưu riêng trong sync/credentials.json \
            quyền 0600 (chủ là tài khoản chạy lệnh: đổi chủ cho tài khoản dịch vụ đồng bộ, xem DEPLOYMENT.md). \
            Không ghi mật khẩu vào nhật ký, không in ra. Trên kho tập huấn: cảnh báo rồi vẫn cấu hình.
            """)

        @Option(name: .customLong("adapter-url"), help: "Địa chỉ bộ kết nối (LGSP/DVCQG), ví dụ https://lgsp.example.gov.vn.")
        var adapterURL: String
        @Option(name: .customLong("auth-endpoint"), help: "Đường dẫn đăng nhập, ví dụ /api/auth.")
        var authEndpoint: String
        @Option(name: .customLong("integration-endpoint"), help: "Đường dẫn tích hợp, ví dụ /api/integration.")
        var integrationEndpoint: String
        @Option(name: .customLong("feed-endpoint"),
                help: "Đường dẫn lấy hồ sơ trực tuyến chờ tiếp nhận cho sync pull, ví dụ /api/feed (không bắt buộc).")
        var feedEndpoint: String?
        @Option(help: "Mã đơn vị trên Cổng.") var madonvi: String
        @Option(help: "Mã hệ thống đích (header dstcode).") var dstcode: String
        @Option(help: "Tài khoản kết nối.") var username: String
        @Option(name: .customLong("password-file"), help: "Tệp chứa mật khẩu (dòng đầu).") var passwordFile: String
        @Option(help: "Số giây chờ một trả lời (mặc định 10).") var timeout: Double = 10
        @Option(help: "Số lần thử mỗi thông điệp trước khi dừng (mặc định 4).") var attempts: Int = 4
        @Option(name: .customLong("retry-base-ms"), help: "Lần chờ đầu sau một lần gửi lỗi, mili giây; gấp đôi mỗi lần (mặc định 1000).")
        var retryBaseMilliseconds: Int = 1000
        @OptionGroup var store: StoreSelection

        func settings() -> SyncSettings {
            SyncSettings(adapterURL: adapterURL.hasSuffix("/") ? String(adapterURL.dropLast()) : adapterURL,
                         authEndpoint: authEndpoint, integrationEndpoint: integrationEndpoint, madonvi: madonvi, dstcode: dstcode,
                         username: username, feedEndpoint: feedEndpoint, timeoutSeconds: timeout, retryBaseMilliseconds: retryBaseMilliseconds, attempts: attempts)
        }

        func validate() throws {
            if let problem = settings().problem() { throw CLIError.badInput(problem) }
        }

        func run() throws {
            let context = try StoreContext.open(store)
            try context.store.require(context.actor, may: .configureSync)
            guard let bytes = UserFile.contents(atPath: passwordFile) else {
                throw CLIError.badInput("--password-file: không đọc được tệp \(passwordFile)")
            }
            let password = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            guard !password.isEmpty else { throw CLIError.badInput("--password-file: tệp \(passwordFile) không có mật khẩu") }
            if context.store.config.training {
                Console.error("Cảnh báo: đây là kho tập huấn; hồ sơ tập huấn sẽ được gửi tới \(adapterURL) như đã cấu hình.")
            }
            let settings = settings()
            try context.store.configureSync(settings: settings.json, credentials: SyncCredentials(password: password).json,
                                            detail: settings.auditDetail, actor: context.actor, now: context.now)
            print("Đã cấu hình đồng bộ Cổng: \(settings.adapterURL), mã đơn vị \(settings.madonvi); mật khẩu lưu tại \(context.store.syncDirectory)/credentials.json (0600)")
        }
    }
}
