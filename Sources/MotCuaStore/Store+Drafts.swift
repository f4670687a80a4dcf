import Foundation
import MotCuaCore

/// Unsaved intake forms kept per official in `drafts/<login>.json`, so a dropped SSH link loses nothing.
extension Store {
    func draftPath(_ login: String) -> String { "\(files.drafts)/\(login).json" }

    public func saveDraft(_ bytes: [UInt8], login: String) throws {
        do { try fs.atomicReplace(draftPath(login), with: bytes, mode: config.fileModeBits, group: groupID) } catch {
            throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
        }
    }

    public func loadDraft(login: String) -> [UInt8]? { try? fs.readFile(draftPath(login)) ?? nil }

    public func clearDraft(login: String) { try? fs.unlink(draftPath(login)) }

    /// Where the terminal UI writes its stderr while the screen is active.
    public func logPath(login: String) -> String { "\(files.logs)/tui-\(login).log" }

    /// A directory for files officials write (receipts, printed forms).
    public var outputDirectory: String { "\(path)/output" }

    /// Writes `bytes` as `output/<name>` (the directory made if missing) without following a link
    /// another official may have put there (`NoFollowFiles`); returns the path.
    public func writeOutput(_ bytes: [UInt8], name: String) throws -> String {
        do {
            try fs.mkdir(outputDirectory, mode: config.directoryModeBits)
            try NoFollowFiles.replace(directory: outputDirectory, name: name, bytes: bytes, mode: config.fileModeBits, group: groupID)
        } catch {
            throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
        }
        return "\(outputDirectory)/\(name)"
    }
}
