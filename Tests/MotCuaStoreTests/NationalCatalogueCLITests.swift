import Foundation
import Testing

/// `motcua catalogue import-national` through the real binary (issue 13).
@Suite("National catalogue import, command line", .serialized)
struct NationalCatalogueCLITests {
    @Test func anAdminImportsANewVersionAndTheOldOneStays() throws {
        let dir = TempDirectory("national")
        defer { dir.cleanup() }
        let env = ["MOTCUA_NOW": "2026-12-01T09:00", "MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s"]
        #expect(try motcua(["init", "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"], environment: env).status == 0)
        #expect(try motcua(["users", "add", "lan", "--name", "Lê Thị Lan", "--role", "clerk"], environment: env).status == 0)
        let clerk = env.merging(["MOTCUA_USER": "lan"]) { $1 }
        let old = try motcua(["receive", "--procedure", "1.004873", "--name", "Nguyễn Văn Ánh", "--id", "046090001234",
                              "--phone", "0912345678", "--json"], environment: clerk)
        #expect(old.status == 0, "\(old.stderr)")
        let file = InteropFixture.path("national-catalogue.json")

        let refused = try motcua(["catalogue", "import-national", file], environment: clerk)
        #expect(refused.status == 4, "only an admin: \(refused.status) \(refused.stderr)")

        let result = try motcua(["catalogue", "import-national", file, "--json"], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["imported"] as? Int == 4)
        let unmapped = try #require(json["unmapped"] as? [[String: Any]])
        #expect(unmapped.map { "\($0["code"] as? String ?? "") \($0["field"] as? String ?? "")" }
                == ["1.004873 PHILEPHI.SOTIEN", "2.000942 THANHPHANHOSO.TRUONGHOP", "2.000942 route"])
        #expect(FileManager.default.fileExists(atPath: dir.path + "/s/catalogue/v1.json")
                && FileManager.default.fileExists(atPath: dir.path + "/s/catalogue/v2.json"), "older versions are kept")

        // The new procedure can be received; the old dossier keeps its catalogue version.
        let new = try motcua(["receive", "--procedure", "2.000942", "--name", "Trần Thị Bé", "--id", "046190001234",
                              "--phone", "0905123456", "--json"], environment: clerk)
        #expect(new.status == 0, "\(new.stderr)")
        let code = try #require((try JSONSerialization.jsonObject(with: Data(old.stdout.utf8)) as? [String: Any])?["code"] as? String)
        #expect(try motcua(["show", code, "--json"], environment: clerk).stdout.contains("\"catalogueVersion\":1"))
        let shown = try motcua(["catalogue", "show", "1.004873"], environment: clerk)
        #expect(shown.stdout.contains("Kết quả: Giấy xác nhận tình trạng hôn nhân"), "\(shown.stdout)")

        let bad = dir.path + "/bad.json"
        try Data("{\"x\":1}".utf8).write(to: URL(fileURLWithPath: bad))
        let badResult = try motcua(["catalogue", "import-national", bad], environment: env)
        #expect(badResult.status == 2 && badResult.stderr.contains("không thấy thủ tục nào"), "\(badResult.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/s/catalogue/v3.json"), "nothing changed")
        #expect(try motcua(["check"], environment: env).status == 0)
    }
}
