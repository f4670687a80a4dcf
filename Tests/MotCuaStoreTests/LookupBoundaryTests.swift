import Foundation
import Testing

/// Issue 16 across the trust boundary with real OS accounts (root only, as `TrustBoundaryTests`):
/// a public lookup account, in no group and not in users.json, runs the set-group-ID motcua as a
/// ForceCommand would. It reads one dossier's public view with the right pair and nothing else:
/// no other dossier, no official's command, no store file, no write but the failure count.
@Suite("Citizen lookup across the trust boundary", .serialized)
struct LookupBoundaryTests {
    @Test(.enabled(if: TrustBoundaryTests.canRun, "skipped: needs root, useradd and runuser to create OS users (CI runs the suite as root)"))
    func aPublicAccountReadsOneDossiersPublicViewAndNothingElse() throws {
        let site = try Site()
        let kiosk = "mclk\(site.suffix)"
        defer {
            _ = Site.spawn(["userdel", kiosk])
            site.remove()
        }
        #expect(Site.spawn(["useradd", "--no-create-home", "--user-group", "--shell", "/bin/sh", kiosk]).status == 0)
        func receive(_ name: String, _ id: String, _ phone: String) throws -> (code: String, secret: String) {
            let r = site.run(as: site.lan, [site.motcua, "receive", "--procedure", "1.004873", "--name", name, "--id", id, "--phone", phone, "--json"])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
            return (try #require(json["code"] as? String), try #require(json["lookupSecret"] as? String))
        }
        let first = try receive("Nguyễn Văn Ánh", "046090001234", "0912345678")
        let second = try receive("Lê Văn Thành", "046088004321", "0987654321")
        let before = try site.snapshot()

        // The right pair: the public view, no personal data.
        let view = site.run(as: kiosk, [site.motcua, "lookup", first.code, "--secret", first.secret])
        #expect(view.status == 0 && view.stdout.contains("Mã hồ sơ: \(first.code)") && view.stdout.contains("Tình trạng:"), "\(view.stderr)")
        for secret in ["Nguyễn", "Nguyen", "046090001234", "0912345678", site.lan] { #expect(!(view.stdout + view.stderr).contains(secret)) }
        // Another dossier with this secret, or an unknown code: the same refusal.
        let other = site.run(as: kiosk, [site.motcua, "lookup", second.code, "--secret", first.secret])
        let unknown = site.run(as: kiosk, [site.motcua, "lookup", String(first.code.dropLast(4)) + "0099", "--secret", first.secret])
        #expect(other.status == 2 && other.stdout.isEmpty && other.stderr == unknown.stderr && unknown.status == 2, "\(other.stderr)")
        // The interactive mode (stdin at its end at once) starts and ends cleanly.
        let prompt = site.run(as: kiosk, [site.motcua, "lookup"])
        #expect(prompt.status == 0 && prompt.stdout.contains("Mã hồ sơ: "), "\(prompt.stderr)")

        // Nothing an official does: not in users.json, so every store command is refused, with nothing on stdout.
        for command in [["show", first.code], ["list"], ["print", "receipt", first.code], ["note", first.code, "x"],
                        ["receive", "--procedure", "1.004873", "--name", "X", "--id", "046090001235", "--phone", "0912345670"]] {
            let r = site.run(as: kiosk, [site.motcua] + command)
            #expect(r.status != 0 && r.stdout.isEmpty, "\(command): \(r.stdout)")
        }
        // Not the files: the key, the journal, the directory.
        for file in try site.journalFiles() + ["\(site.store)/lookup.key", "\(site.store)/users.json"] {
            #expect(site.run(as: kiosk, ["cat", file]).status != 0, "the lookup account read \(file)")
        }
        #expect(site.run(as: kiosk, ["ls", site.store]).status != 0)
        // --data drops the group first: the office's store is out of reach that way.
        let viaData = site.run(as: kiosk, [site.motcua, "lookup", first.code, "--secret", first.secret, "--data", site.store])
        #expect(viaData.status != 0 && viaData.stdout.isEmpty, "\(viaData.stdout)")

        // Written: only the failure count, the service group's and closed to others.
        var after = try site.snapshot()
        let removed = after.removeValue(forKey: "\(site.store)/lookup.attempts")
        let attempts = try #require(removed)
        #expect(after == before, "the lookup account changed the store")
        #expect(String(decoding: attempts, as: UTF8.self).split(separator: "\n").count == 2)
        var st = stat()
        #expect(stat("\(site.store)/lookup.attempts", &st) == 0 && st.st_gid == site.serviceGID && st.st_mode & 0o007 == 0)
        #expect(stat("\(site.store)/lookup.key", &st) == 0 && st.st_gid == site.serviceGID && st.st_mode & 0o777 == 0o440)
    }
}
