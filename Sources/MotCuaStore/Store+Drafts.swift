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
}
