#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import MotCuaCore

/// The scan folder: where the desk's scanner writes, named in `documents.json` beside the store's
/// config. motcua keeps a scan's path relative to it and its SHA-256, never the bytes.
public struct DocumentSettings: Codable, Equatable, Sendable {
    public var scanFolder: String

    public init(scanFolder: String) { self.scanFolder = scanFolder }
}

extension Store {
    public static let documentSettingsFile = "documents.json"
    var documentSettingsPath: String { "\(path)/\(Store.documentSettingsFile)" }

    /// The scan folder as configured, nil when none is.
    public func documentSettings() -> DocumentSettings? {
        guard let bytes = try? fs.readFile(documentSettingsPath) else { return nil }
        return try? JSONDecoder().decode(DocumentSettings.self, from: Data(bytes))
    }

    /// An admin sets the scan folder: the settings file and one `documentsConfigured` line, under the lock.
    public func configureDocuments(_ settings: DocumentSettings, actor: Actor, now: Instant) throws {
        try require(actor, may: .configureDocuments)
        try ensureWritable()
        try withWriteLock {
            try catchUpUnderLock()
            try requireStill(actor, may: .configureDocuments)
            var event = AdminEvent(kind: .documentsConfigured)
            event.detail = settings.scanFolder
            try appendAdmin(event, by: actor.login, at: now, actingAdmin: actor.actingAdmin, terminal: actor.terminal)
            do {
                try fs.atomicReplace(documentSettingsPath, with: Array(try JSONEncoder().encode(settings)), mode: config.fileModeBits, group: groupID)
            } catch let error as SystemError {
                throw StoreError.recordedNotApplied(file: documentSettingsPath, change: "thư mục bản quét", seq: cursor.lastSeq,
                                                    cause: "\(error)")
            }
        }
    }
}
