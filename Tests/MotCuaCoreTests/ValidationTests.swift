import Testing
@testable import MotCuaCore

@Suite("Validation and search folding")
struct ValidationTests {
    @Test(arguments: ["046090001234", "001203004567", "079188000001"])
    func validPersonalIDs(id: String) { #expect(Validation.idNumber(id).isEmpty) }

    @Test(arguments: ["000090001234", "097090001234", "04609000123", "04609000123X", "0460900012345"])
    func invalidPersonalIDs(id: String) {
        #expect(Validation.idNumber(id).contains { $0.severity == .error })
    }

    @Test func anOldCMNDIsAcceptedWithAWarning() {
        #expect(Validation.idNumber("191234567").map(\.severity) == [.warning])
    }

    @Test(arguments: ["0912345678", "0321234567", "0868123456", "+84912345678", "84 912 345 678", "0912.345.678", "02343822222"])
    func validPhones(phone: String) { #expect(Validation.phone(phone).isEmpty, "\(phone)") }

    @Test(arguments: ["0112345678", "091234567", "09123456789", "0612345678", "phone", ""])
    func invalidPhones(phone: String) { #expect(!Validation.phone(phone).isEmpty, "\(phone)") }

    @Test func namesAreRequiredAndBounded() {
        #expect(!Validation.name("   ").isEmpty)
        #expect(!Validation.name(String(repeating: "a", count: 201)).isEmpty)
        #expect(Validation.name("Đặng Thị Thu Hà").isEmpty)
    }

    @Test func foldingIgnoresCaseDiacriticsAndToneMarkPlacement() {
        #expect(SearchFolding.fold("Nguyễn Văn Ánh") == "nguyen van anh")
        #expect(SearchFolding.fold("ĐẶNG Thị Đào") == "dang thi dao")
        #expect(SearchFolding.fold("hoà") == SearchFolding.fold("hòa"))
        #expect(SearchFolding.fold("Nguye\u{0302}\u{0303}n") == "nguyen")      // decomposed input
        #expect(SearchFolding.terms("  nguyen   VAN a ") == ["nguyen", "van", "a"])
        let key = DossierSummary.searchKey(name: "Nguyễn Văn A", code: "000.00.xx.H57-261127-0001", idNumber: "046090001234", phone: "0912345678")
        for query in ["nguyen van a", "NGUYỄN", "h57-261127", "0912", "046090"] {
            #expect(SearchFolding.terms(query).allSatisfy { key.contains($0) }, "\(query)")
        }
    }

    @Test func catalogueSearchIsAccentInsensitive() {
        #expect(Catalogue.sample.search("khai sinh").map(\.code).contains("1.001193"))
        #expect(Catalogue.sample.search("KHAI SINH").map(\.code) == Catalogue.sample.search("khai sinh").map(\.code))
        #expect(Catalogue.sample.search("ho tich").count >= 12)
        #expect(Catalogue.sample.procedures.count >= 30)
        #expect(Set(Catalogue.sample.procedures.map(\.field)).count >= 6)
    }

    @Test func displayTextNeutralisesControlsAndBidi() {
        #expect(DisplayText.sanitize("A\u{1B}[31mB") == "A\u{241B}[31mB")
        #expect(DisplayText.sanitize("x\u{202E}y\u{0}z\u{9B}") == "xy\u{2400}z\u{FFFD}")
        #expect(DisplayText.sanitize("Nguyễn") == "Nguyễn")
        #expect(DisplayText.sanitize("a\nb", keepNewlines: true) == "a\nb")
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex(SHA256.hash("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(SHA256.hash("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256.hex(SHA256.hash(long)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000))) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Fed in pieces of every awkward size (partial blocks carried, several blocks at once): the same digest.
        let bytes = (0..<2_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for piece in [1, 7, 32, 63, 64, 65, 129, 1_000] {
            var sha = SHA256()
            var start = 0
            while start < bytes.count {
                sha.update(Array(bytes[start..<min(bytes.count, start + piece)]))
                start += piece
            }
            #expect(SHA256.hex(sha.finalize()) == SHA256.hex(SHA256.hash(bytes)), "pieces of \(piece)")
        }
        #expect(SHA256.hex(SHA256.hash(bytes)) == "e0f38f73dfc5ecb45e2eeafad1d949d1af3ca858ae9dfba89da8d85afa6d1c15")
    }

    @Test func crc32MatchesTheStandardVectorAndTheOneTableLoopAtEveryLengthAndAlignment() {
        #expect(CRC32.hex(CRC32.checksum(Array("123456789".utf8))) == "cbf43926")
        #expect(CRC32.checksum([]) == 0)
        var table = [UInt32](repeating: 0, count: 256)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            table[n] = c
        }
        func reference(_ bytes: ArraySlice<UInt8>) -> UInt32 {
            ~bytes.reduce(~UInt32(0)) { c, b in table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        var rng = SeededGenerator(seed: 5)
        let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &rng) }
        for start in 0..<9 {
            for end in stride(from: start, through: bytes.count, by: 7) {
                let slice = bytes[start..<end]
                #expect(slice.withUnsafeBytes { CRC32.checksum($0) } == reference(slice), "\(start)..<\(end)")
            }
        }
    }
}
