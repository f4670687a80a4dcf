import Foundation
import Testing

/// Issue 18, the trust boundary with real OS accounts: a service group the clerks are not in owns
/// the store, motcua is installed set-group-ID to it (Docs/DEPLOYMENT.md §3), and a clerk reaches
/// the store only through the program. Needs root (CI runs the suite as root), `useradd` and
/// `runuser`; otherwise skipped with the reason shown in the test output.
@Suite("Trust boundary with real OS users", .serialized)
struct TrustBoundaryTests {
    static let canRun = getuid() == 0 && ["/usr/sbin/useradd", "/usr/sbin/userdel", "/usr/sbin/runuser"]
        .allSatisfy(FileManager.default.isExecutableFile(atPath:))

    @Test(.enabled(if: canRun, "skipped: needs root, useradd and runuser to create OS users (CI runs the suite as root)"))
    func aClerkUsesTheStoreOnlyThroughTheSetgidProgram() throws {
        let site = try Site()
        defer { site.remove() }
        let receive = ["receive", "--procedure", "1.004873", "--name", "Nguyễn Văn Ánh", "--id", "046090001234", "--phone", "0912345678"]

        // Through the program: the clerk receives and lists.
        let received = site.run(as: site.lan, [site.motcua] + receive + ["--json"])
        #expect(received.status == 0, "\(received.stderr)")
        let code = try #require((try? JSONSerialization.jsonObject(with: Data(received.stdout.utf8)) as? [String: Any])?["code"] as? String)
        let listed = site.run(as: site.hoa, [site.motcua, "list", "--json"])
        #expect(listed.status == 0 && listed.stdout.contains(code), "\(listed.stderr)")

        // Directly: not the journal, users.json, config.json (training), output/, nor the store's directory.
        let journal = try site.journalFiles()
        #expect(!journal.isEmpty)
        for file in journal + ["\(site.store)/users.json", "\(site.store)/config.json"] {
            #expect(site.run(as: site.lan, ["cat", file]).status != 0, "clerk read \(file)")
        }
        let before = try site.snapshot()
        #expect(site.run(as: site.lan, ["sh", "-c", #"echo '{"users":[]}' >> "$0""#, "\(site.store)/users.json"]).status != 0)
        #expect(site.run(as: site.lan, ["sed", "-i", #"s/"training" : false/"training" : true/"#, "\(site.store)/config.json"]).status != 0)
        #expect(site.run(as: site.lan, ["mkdir", "-p", "\(site.store)/output"]).status != 0)
        #expect(site.run(as: site.lan, ["ln", "-s", "\(site.home(site.hoa))/.bashrc", "\(site.store)/output/\(code)-receipt.txt"]).status != 0)
        #expect(site.run(as: site.lan, ["ls", site.store]).status != 0)
        // Nor through the program: a file the clerk names is read with the clerk's own rights.
        let smuggled = site.run(as: site.lan, [site.motcua, "inbox", "import", "\(site.store)/users.json"])
        #expect(smuggled.status == 2 && smuggled.stderr.contains("Không đọc được tệp"), "\(smuggled.stdout) \(smuggled.stderr)")
        #expect(try site.snapshot() == before, "a clerk changed the store's files")

        // Files the clerk's process added to the store stay the service group's, closed to others.
        for path in try site.storeFiles() {
            var st = stat()
            #expect(lstat(path, &st) == 0 && st.st_gid == site.serviceGID && st.st_mode & 0o007 == 0,
                    "\(path): gid \(st.st_gid) mode \(String(st.st_mode & 0o7777, radix: 8))")
        }

