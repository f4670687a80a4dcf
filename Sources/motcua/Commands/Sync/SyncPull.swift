import ArgumentParser
import MotCuaCore
import MotCuaDesk
import MotCuaStore
import MotCuaSync

extension SyncCommand {
    struct Pull: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pull",
            abstract: "Lấy hồ sơ nộp trực tuyến chờ tiếp nhận từ Cổng và nhập như inbox import.",
            discussion: """
            Đăng nhập Cổng như sync push (phiên, đăng nhập lại, chờ lâu dần giữa các lần thử) rồi gọi đường dẫn \
            --feed-endpoint đã cấu hình (motcua sync configure … --feed-endpoint PATH). Hồ sơ được nhập như motcua inbox \
            import: không tạo hồ sơ trùng (theo MaHoSo), bản ghi sai bị từ chối từng bản ghi. Quyền như inbox import \
            (cán bộ một cửa, giám sát, quản trị). --json in cùng tài liệu với inbox import --json. Mã thoát 0 khi đã nhập, \
            1 khi không lấy được từ Cổng (không nhập gì), 2 khi kho chưa cấu hình nguồn hồ sơ.
            """)

        @OptionGroup var store: StoreSelection
        @OptionGroup var output: OutputOptions

        func run() throws {
            let context = try StoreContext.open(store)
            try context.store.require(context.actor, may: .receive)
            let (settings, credentials) = try SyncCommand.configured(context.store)
            let endpoint = try SyncCommand.feedEndpoint(of: settings)
            let client = PortalClient(settings: settings, password: credentials.password, transport: CurlTransport())
            switch try context.desk.pullInbox(through: client, from: endpoint, now: context.now) {
            case .imported(let result):
                InboxCommand.report(result, json: output.json)
            case .portalUnavailable(let problem):
                throw CLIError.failure("Không lấy được hồ sơ trực tuyến từ Cổng (\(settings.adapterURL + endpoint)): \(problem). "
                                       + "Chưa nhập hồ sơ nào; thử lại sau.")
            }
        }
    }
}

extension SyncCommand {
    /// The configured feed endpoint, or which option sets it.
    static func feedEndpoint(of settings: SyncSettings) throws -> String {
        guard let endpoint = settings.feedEndpoint else {
            throw CLIError.badInput("Kho chưa cấu hình nguồn hồ sơ trực tuyến: quản trị chạy lại motcua sync configure "
                                    + "(đủ các tuỳ chọn như lần trước) thêm --feed-endpoint PATH, ví dụ --feed-endpoint /api/feed")
        }
        return endpoint
    }
}
