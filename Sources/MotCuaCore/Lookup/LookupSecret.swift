import Foundation

/// The short secret printed on a dossier's receipt (Mẫu 01) that lets the citizen look the dossier
/// up without logging in (TT 01/2018 art. 16): HMAC-SHA256 of the dossier's identity under the
/// store's random key, written in six characters a person reads back without confusing them.
/// Knowing the code (printed, spoken at the counter, on the queue screen) gives no clue to it.
public struct LookupSecret: Hashable, Sendable, CustomStringConvertible {
    /// No 0/O, 1/I/L: what a citizen copies from paper or reads out on the phone is unambiguous.
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    public static let length = 6
    /// Bumped only if the derivation ever changes (every printed receipt would change with it).
    static let domain = "motcua-lookup-v1"

    /// The six characters, without the dash the receipt shows.
    public let characters: String

    /// The secret of the dossier `id` with `code`, under the store's `key`.
    public init(key: [UInt8], dossier id: UUID, code: String) {
        let message = Array("\(Self.domain)\n\(id.uuidString.lowercased())\n\(code)".utf8)
        let mac = HMACSHA256.authenticate(message, key: key)
        // 64 bits of the MAC, read out in base 31: the bias of the last digit is below 2^-30.
        var value = mac.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var out: [Character] = []
        for _ in 0..<Self.length {
            out.append(Self.alphabet[Int(value % UInt64(Self.alphabet.count))])
            value /= UInt64(Self.alphabet.count)
        }
        characters = String(out)
    }

    /// As printed: `ABC-DEF`.
    public var description: String {
        let half = characters.index(characters.startIndex, offsetBy: Self.length / 2)
        return "\(characters[..<half])-\(characters[half...])"
    }

    /// What the citizen typed, as compared: upper case, spaces and dashes (any kind) dropped, NFC.
    /// Anything else stays, so a typo can only fail to match.
    public static func normalised(_ typed: String) -> String {
        let ignored: Set<Character> = [" ", "\t", "-", "‐", "‑", "–", "—", "_", "."]
        return String(typed.precomposedStringWithCanonicalMapping.uppercased().filter { !ignored.contains($0) })
    }

    /// Whether `typed` is this secret, compared in constant time over the normalised bytes.
    public func matches(_ typed: String) -> Bool {
        let given = Array(Self.normalised(typed).utf8.prefix(64))
        return HMACSHA256.constantTimeEqual(given, Array(characters.utf8))
    }
}
