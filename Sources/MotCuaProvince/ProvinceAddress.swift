import Foundation

/// Where the province's database is: a libpq-style URL,
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require|verify-full&schema=NAME]`.
/// The password may instead come from `PGPASSWORD`. `schema` (default `motcua`) names the
/// PostgreSQL schema holding the tables, so one database can hold several provinces or test runs.
public struct ProvinceAddress: Sendable, Equatable {
    public enum TLSMode: String, Sendable, CaseIterable {
        /// No TLS (a server on the loopback or a private link).
        case disable
        /// TLS when the server offers it, the certificate not verified (libpq's default).
        case prefer
        /// TLS or nothing, the certificate not verified (as libpq's `require`).
        case require
        /// TLS with the certificate verified against the system's roots and the host name.
        case verifyFull = "verify-full"
    }

    public let host: String
    public let port: Int
    public let user: String
    public let password: String?
    public let database: String
    public let schema: String
    public let tls: TLSMode

    public static let defaultSchema = "motcua"

    public init(url text: String, environmentPassword: String? = nil) throws(ProvinceError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme else {
            throw .badAddress("không đọc được địa chỉ (dạng postgres://NGƯỜI_DÙNG@MÁY:CỔNG/CSDL)")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw .badAddress("lược đồ \(scheme)://, cần postgres://")
        }
        guard let host = components.host, !host.isEmpty else { throw .badAddress("thiếu tên máy chủ (postgres://NGƯỜI_DÙNG@MÁY/CSDL)") }
        guard let user = components.percentEncodedUser?.removingPercentEncoding, !user.isEmpty else { throw .badAddress("thiếu tên người dùng (postgres://NGƯỜI_DÙNG@\(host)/CSDL)") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw .badAddress("thiếu tên cơ sở dữ liệu (postgres://\(user)@\(host)/CSDL)") }
        if let port = components.port, !(1...65535).contains(port) { throw .badAddress("cổng \(port) ngoài 1–65535") }
        var schema = Self.defaultSchema
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw .badAddress("sslmode=\(item.value ?? "") (dùng \(TLSMode.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                tls = mode
            case "schema":
                guard let name = item.value, Self.isPlainName(name) else {
                    throw .badAddress("schema=\(item.value ?? ""): chỉ chữ thường a–z, số và _, bắt đầu bằng chữ, tối đa 63 ký tự")
                }
                schema = name
            default:
                throw .badAddress("tham số \(item.name) không được hỗ trợ (chỉ sslmode, schema)")
            }
        }
        self.host = host
        port = components.port ?? 5432
        self.user = user
        password = components.percentEncodedPassword?.removingPercentEncoding ?? environmentPassword
        self.database = database
        self.schema = schema
        self.tls = tls
    }

    /// For messages and logs: the server without the password.
    public var display: String { "postgres://\(user)@\(host):\(port)/\(database) (schema \(schema))" }

    /// A name PostgreSQL takes unquoted, so it can be written into SQL text safely.
    static func isPlainName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.unicodeScalars.count <= 63 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
