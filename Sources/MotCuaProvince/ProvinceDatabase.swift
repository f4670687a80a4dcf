import Foundation
import MotCuaStore
import NIOSSL
import PostgresNIO

/// One connection to the province's PostgreSQL database, used from synchronous code.
///
/// Every call blocks its caller until the server has answered; each batch of journal lines is
/// one transaction with the centre's row locked, so a replicator killed at any instant leaves
/// either the whole batch and its new `last_seq`, or neither.
public final class ProvinceDatabase: Sendable {
    public let address: ProvinceAddress
    let connection: PostgresConnection
    let logger: Logger
    var s: String { address.schema }

    private init(address: ProvinceAddress, connection: PostgresConnection, logger: Logger) {
        self.address = address
        self.connection = connection
        self.logger = logger
    }

    /// Connects and creates the tables and views if they are missing.
    public static func open(_ address: ProvinceAddress) throws(ProvinceError) -> ProvinceDatabase {
        let logger = quietLogger()
        let configuration = try configuration(for: address)
        let connection: PostgresConnection
        do {
            connection = try Blocking.run {
                try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            }
        } catch {
            throw .unreachable(server: address.display, reason: Self.reason(error))
        }
        let database = ProvinceDatabase(address: address, connection: connection, logger: logger)
        do {
            try database.prepare()
        } catch {
            database.close()
            throw error
        }
        return database
    }

    private static func configuration(for address: ProvinceAddress) throws(ProvinceError) -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch address.tls {
            case .disable:
                tls = .disable
            case .prefer, .require:
                var config = TLSConfiguration.makeClientConfiguration()
                config.certificateVerification = .none      // libpq's prefer/require: encrypted, not authenticated
                let context = try NIOSSLContext(configuration: config)
                tls = address.tls == .prefer ? .prefer(context) : .require(context)
            case .verifyFull:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw .badAddress("không dựng được TLS: \(error)")
        }
        var configuration = PostgresConnection.Configuration(host: address.host, port: address.port, username: address.user,
                                                             password: address.password, database: address.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.additionalStartupParameters = [("application_name", "motcua")]
        return configuration
    }

    public func close() {
        let connection = connection
        _ = try? Blocking.run { try await connection.close() }
    }

    /// Creates the schema's tables and views, one creator at a time (two replicators starting
    /// together would otherwise race on `CREATE TABLE IF NOT EXISTS`).
    func prepare() throws(ProvinceError) {
        let encoding = try rows("SHOW server_encoding", as: String.self)
        guard encoding.first == "UTF8" else {
            throw .server(server: address.display, reason: "cơ sở dữ liệu mã hoá \(encoding.first ?? "?"), cần UTF8 để giữ nguyên từng dòng nhật ký")
        }
        let statements = ProvinceSchema.statements(s)
        try transaction { connection, logger in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext('motcua.province.schema'))", logger: logger)
            for sql in statements { try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
        }
    }

    // MARK: - Replication

    /// The centre's replicated position, registering the centre the first time.
    func position(agency: String, name: String) throws(ProvinceError) -> (seq: Int64, hash: String) {
        let s = s
        return try transaction { connection, logger in
            var insert = PostgresBindings()
            insert.append(agency)
            insert.append(name)
            try await connection.query(PostgresQuery(unsafeSQL: "INSERT INTO \(s).centres (agency, name) VALUES ($1, $2) ON CONFLICT (agency) DO NOTHING",
                                                     binds: insert), logger: logger)
            return try await Self.lockedPosition(connection, logger, schema: s, agency: agency, lock: false)
        }
    }

    enum AppendOutcome: Equatable {
        case appended
        /// Another replicator moved the centre's position first: nothing was written.
        case moved(seq: Int64, hash: String)
    }

    /// Appends `lines` (the lines right after `expected`) and moves the centre to the last of
    /// them, in one transaction; nothing if the centre is no longer at `expected`.
    func append(agency: String, name: String, lines: [JournalLine], expected: (seq: Int64, hash: String)) throws(ProvinceError) -> AppendOutcome {
        guard let last = lines.last else { return .appended }
        let s = s
        var binds = PostgresBindings()
        binds.append(agency)
        binds.append(lines.map(\.seq))
        binds.append(lines.map(\.text))
        binds.append(lines.map(\.hash))
        binds.append(lines.map(\.previousHash))
        var update = PostgresBindings()
        update.append(agency)
        update.append(last.seq)
        update.append(last.hash)
        update.append(name)
        let insert = PostgresQuery(unsafeSQL: ProvinceSchema.insertBatch(s), binds: binds)
        let move = PostgresQuery(unsafeSQL: "UPDATE \(s).centres SET last_seq = $2, last_hash = $3, name = $4, updated_at = now() WHERE agency = $1",
                                 binds: update)
        return try transaction { connection, logger in
            let now = try await Self.lockedPosition(connection, logger, schema: s, agency: agency, lock: true)
            guard now == expected else { return .moved(seq: now.seq, hash: now.hash) }
            try await connection.query(insert, logger: logger)
            try await connection.query(move, logger: logger)
            return .appended
        }
    }

