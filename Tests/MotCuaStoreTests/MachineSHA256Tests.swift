import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// The chain's SHA-256 (swift-crypto) against the core's own implementation and FIPS 180-4's
/// vectors: a differing byte would make every journal look tampered with, or none.
@Suite("Machine SHA-256")
struct MachineSHA256Tests {
    @Test func fipsVectors() {
        #expect(MachineSHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(MachineSHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(MachineSHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func equalsTheCoresImplementationOnEveryLengthAndInPieces() {
        var rng = SystemRandomNumberGenerator()
        for length in Array(0...200) + [511, 512, 513, 4_096, 1 << 20] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let expected = SHA256.hex(SHA256.hash(bytes))
            #expect(MachineSHA256.hex(of: bytes) == expected, "\(length)")
            var pieces = MachineSHA256()
            var at = 0
            while at < bytes.count {
                let n = min(bytes.count - at, Int.random(in: 1...700, using: &rng))
                bytes[at..<(at + n)].withUnsafeBytes { pieces.update($0) }
                at += n
            }
            #expect(pieces.hex() == expected && pieces.hex(characters: 32) == String(expected.prefix(32)))
        }
        var text = MachineSHA256()
        text.update("Nguyễn Văn Ánh")
        #expect(text.hex() == SHA256.hex(SHA256.hash(Array("Nguyễn Văn Ánh".utf8))))
    }
}