        // doctor says whether the boundary holds: as the clerk, and after someone joins the group.
        func boundary(_ login: String) -> String {
            let doctor = site.run(as: login, [site.motcua, "doctor", "--json"])
            let checks = (try? JSONSerialization.jsonObject(with: Data(doctor.stdout.utf8)) as? [String: Any])?["checks"] as? [[String: Any]]
            let found = checks?.first { $0["name"] as? String == "store.boundary" }
            return "\(found?["status"] ?? "?") \(found?["finding"] ?? doctor.stderr)"
        }
        #expect(boundary(site.lan).hasPrefix("ok Kho chỉ vào được qua motcua"), "\(boundary(site.lan))")
        #expect(Site.spawn(["usermod", "-aG", site.service, site.hoa]).status == 0)
        let joined = boundary(site.lan)
        #expect(joined.hasPrefix("warning") && joined.contains(site.hoa), "\(joined)")
        #expect(Site.spawn(["gpasswd", "-d", site.hoa, site.service]).status == 0)

        // Identity is the real uid: USER/LOGNAME change nothing, MOTCUA_USER is refused on a production store.
        let spoofed = site.run(as: site.lan, [site.motcua] + receive, environment: ["USER": site.hoa, "LOGNAME": site.hoa])
        #expect(spoofed.status == 0, "\(spoofed.stderr)")
        let last = try String(contentsOfFile: journal.last!, encoding: .utf8).split(separator: "\n").last ?? ""
        #expect(last.contains("\"by\":\"\(site.lan)\""), "\(last)")
        let impersonated = site.run(as: site.lan, [site.motcua, "list"], environment: ["MOTCUA_USER": site.hoa])
        #expect(impersonated.status != 0 && impersonated.stdout.isEmpty)

        // --data and MOTCUA_DATA name the user's own stores: the group is dropped first, so the
        // office's store cannot be reached that way, and the clerk's own training store is theirs.
        let viaData = site.run(as: site.lan, [site.motcua, "list", "--data", site.store])
        #expect(viaData.status != 0 && viaData.stderr.contains("bỏ quyền nhóm"), "\(viaData.stderr)")
        let viaEnvironment = site.run(as: site.lan, [site.motcua, "list"], environment: ["MOTCUA_DATA": site.store])
        #expect(viaEnvironment.status != 0 && viaEnvironment.stdout.isEmpty)
        let training = "\(site.home(site.lan))/train"
        let own = site.run(as: site.lan, [site.motcua, "init", "--data", training, "--training", "--agency", "000.00.xx.H57", "--name", "Tập"])
        #expect(own.status == 0, "\(own.stderr)")
        var st = stat()
        #expect(stat("\(training)/users.json", &st) == 0 && st.st_gid != site.serviceGID)

        // motcua demo makes its training store in the clerk's home, as the clerk.
        let demo = site.run(as: site.lan, [site.motcua, "demo", "--no-tui", "--dossiers", "5"])
        #expect(demo.status == 0, "\(demo.stderr)")
        let demoStore = "\(site.home(site.lan))/.local/share/motcua/demo/users.json"
        #expect(stat(demoStore, &st) == 0 && st.st_gid != site.serviceGID && st.st_uid == getpwnam(site.lan)?.pointee.pw_uid)

        // --output: written with the clerk's own rights (their group, 0600), never through a link.
        let mine = "\(site.home(site.lan))/receipt.txt"
        let printed = site.run(as: site.lan, [site.motcua, "print", "receipt", code, "--output", mine])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(stat(mine, &st) == 0 && st.st_gid != site.serviceGID && st.st_mode & 0o777 == 0o600)
        let link = "\(site.home(site.lan))/link.txt"
        symlink("\(site.home(site.lan))/target.txt", link)
        let throughLink = site.run(as: site.lan, [site.motcua, "print", "receipt", code, "--output", link])
        #expect(throughLink.status != 0 && throughLink.stderr.contains("symlink"), "\(throughLink.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(site.home(site.lan))/target.txt"))

        // The binary loads its Swift runtime in secure mode (RUNPATH is absolute; LD_LIBRARY_PATH ignored).
        let version = site.run(as: site.lan, [site.motcua, "--version"], environment: ["LD_LIBRARY_PATH": "/nonexistent"])
        #expect(version.status == 0, "\(version.stderr)")
    }
}

