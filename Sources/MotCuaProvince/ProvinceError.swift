/// Why the province's database could not be used, worded for the administrator who runs the
/// replicator: what failed and where, never a password and never a journal line's contents.
public enum ProvinceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `--postgres` address cannot be used as written (exit 2).
    case badAddress(String)
    /// The server could not be reached or refused the login (exit 1).
    case unreachable(server: String, reason: String)
    /// The server answered with an error (exit 1).
    case server(server: String, reason: String)
    /// The database holds another journal under this agency, or more of it than the store has (exit 1).
    case differentJournal(agency: String, reason: String)
    /// The store's journal cannot be taken further (exit 1).
    case damagedJournal(String)
    /// The official's role may not send the centre's journal out (exit 4).
    case forbidden(String)

    public var isBadInput: Bool { if case .badAddress = self { return true } else { return false } }
    public var isForbidden: Bool { if case .forbidden = self { return true } else { return false } }

    public var description: String {
        switch self {
        case .badAddress(let why): return "--postgres: \(why)"
        case .unreachable(let server, let reason): return "Không kết nối được máy chủ PostgreSQL \(server): \(reason)"
        case .server(let server, let reason): return "Máy chủ PostgreSQL \(server) báo lỗi: \(reason)"
        case .differentJournal(let agency, let reason):
            return "Cơ sở dữ liệu tỉnh đã có một nhật ký khác của cơ quan \(agency): \(reason). Không gộp hai nhật ký; kiểm tra lại kho hoặc cơ sở dữ liệu"
        case .damagedJournal(let why): return "Nhật ký của kho hỏng, dừng sao chép trước dòng hỏng: \(why)"
        case .forbidden(let why): return why
        }
    }
}
