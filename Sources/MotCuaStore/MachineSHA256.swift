import Crypto
import MotCuaCore

/// SHA-256 at the machine's speed: swift-crypto's BoringSSL, which uses the CPU's SHA
/// instructions where it has them (~1.5 GB/s here against ~175 MB/s for the pure-Swift
/// `MotCuaCore.SHA256`). For the journal's chain and the sealed months' digests: a full check
/// hashes 1.2 GB twice at 500,000 dossiers. The only file of the store that imports Crypto.
struct MachineSHA256 {
    private var hasher = Crypto.SHA256()

    mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

    mutating func update(_ text: String) {
        var copy = text
        copy.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    static func hex(of bytes: [UInt8]) -> String {
        var sha = MachineSHA256()
        bytes.withUnsafeBytes { sha.update($0) }
        return sha.hex()
    }

    /// The first `characters` of the digest in lowercase hex (all 64 by default).
    func hex(characters: Int = 64) -> String {
        hasher.finalize().withUnsafeBytes { MotCuaCore.SHA256.hex($0, characters: characters) }
    }
}
