import Foundation
import Testing
@testable import MotCuaCore

/// The applicant's e-mail address (issue 14): taken at intake, masked like the phone for roles that
/// only count, and the address the e-mail channel's delivery command gets, in MOTCUA_TO only.
@Suite("E-mail at intake and the e-mail channel", .serialized)
struct EmailNotifyTests {
    static let address = "tran.nam@example.vn"

    func received(_ desk: RatingCLITests.Desk, email: String) throws -> String {
        let r = try desk.run(["receive", "--procedure", "1.004884", "--name", "Trần Văn Nam", "--id", "001085012345",
                              "--phone", "0912345678", "--email", email, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["code"] as? String ?? ""
    }

    @Test func theEmailGatewayGetsTheMessageOnStdinAndTheAddressOnlyInItsEnvironment() throws {
        let desk = try RatingCLITests.Desk(training: true)
        defer { desk.dir.cleanup() }
        let gateway = try RatingCLITests.gateway(in: desk.dir.path)
        #expect(try desk.run(["notify", "configure", "--channel", "email", "--command", gateway], as: "admin").status == 0)
        let code = try received(desk, email: "  \(Self.address) ")
        let sent = try desk.run(["notify", "send", "--json", "--training-ok"])
        #expect(sent.status == 0, "\(sent.stderr)")
        let got = try String(contentsOfFile: desk.dir.path + "/got.txt", encoding: .utf8)
        #expect(got.contains("TO=\(Self.address) CHANNEL=email ID=000.00.xx.H57-"), "\(got)")
        #expect(got.contains("UBND Phường Thử: Đã tiếp nhận hồ sơ \(code)"), "the Vietnamese text, not the SMS's ASCII: \(got)")
        // The address left only through the gateway's environment: not in notify/'s files, the log, the output.
        let notifyDir = desk.store + "/notify"
        for name in try FileManager.default.contentsOfDirectory(atPath: notifyDir) {
            let text = (try? String(contentsOfFile: notifyDir + "/" + name, encoding: .utf8)) ?? ""
            #expect(!text.contains(Self.address) && !text.contains("tran.nam"), "\(name): \(text)")
        }
        #expect(try String(contentsOfFile: notifyDir + "/delivery.log", encoding: .utf8).contains(#""output":"accepted for ***""#))
        #expect(!sent.stdout.contains(Self.address) && !sent.stderr.contains(Self.address))
        // Kept trimmed in the journal; a clerk reads it, a supervisor sees it masked like the phone.
        #expect(try desk.journal().contains(#""email":"\#(Self.address)""#))
        #expect(try desk.run(["show", code]).stdout.contains("Thư điện tử: \(Self.address)"))
        #expect(try motcua(["users", "add", "hung", "--name", "Trần Văn Hùng", "--role", "supervisor"], environment: desk.env).status == 0)
        let masked = try desk.run(["show", code, "--json"], as: "hung")
        #expect(masked.status == 0 && !masked.stdout.contains("tran.nam") && masked.stdout.contains(#""email":"****************.vn""#),
                "\(masked.stdout.prefix(600))")
    }

    @Test func aDossierWithoutAnAddressIsNotSentByEmail() throws {
        let desk = try RatingCLITests.Desk(training: true)
        defer { desk.dir.cleanup() }
        let gateway = try RatingCLITests.gateway(in: desk.dir.path)
        #expect(try desk.run(["notify", "configure", "--channel", "email", "--command", gateway], as: "admin").status == 0)
        _ = try desk.ready()
        #expect(try desk.run(["notify", "send", "--training-ok"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: desk.dir.path + "/got.txt"))
    }

    @Test(arguments: ["tran nam@example.vn", "tran.nam@example", "a@@example.vn", "@example.vn", "nam@.vn", "nam..x@example.vn",
                      "nguyễn@example.vn", "nam@example.vn\u{1B}[31m", "nam$(id)@example.vn"])
    func aMalformedAddressIsExit2AndWritesNothing(email: String) throws {
        let desk = try RatingCLITests.Desk(training: true)
        defer { desk.dir.cleanup() }
        let before = try desk.journal()
        let r = try desk.run(["receive", "--procedure", "1.004884", "--name", "Trần Văn Nam", "--id", "001085012345",
                              "--phone", "0912345678", "--email", email])
        #expect(r.status == 2 && r.stderr.contains("Thư điện tử không hợp lệ"), "\(r.status) \(r.stderr)")
        #expect(!r.stderr.contains("\u{1B}"), "the address is not echoed raw")
        #expect(try desk.journal() == before)
    }

    /// Journals written before the address was asked decode, and a person without one encodes as before.
    @Test func aPersonWithoutAnAddressDecodesAndEncodesWithoutTheField() throws {
        let old = #"{"name":"Trần Văn Nam","idNumber":"001085012345","phone":"0912345678"}"#
        let person = try JSONDecoder().decode(Person.self, from: Data(old.utf8))
        #expect(person.email == nil && person.phone == "0912345678")
        #expect(!String(decoding: try JSONEncoder().encode(person), as: UTF8.self).contains("email"))
        #expect(Validation.email("Tran.Nam+hs@phuong-thu.gov.vn").isEmpty)
    }
}
