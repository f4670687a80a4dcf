import Foundation
import MotCuaCore
import MotCuaStore

/// Where and how to reach the portal's adapter (interop.md §1.1), as `sync/config.json` keeps it.
/// The password is not here: it lives in `sync/credentials.json` (mode 0600).
public struct SyncSettings: Codable, Sendable, Equatable {
    public var schema = 1
    public var adapterURL: String
    public var authEndpoint: String
    public var integrationEndpoint: String
    /// Where `sync pull` fetches the provincial portal's pending online dossiers; nil (and absent
    /// from config.json files written before it existed) when the store does not pull.
    public var feedEndpoint: String?
    public var madonvi: String
    public var dstcode: String
    public var username: String
    /// Seconds to wait for one answer (OC21 waits 6).
    public var timeoutSeconds: Double
    /// The first wait after a failed call; each further failure doubles it (capped at a minute).
    public var retryBaseMilliseconds: Int
    /// Calls tried per message before `push` stops and leaves the rest pending.
    public var attempts: Int

    public init(adapterURL: String, authEndpoint: String, integrationEndpoint: String, madonvi: String, dstcode: String,
                username: String, feedEndpoint: String? = nil, timeoutSeconds: Double = 10, retryBaseMilliseconds: Int = 1000,
                attempts: Int = 4) {
        self.adapterURL = adapterURL
        self.authEndpoint = authEndpoint
        self.integrationEndpoint = integrationEndpoint
        self.feedEndpoint = feedEndpoint
        self.madonvi = madonvi
        self.dstcode = dstcode
        self.username = username
        self.timeoutSeconds = timeoutSeconds
        self.retryBaseMilliseconds = retryBaseMilliseconds
        self.attempts = attempts
    }

    /// Which portal the outbox's cursor belongs to: pointing the store elsewhere starts afresh.
    public var target: String { "\(adapterURL.lowercased())|\(madonvi)" }

    /// What is wrong with the settings, in the admin's words, or nil.
    public func problem() -> String? {
        guard let url = URL(string: adapterURL), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              url.host != nil else { return "--adapter-url: '\(adapterURL)' không phải địa chỉ http(s)://…" }
        let endpoints = [("--auth-endpoint", authEndpoint), ("--integration-endpoint", integrationEndpoint)]
            + (feedEndpoint.map { [("--feed-endpoint", $0)] } ?? [])
        for (name, path) in endpoints {
            guard path.hasPrefix("/"), !path.contains(where: { $0.isWhitespace }), URL(string: adapterURL + path) != nil else {
                return "\(name): '\(path)' phải là đường dẫn bắt đầu bằng /"
            }
        }
        for (name, value) in [("--madonvi", madonvi), ("--dstcode", dstcode), ("--username", username)] {
            guard !value.isEmpty, value.count <= 200, !value.contains(where: { $0.isNewline || $0.isWhitespace }) else {
                return "\(name): không được để trống hay chứa khoảng trắng"
            }
        }
        guard timeoutSeconds > 0, timeoutSeconds <= 300 else { return "--timeout: từ 1 đến 300 giây" }
        guard retryBaseMilliseconds >= 0, attempts >= 1, attempts <= 20 else { return "--attempts: từ 1 đến 20" }
        return nil
    }

    /// The audit line: everything but the password.
    public var auditDetail: String {
        "\(adapterURL) auth \(authEndpoint) integration \(integrationEndpoint)\(feedEndpoint.map { " feed " + $0 } ?? "") madonvi \(madonvi) dstcode \(dstcode) user \(username)"
    }

    public var json: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data()) + [10]
    }

    /// The store's settings, nil when sync was never configured.
    public static func load(from store: Store) throws -> SyncSettings? {
        guard let bytes = try store.readSyncFile(Store.syncSettingsFile) else { return nil }
        do { return try JSONDecoder().decode(SyncSettings.self, from: Data(bytes)) } catch {
            throw StoreError.invalidFile(path: "\(store.syncDirectory)/\(Store.syncSettingsFile)", reason: "\(error)")
        }
    }
}

/// The adapter account's password, kept apart from the settings.
public struct SyncCredentials: Codable, Sendable {
    public var password: String

    public init(password: String) { self.password = password }

    public var json: [UInt8] { Array((try? JSONEncoder().encode(self)) ?? Data()) + [10] }

    public static func load(from store: Store) throws -> SyncCredentials {
        let path = "\(store.syncDirectory)/\(Store.syncCredentialsFile)"
        guard let bytes = try store.readSyncFile(Store.syncCredentialsFile) else {
            throw StoreError.invalidFile(path: path, reason: "tệp không tồn tại (chạy motcua sync configure)")
        }
        do { return try JSONDecoder().decode(SyncCredentials.self, from: Data(bytes)) } catch {
            throw StoreError.invalidFile(path: path, reason: "không đọc được mật khẩu")
        }
    }
}