/// A throw-away installation: a service user and group, two clerks, the binary set-group-ID in a
/// directory everyone can traverse, its `motcua.conf`, and a store created through it by root.
struct Site {
    let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    var service: String { "mcsv\(suffix)" }
    var lan: String { "mcla\(suffix)" }
    var hoa: String { "mcho\(suffix)" }
    var root: String { "/tmp/motcua-boundary-\(suffix)" }
    var motcua: String { "\(root)/bin/motcua" }
    var store: String { "\(root)/store" }
    func home(_ login: String) -> String { "\(root)/home/\(login)" }
    var serviceGID: gid_t { getgrnam(service)?.pointee.gr_gid ?? 0 }

    init() throws {
        let setup: [[String]] = [
            ["install", "-d", "-m", "755", root, "\(root)/bin", "\(root)/home"],
            ["useradd", "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", service],
            ["useradd", "--create-home", "--home-dir", home(lan), "--user-group", lan],
            ["useradd", "--create-home", "--home-dir", home(hoa), "--user-group", hoa],
            ["install", "-o", "root", "-g", service, "-m", "2755", MotCuaBinary.path, motcua],
            ["sh", "-c", "printf 'data = %s\\n' \"$0\" > \"$1\" && chmod 644 \"$1\"", store, "\(root)/bin/motcua.conf"],
            ["install", "-d", "-m", "2770", "-o", service, "-g", service, store],
            [motcua, "init", "--agency", "000.00.xx.H57", "--name", "Thử ranh giới", "--group", service, "--admin-name", "Quản trị"],
            [motcua, "users", "add", lan, "--name", "Lê Thị Lan", "--role", "clerk"],
            [motcua, "users", "add", hoa, "--name", "Nguyễn Thị Hoa", "--role", "clerk"],
        ]
        for command in setup {
            let result = Self.spawn(command)
            if result.status != 0 {
                remove()
                throw SiteError(description: "\(command.joined(separator: " ")): \(result.stderr)")
            }
        }
    }

    struct SiteError: Error, CustomStringConvertible { let description: String }

    /// Also after a failure: the accounts and the directory go.
    func remove() {
        for user in [lan, hoa, service] { _ = Self.spawn(["userdel", user]) }
        _ = Self.spawn(["groupdel", service])
        try? FileManager.default.removeItem(atPath: root)
    }

    func run(as login: String, _ command: [String], environment: [String: String] = [:]) -> (status: Int32, stdout: String, stderr: String) {
        Self.spawn(["/usr/sbin/runuser", "-u", login, "--"] + command, environment: environment)
    }

    func journalFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "\(store)/journal").filter { $0.hasSuffix(".jsonl") }.sorted()
            .map { "\(store)/journal/\($0)" }
    }

    func storeFiles() throws -> [String] {
        (FileManager.default.enumerator(atPath: store)?.allObjects as? [String] ?? []).map { "\(store)/\($0)" }
    }

    /// Every file of the store with its bytes (what a clerk's direct write would change).
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try storeFiles() where !path.contains("/index/") {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = FileManager.default.contents(atPath: path)
            }
        }
        return files
    }

    /// A clean environment, as a login would give: nothing of the test's (no MOTCUA_DATA).
    static func spawn(_ command: [String], environment: [String: String] = [:]) -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0].hasPrefix("/") ? command[0] : "/usr/bin/env")
        process.arguments = command[0].hasPrefix("/") ? Array(command.dropFirst()) : command
        process.environment = ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8",
                               "SWIFT_BACKTRACE": "enable=no"].merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString).out")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        guard let outHandle = try? FileHandle(forWritingTo: out), let errHandle = try? FileHandle(forWritingTo: err) else {
            return (127, "", "no temporary files")
        }
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (127, "", "\(error)") }
        process.waitUntilExit()
        try? outHandle.close(); try? errHandle.close()
        return (process.terminationStatus, (try? String(contentsOf: out, encoding: .utf8)) ?? "", (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
