#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import MotCuaCore
import MotCuaStore

/// What the clerk says about one submitted paper: the CLI's `--digitised FILE | --reused [--from CODE]`,
/// the terminal app's "Số hóa giấy tờ" dialog.
public enum DocumentMark: Equatable, Hashable, Sendable {
    /// Scanned: the file as the clerk named it (relative to the scan folder, or a path inside it).
    case digitised(file: String)
    case reused
    /// Taken from another dossier's result.
    case reusedFromResult(of: String)

    public var status: DigitisationStatus {
        switch self {
        case .digitised: return .digitised
        case .reused: return .reused
        case .reusedFromResult: return .reusedFromResult
        }
    }
}

/// Reads a file the user named with the user's own rights. The CLI, which may run set-group-ID,
/// gives up the service group around each call; elsewhere the process's rights are the user's.
public struct UserFileReader: Sendable {
    public var realPath: @Sendable (String) -> String?
    public var contents: @Sendable (String) -> [UInt8]?

    public init(realPath: @escaping @Sendable (String) -> String?, contents: @escaping @Sendable (String) -> [UInt8]?) {
        self.realPath = realPath
        self.contents = contents
    }

    public static let direct = UserFileReader(
        realPath: { path in
            guard let resolved = Glibc.realpath(path, nil) else { return nil }
            defer { free(resolved) }
            return String(cString: resolved)
        },
        contents: { path in FileManager.default.contents(atPath: path).map(Array.init) })
}

extension Desk {
    /// Records a paper's digitisation: a scan is checked and hashed first (see `scanReference`),
    /// then written as one `documentRecorded` line through the store's durable path.
    public func markDocument(_ index: Int, _ mark: DocumentMark, on code: String, expectedVersion: Int? = nil, op: String? = nil,
                             now: Instant) throws -> FeeDone {
        let record: DocumentRecord
        switch mark {
        case .digitised(let file):
            let (relative, sha) = try scanReference(file)
            record = DocumentRecord(index: index, status: .digitised, file: relative, sha256: sha)
        case .reused: record = DocumentRecord(index: index, status: .reused)
        case .reusedFromResult(let from): record = DocumentRecord(index: index, status: .reusedFromResult, from: from)
        }
        return try recordDocument(record, on: code, expectedVersion: expectedVersion, op: op, now: now)
    }

    /// A scan the clerk names must lie inside the store's scan folder (symbolic links resolved) and
    /// be readable with the clerk's own rights; only its path relative to the folder and its SHA-256
    /// are kept, never the bytes. A refusal is bad input: nothing is written.
    public func scanReference(_ file: String) throws -> (file: String, sha256: String) {
        guard let scanFolder else {
            throw StoreError.badInput("Chưa cấu hình thư mục bản quét: quản trị chạy 'motcua documents configure --scan-folder THƯ_MỤC'")
        }
        guard let folder = userFiles.realPath(scanFolder) else {
            throw StoreError.badInput("Không mở được thư mục bản quét \(scanFolder) (không tồn tại hoặc không có quyền); báo quản trị (motcua doctor)")
        }
        let name = DisplayText.sanitize(file)
        guard !file.isEmpty else { throw StoreError.badInput("Nhập tên tệp bản quét (trong thư mục bản quét \(folder)); chưa ghi gì") }
        let inFolder = "\(folder)/\(file)"
        let candidate = file.hasPrefix("/") ? file
            : (userFiles.realPath(inFolder) != nil ? inFolder : FileManager.default.currentDirectoryPath + "/" + file)
        guard let resolved = userFiles.realPath(candidate) else {
            throw StoreError.badInput("Không đọc được tệp \(name): không tồn tại trong thư mục bản quét \(folder); chưa ghi gì")
        }
        guard resolved.hasPrefix(folder + "/") else {
            throw StoreError.badInput("Tệp \(name) không nằm trong thư mục bản quét \(folder); chép bản quét vào đó rồi ghi lại. Chưa ghi gì")
        }
        guard let bytes = userFiles.contents(resolved) else {
            throw StoreError.badInput("Không đọc được tệp \(name) (không có quyền đọc hoặc là thư mục); chưa ghi gì")
        }
        return (String(resolved.dropFirst(folder.count + 1)), SHA256.hex(SHA256.hash(bytes)))
    }
}
