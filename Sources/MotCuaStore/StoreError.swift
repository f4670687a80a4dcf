import MotCuaCore

/// Where a journal or index file is damaged.
public struct Damage: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let offset: Int64
    public let reason: String

    public var description: String { "\(file), dòng \(line), byte \(offset): \(reason)" }
}

/// Another official changed the dossier since the version the command was based on.
public struct Conflict: Hashable, Sendable {
    public let code: String
    public let expectedVersion: Int
    public let currentVersion: Int
    public let by: String
    public let at: Instant
    public let kind: DossierEvent.Kind
}

/// Everything that can go wrong in the store: a Vietnamese message for the clerk and,
/// where it helps, the file and the cause for the administrator.
public enum StoreError: Error, CustomStringConvertible {
    case notAStore(String)
    case alreadyAStore(String)
    case newerFormat(path: String, found: Int, supported: Int)
    case invalidFile(path: String, reason: String)
    case io(SystemError)
    case diskFull(SystemError)
    case syncFailed(SystemError)
    case poisoned(SystemError)
    case lockTimeout(seconds: Int)
    case unknownUser(String)
    /// The official was removed from the users file while their session was open.
    case userRemoved(String)
    case forbidden(login: String, role: Role, operation: Permission)
    case notFound(String)
    case conflict(Conflict)
    case lifecycle(LifecycleError)
    /// A number-queue command that does not fit the day's queue (nobody waiting: exit 1, the rest: 2).
    case queue(QueueError)
    case readOnly([Damage])
    case damagedDossier(String)
    case clockOverrideRefused
    case userOverrideRefused
    case insecurePermissions(path: String, mode: UInt32)
    case badInput(String)
    /// An admin change's journal line was written but its file could not be replaced.
    case recordedNotApplied(file: String, change: String, seq: Int64, cause: String)

    /// The message shown to the clerk.
    public var description: String {
        switch self {
        case .notAStore(let path):
            return "Không tìm thấy kho dữ liệu motcua tại \(path) (thiếu tệp FORMAT). Kho ở thư mục khác: thêm --data THƯ_MỤC "
                + "(hoặc đặt MOTCUA_DATA). Chạy thử trên kho mẫu: motcua demo. Tạo kho mới: motcua init --data \(path) --agency MÃ --name \"Tên\""
        case .alreadyAStore(let path):
            return "Đã có kho dữ liệu tại \(path); không tạo lại"
        case .newerFormat(let path, let found, let supported):
            return "Kho dữ liệu \(path) có định dạng \(found), mới hơn bản motcua này (hỗ trợ \(supported)). Hãy cập nhật motcua."
        case .invalidFile(let path, let reason):
            return "Tệp \(path) không hợp lệ: \(reason)"
        case .io(let e):
            return "Lỗi đọc/ghi dữ liệu: \(e)"
        case .diskFull(let e):
            return "Ổ đĩa đầy: chưa lưu gì. Báo quản trị giải phóng dung lượng rồi thử lại. (\(e))"
        case .syncFailed(let e):
            return "Không ghi bền được xuống đĩa: thao tác KHÔNG được lưu. Báo quản trị ngay. (\(e))"
        case .poisoned(let e):
            return "Phiên này đã gặp lỗi ghi đĩa trước đó nên ngừng ghi; hãy thoát và mở lại motcua. (\(e))"
        case .lockTimeout(let seconds):
            return "Cán bộ khác đang lưu quá \(seconds) giây; chưa lưu gì, hãy thử lại"
        case .unknownUser(let login):
            return "Tài khoản \(login) chưa có trong danh sách người dùng của kho; đề nghị quản trị thêm bằng: motcua users add \(login) --name \"…\" --role clerk"
        case .userRemoved(let login):
            return "Tài khoản \(login) đã bị quản trị xóa khỏi danh sách người dùng của kho: phiên này không ghi được nữa. Chưa lưu gì; hãy thoát motcua"
        case .forbidden(let login, let role, let operation):
            return "\(login) (\(role.vietnamese)) không có quyền \(operation.vietnamese)"
        case .notFound(let code):
            return "Không tìm thấy hồ sơ \(code)"
        case .conflict(let c):
            return "Xung đột: hồ sơ \(c.code) đã được \(c.by) thay đổi lúc \(c.at.vietnameseShort) (\(EventText.kindName(c.kind)), phiên bản \(c.currentVersion)); bạn đang sửa phiên bản \(c.expectedVersion). Chưa lưu gì: hãy xem lại hồ sơ rồi thao tác lại."
        case .lifecycle(let e):
            return e.description
        case .queue(let e):
            return e.description
        case .readOnly(let damage):
            return "Tệp nhật ký đang dùng bị hỏng nên kho chỉ cho xem, không cho ghi. Báo quản trị chạy motcua check. Chỗ hỏng: \(damage.map(\.description).joined(separator: "; "))"
        case .damagedDossier(let code):
            return "Lịch sử hồ sơ \(code) bị hỏng trong nhật ký: chỉ xem, không sửa được. Báo quản trị chạy motcua check."
        case .clockOverrideRefused:
            return "MOTCUA_NOW chỉ dùng được với kho đào tạo (training); kho thật luôn dùng đồng hồ hệ thống"
        case .userOverrideRefused:
            return "MOTCUA_USER chỉ dùng được với kho đào tạo (training)"
        case .insecurePermissions(let path, let mode):
            return "\(path) cho phép mọi người ghi (quyền \(String(mode & 0o7777, radix: 8))): kho từ chối mở. Sửa bằng: chmod o-w \(path)"
        case .badInput(let message):
            return message
        case .recordedNotApplied(let file, let change, let seq, let cause):
            return "Đã ghi vào nhật ký (seq \(seq)) việc \(change), nhưng chưa ghi được tệp \(file) (\(cause)): thay đổi CHƯA có hiệu lực. "
                + "Báo quản trị xử lý lỗi (ổ đĩa đầy?) rồi chạy lại đúng lệnh này"
        }
    }

    /// Input the caller got wrong (exit status 2), as opposed to conflicts (3) and failures (1).
    public var isBadInput: Bool {
        switch self {
        case .lifecycle, .notFound, .badInput: return true
        case .queue(let e): return e.isBadInput
        default: return false
        }
    }
}
