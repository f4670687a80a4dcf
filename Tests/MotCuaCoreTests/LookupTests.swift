import Foundation
import Testing
@testable import MotCuaCore

/// Issue 16, the pure half of the citizen's lookup: the keyed secret on the receipt and the
/// public view built from an allow-list.
@Suite("Citizen lookup: secret and public view")
struct LookupTests {
    static let key = Array(0..<32).map(UInt8.init)
    static let id = UUID(uuidString: "3f2a1c4e-8b7d-4e5f-9a0b-1c2d3e4f5a6b")!
    static let code = "000.00.xx.H57-261201-0001"

    @Test func hmacMatchesRFC4231() {
        // RFC 4231 test cases 1 and 2 (case 6: a key longer than the block is hashed first).
        #expect(SHA256.hex(HMACSHA256.authenticate(Array("Hi There".utf8), key: Array(repeating: 0x0b, count: 20)))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(SHA256.hex(HMACSHA256.authenticate(Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(SHA256.hex(HMACSHA256.authenticate(Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                                                   key: Array(repeating: 0xaa, count: 131)))
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func theSecretIsStableKeyedAndPerDossier() {
        let secret = LookupSecret(key: Self.key, dossier: Self.id, code: Self.code)
        // Pinned: a change of derivation would silently invalidate every receipt already printed.
        #expect(secret.characters == LookupSecret(key: Self.key, dossier: Self.id, code: Self.code).characters)
        #expect(secret.characters == "8KFP44", "\(secret.characters)")     // also computed with Python's hmac module
        var otherKey = Self.key
        otherKey[0] ^= 1
        #expect(LookupSecret(key: otherKey, dossier: Self.id, code: Self.code) != secret)
        #expect(LookupSecret(key: Self.key, dossier: UUID(), code: Self.code) != secret)
        #expect(LookupSecret(key: Self.key, dossier: Self.id, code: "000.00.xx.H57-261201-0002") != secret)
    }

    @Test func theAlphabetHasNoLookAlikesAndEverySecretIsSixOfIt() {
        for banned in "0O1IL" { #expect(!LookupSecret.alphabet.contains(banned)) }
        #expect(LookupSecret.alphabet.count == 31 && Set(LookupSecret.alphabet).count == 31)
        var seen = Set<String>()
        for n in 0..<500 {
            let s = LookupSecret(key: Self.key, dossier: UUID(), code: "000.00.xx.H57-261201-\(n)")
            #expect(s.characters.count == 6 && s.characters.allSatisfy(LookupSecret.alphabet.contains))
            #expect(s.description.count == 7 && s.description.split(separator: "-").map(String.init) == [String(s.characters.prefix(3)), String(s.characters.suffix(3))])
            seen.insert(s.characters)
        }
        #expect(seen.count >= 499)      // 31^6 ≈ 8.9e8 values: a collision in 500 would be a broken derivation
    }

    @Test(arguments: [
        ("8KFP44", true), ("8kfp44", true), ("8KF-P44", true), (" 8kf p44 ", true), ("8KF–P44", true),
        ("8KFP4", false), ("8KFP444", false), ("8KFP45", false), ("", false), ("8KFP44\u{1B}", false), ("8ḰFP44", false),
    ])
    func typedSecretsAreNormalisedThenComparedExactly(typed: String, matches: Bool) {
        let secret = LookupSecret(key: Self.key, dossier: Self.id, code: Self.code)
        #expect(secret.matches(typed) == matches, "\(typed)")
    }

    @Test func constantTimeEqualityIsEquality() {
        #expect(HMACSHA256.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!HMACSHA256.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!HMACSHA256.constantTimeEqual([1, 2], [1, 2, 0]))
        #expect(!HMACSHA256.constantTimeEqual([], [0]))
    }

    /// Every field of the dossier a citizen must not see on a public screen, and some that may.
    @Test func thePublicViewCarriesNoPersonalDataNorNotesNorOfficials() throws {
        var d = try TestDossier(3, received: "2026-11-30T08:15", applicant: Person(
            name: "Nguyễn Thị Ánh Dương", idNumber: "046190012345", phone: "0912345678", address: "12 Kim Long, phường Kim Long"),
            proxy: Proxy(name: "Trần Văn Bình", idNumber: "046085000111", phone: "0905111222", authorisation: "Giấy ủy quyền số 12/2026"))
        try d.run(.note("Bà Dương gọi lại số 0912345678"), "2026-11-30T09:00")
        try d.run(.transfer(department: "VP", official: "hoa"), "2026-11-30T10:00")
        try d.run(.requestSupplement(reason: "Bà Dương thiếu xác nhận cư trú", documents: ["Tờ khai có xác nhận nơi cư trú"]),
                  "2026-12-01T09:00", by: "hoa")
        let view = PublicDossierView(try d.dossier, catalogue: .sample)
        let printed = view.lines.joined(separator: "\n") + view.json.compact
        for secret in ["Nguyễn", "Dương", "Duong", "046190012345", "0912345678", "12345678", "Kim Long", "Trần Văn Bình", "046085000111",
                       "0905111222", "ủy quyền", "gọi lại", "thiếu xác nhận", "hoa", "lan", "Nguyễn Thị Hoa", "Lê Thị Lan"] {
            #expect(!printed.contains(secret), "the public view shows \(secret): \(printed)")
        }
        #expect(view.lines == [
            "Mã hồ sơ: \(d.summary.code)",
            "Thủ tục: \(d.summary.procedure.name)",
            "Ngày tiếp nhận: 08:15 30/11/2026",
            "Hẹn trả kết quả: \(d.summary.due.vietnameseShort) (\(d.summary.due.date.weekdayName))",
            "Tình trạng: Đang chờ bổ sung giấy tờ: mời ông/bà nộp bổ sung tại Bộ phận một cửa",
            "Nơi đang giữ hồ sơ: \(Catalogue.sample.department("VP")!.name)",
            "Giấy tờ cần bổ sung: Tờ khai có xác nhận nơi cư trú",
        ])
    }

    @Test func aReturnedDossierSaysWhenAndNoLongerNamesAHolder() throws {
        var d = try TestDossier(4, received: "2026-11-30T08:15")
        try d.run(.resultReady(note: "ký bởi ông Hùng"), "2026-11-30T14:00")
        try d.run(.returnResult(.proxy(name: "Trần Văn Bình")), "2026-12-01T08:00")
        let view = PublicDossierView(try d.dossier, catalogue: .sample)
        #expect(view.department == nil && view.state == .returned)
        #expect(view.lines.suffix(3) == ["Tình trạng: Đã trả kết quả", "Có kết quả từ: 14:00 30/11/2026", "Đã trả kết quả lúc: 08:00 01/12/2026"])
        #expect(!(view.lines.joined() + view.json.compact).contains("Bình") && !view.json.compact.contains("Hùng"))
    }

    @Test func theReceiptPrintsTheSecretOnlyWhenGiven() throws {
        let d = try FormFixtures.main()
        let with = try FormFixtures.render("receipt", d, .text, lookupSecret: "W8B-QHG")
        #expect(with.contains("mã tra cứu W8B-QHG"), "\(with)")
        #expect(try !FormFixtures.render("receipt", d, .text).contains("tra cứu"))
        #expect(try FormFixtures.render("receipt", d, .html, lookupSecret: "W8B-QHG").contains("W8B-QHG"))
    }
}