    private static func lockedPosition(_ connection: PostgresConnection, _ logger: Logger, schema s: String, agency: String,
                                       lock: Bool) async throws -> (seq: Int64, hash: String) {
        var binds = PostgresBindings()
        binds.append(agency)
        let rows = try await connection.query(PostgresQuery(
            unsafeSQL: "SELECT last_seq, last_hash FROM \(s).centres WHERE agency = $1\(lock ? " FOR UPDATE" : "")", binds: binds), logger: logger)
        for try await (seq, hash) in rows.decode((Int64, String).self) { return (seq, hash) }
        throw ProvinceError.server(server: "", reason: "không có dòng centres cho \(agency)")
    }

    // MARK: - Plumbing

    /// Runs one statement with no parameters (an administrator's SQL; the tests' tampering).
    public func execute(_ sql: String) throws(ProvinceError) {
        let connection = connection, logger = logger
        do { _ = try Blocking.run { try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) } } catch { throw failure(error) }
    }

    /// The single value of a one-row, one-column query.
    public func scalar<T: PostgresDecodable & Sendable>(_ sql: String, as: T.Type) throws(ProvinceError) -> T? {
        try rows(sql, as: T.self).first
    }

    /// Runs `body` in one transaction (rolled back if it throws) and waits for it.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) throws(ProvinceError) -> T {
        let connection = connection, logger = logger
        do {
            return try Blocking.run {
                try await connection.withTransaction(logger: logger) { connection in try await body(connection, logger) }
            }
        } catch {
            throw failure(error)
        }
    }

    /// The rows of one query with no parameters, decoded as one column.
    public func rows<T: PostgresDecodable & Sendable>(_ sql: String, as: T.Type) throws(ProvinceError) -> [T] {
        try rows(PostgresQuery(unsafeSQL: sql), as: T.self)
    }

    func rows<T: PostgresDecodable & Sendable>(_ query: PostgresQuery, as: T.Type) throws(ProvinceError) -> [T] {
        try collect(query) { rows in
            var values: [T] = []
            for try await value in rows.decode(T.self) { values.append(value) }
            return values
        }
    }

    /// Runs `query` and hands its rows to `body` (which decodes them), waiting for both.
    func collect<T: Sendable>(_ query: PostgresQuery, _ body: @escaping @Sendable (PostgresRowSequence) async throws -> T) throws(ProvinceError) -> T {
        let connection = connection, logger = logger
        do {
            return try Blocking.run { try await body(try await connection.query(query, logger: logger)) }
        } catch {
            throw failure(error)
        }
    }

    func failure(_ error: Error) -> ProvinceError {
        if let error = error as? ProvinceError {
            if case .server(let server, let reason) = error, server.isEmpty { return .server(server: address.display, reason: reason) }
            return error
        }
        return .server(server: address.display, reason: Self.reason(error))
    }

    /// The server's message and SQLSTATE, or the connection's failure. Never the query's
    /// bindings, and not the server's DETAIL or CONTEXT, which can quote a line's contents.
    static func reason(_ error: Error) -> String {
        if let transaction = error as? PostgresTransactionError {
            if let inner = transaction.closureError ?? transaction.commitError ?? transaction.beginError { return reason(inner) }
        }
        if let error = error as? ProvinceError {
            switch error {
            case .server(_, let reason), .unreachable(_, let reason): return reason
            default: return error.description
            }
        }
        guard let psql = error as? PSQLError else { return String(describing: error) }
        if let info = psql.serverInfo, let message = info[.message] {
            return message + (info[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        if let underlying = psql.underlying { return String(describing: underlying) }
        switch psql.code {
        case .serverClosedConnection, .uncleanShutdown: return "máy chủ đóng kết nối"
        case .authMechanismRequiresPassword: return "máy chủ đòi mật khẩu (ghi trong địa chỉ hoặc PGPASSWORD)"
        case .sslUnsupported: return "máy chủ không hỗ trợ TLS (thêm ?sslmode=disable nếu đường truyền là nội bộ)"
        default: return psql.code.description
        }
    }
}

/// The driver's own logs would go to stderr, mixed with the command's messages.
private func quietLogger() -> Logger {
    var logger = Logger(label: "motcua.province")
    logger.logLevel = .critical
    return logger
}
