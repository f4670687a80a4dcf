/// The roles of the users file.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    /// Desk clerk (cán bộ một cửa).
    case clerk
    /// Department official (cán bộ chuyên môn).
    case officer
    /// Head of the centre or of a department.
    case supervisor
    /// Maintains users, catalogue and calendar.
    case admin

    public var vietnamese: String {
        switch self {
        case .clerk: return "Cán bộ một cửa"
        case .officer: return "Cán bộ chuyên môn"
        case .supervisor: return "Lãnh đạo"
        case .admin: return "Quản trị"
        }
    }

    private var rank: Int { Role.allCases.firstIndex(of: self)! }
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// Everything a user can ask motcua to do, for the role check.
public enum Permission: Hashable, Sendable {
    case view
    case receive
    case dossier(DossierAction)
    case viewReports
    /// Reports and lists of other offices than the user's own.
    case viewAllOffices
    case viewPersonalData
    case manageUsers
    case manageCatalogue
    case manageCalendar
    /// Point the store at the national portal (`motcua sync configure`).
    case configureSync
    /// Set the command that delivers messages to citizens on a channel (SMS, Zalo, e-mail).
    case configureNotifications
    /// `--as LOGIN`: act on another official's behalf.
    case actAs
    /// Take a fee payment or record an exemption (`motcua pay`, `exempt`; F6 Thu phí).
    case takeFee
    /// Give a payment back (`motcua refund`).
    case refundFee
    /// Record a paper's digitisation or an electronic result (`motcua document`).
    case recordDocuments
    /// The day's cash book of every clerk (`motcua cashbook`).
    case viewCashbook
    /// Set the scan folder (`motcua documents configure`).
    case configureDocuments
    /// The number queue: a ticket from the kiosk; calling and serving at a counter; configuring counters.
    case issueTicket
    case serveCounter
    case manageCounters

    public var vietnamese: String {
        switch self {
        case .view: return "xem hồ sơ"
        case .receive: return "tiếp nhận hồ sơ"
        case .dossier(let action): return action.vietnamese
        case .viewReports: return "xem báo cáo thống kê"
        case .viewAllOffices: return "xem số liệu của các đơn vị khác"
        case .viewPersonalData: return "xem đầy đủ số định danh, điện thoại"
        case .manageUsers: return "quản lý người dùng"
        case .manageCatalogue: return "sửa danh mục thủ tục"
        case .manageCalendar: return "sửa lịch nghỉ"
        case .configureSync: return "cấu hình đồng bộ Cổng Dịch vụ công"
        case .configureNotifications: return "cấu hình gửi tin nhắn cho người dân"
        case .actAs: return "thao tác thay người khác (--as)"
        case .takeFee: return "thu phí, lệ phí"
        case .refundFee: return "hoàn phí, lệ phí"
        case .recordDocuments: return "ghi nhận số hóa giấy tờ"
        case .viewCashbook: return "xem sổ thu phí, lệ phí"
        case .configureDocuments: return "cấu hình thư mục bản quét"
        case .issueTicket: return "cấp số thứ tự"
        case .serveCounter: return "gọi số tại quầy"
        case .manageCounters: return "cấu hình quầy"
        }
    }
}

/// The role matrix, in one place, for every command of the CLI and the TUI.
public enum AccessPolicy {
    public static func allows(_ role: Role, _ operation: Permission) -> Bool {
        switch operation {
        case .view:
            return true
        case .viewPersonalData:
            return role <= .officer            // the desk and the department handling the dossier
        case .receive:
            return role != .officer
        case .dossier(let action):
            switch action {
            case .returnResult, .supplementReceived, .withdraw, .rate:
                return role != .officer        // happen at the desk, face to face with the citizen
            default:
                return true
            }
        case .viewReports:
            return true
        case .viewAllOffices:
            return role >= .supervisor
        case .issueTicket:
            return true
        case .serveCounter:
            return role != .officer            // counters are the desk's, where citizens are served
        case .manageUsers, .manageCatalogue, .manageCalendar, .configureSync, .configureNotifications, .actAs,
             .configureDocuments, .manageCounters:
            return role == .admin
        case .takeFee:
            return role != .officer            // money changes hands at the desk
        case .refundFee, .viewCashbook:
            return role >= .supervisor         // the head of the desk answers for the cash
        case .recordDocuments:
            return true                        // the desk scans at reception, the department its result
        }
    }
}
