import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaStore

/// The environment variables motcua reads (this module is the only place that reads them).
enum Environment {
    static var values: [String: String] { ProcessInfo.processInfo.environment }
    static var dataDirectory: String? { values["MOTCUA_DATA"].flatMap { $0.isEmpty ? nil : $0 } }
    /// Training stores only: a simulated clock.
    static var clockOverride: String? { values["MOTCUA_NOW"].flatMap { $0.isEmpty ? nil : $0 } }
    /// Training stores only: a simulated login.
    static var userOverride: String? { values["MOTCUA_USER"].flatMap { $0.isEmpty ? nil : $0 } }
    static let defaultDataDirectory = "/var/lib/motcua"
}

struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "Thư mục kho dữ liệu (mặc định: biến MOTCUA_DATA, rồi /var/lib/motcua).")
    var data: String?

    @Option(name: .customLong("as"), help: "Quản trị thao tác thay cho tài khoản LOGIN (được ghi cả hai tên).")
    var actAs: String?

    @Flag(name: .long, help: "In một tài liệu JSON trên stdout.")
    var json = false

    var directory: String {
        data ?? Environment.dataDirectory ?? Environment.defaultDataDirectory
    }
}

struct WriteOptions: ParsableArguments {
    @Option(name: .customLong("expect-version"), help: "Chỉ ghi nếu hồ sơ đang ở phiên bản này (chống ghi đè).")
    var expectVersion: Int?

    @Option(name: .customLong("op"), help: "Khóa thao tác (idempotency): gửi lại cùng khóa không ghi thêm.")
    var op: String?
}

/// An open store with the acting official and the time, as every store command needs.
struct StoreContext {
    let store: Store
    let actor: Actor
    let now: Instant

    static func open(_ options: StoreOptions, history: HistoryLoading = .all) throws -> StoreContext {
        let store = try Store.open(at: options.directory, history: history)
        return try StoreContext(store: store, actAs: options.actAs)
    }

    init(store: Store, actAs: String?) throws {
        self.store = store
        try store.checkOverrides(clock: Environment.clockOverride != nil, user: Environment.userOverride != nil)
        if let text = Environment.clockOverride {
            guard let instant = Instant(iso8601: text) else {
                throw CLIError.badInput("MOTCUA_NOW: '\(text)' không phải thời điểm ISO 8601")
            }
            now = instant
        } else {
            now = Clock.system.now
        }
        guard let login = Environment.userOverride ?? ProcessIdentity.login else {
            throw CLIError.failure("Không xác định được tài khoản hệ điều hành đang chạy motcua")
        }
        actor = try store.actor(login: login, actingAs: actAs, terminal: ProcessIdentity.terminal(environment: Environment.values))
    }

    var deadlineClock: DeadlineClock { DeadlineClock(now: now, calendar: store.calendar) }
}
