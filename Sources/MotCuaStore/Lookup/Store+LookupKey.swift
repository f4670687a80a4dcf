import Foundation
import MotCuaCore

/// The store's lookup key: 32 random bytes in `lookup.key`, from which every dossier's lookup
/// secret is derived (`LookupSecret`). Mode 0440 in the store's group: the set-group-ID program
/// reads it, nobody writes it in place, and it is never in the journal, a snapshot or any output.
/// `init` makes it; a store made before the lookup existed gets it on first need, under the
/// writer lock so two clerks printing receipts at once cannot make two different keys.
extension Store {
    static let lookupKeyMode: UInt32 = 0o440
    static let lookupKeyBytes = 32

    var lookupKeyPath: String { "\(path)/lookup.key" }

    /// The key if one was made; nil means no receipt of this store carries a secret yet.
    public func existingLookupKey() throws -> [UInt8]? {
        let bytes: [UInt8]?
        do { bytes = try fs.readFile(lookupKeyPath) } catch { throw StoreError.io(error) }
        guard let bytes else { return nil }
        let hex = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let key = Self.bytes(hex: hex), key.count == Self.lookupKeyBytes else {
            throw StoreError.invalidFile(path: lookupKeyPath, reason: "khóa tra cứu phải là \(Self.lookupKeyBytes * 2) chữ số hex; "
                                         + "khôi phục tệp từ bản sao lưu (làm khóa mới thì mọi mã tra cứu đã in không còn đúng)")
        }
        return key
    }

    /// The key, made now if the store has none.
    public func lookupKey() throws -> [UInt8] {
        if let key = try existingLookupKey() { return key }
        return try withWriteLock { try createLookupKeyLocked() }
    }

    /// Under the writer lock: the key another process may just have made, else a new one.
    func createLookupKeyLocked() throws -> [UInt8] {
        if let key = try existingLookupKey() { return key }
        var generator = SystemRandomNumberGenerator()     // getrandom(2) on Linux
        let key = (0..<Self.lookupKeyBytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
        do {
            try fs.atomicReplace(lookupKeyPath, with: Array((SHA256.hex(key) + "\n").utf8), mode: Self.lookupKeyMode, group: groupID)
        } catch {
            throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
        }
        return key
    }

    /// The lookup secret of a dossier of this store (made with the key, creating it if needed).
    public func lookupSecret(of summary: DossierSummary) throws -> LookupSecret {
        LookupSecret(key: try lookupKey(), dossier: summary.id, code: summary.code)
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            case 65...70: return c - 55
            default: return nil
            }
        }
        var out: [UInt8] = []
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let hi = value(digits[i]), let lo = value(digits[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
        }
        return out
    }
}
