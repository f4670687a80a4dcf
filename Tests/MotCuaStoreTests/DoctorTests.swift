import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// A machine as the store checks see it: ext4 with room to spare and a root process, unless a test says otherwise.
func doctorSystem(magic: UInt64 = 0xEF53, free: Int64 = 20 << 30, isRoot: Bool = true, groups: [UInt32] = [],
                  groupIDs: [String: UInt32] = [:], accounts: Set<String>? = nil,
                  denied: Set<String> = []) -> DoctorSystem {
    DoctorSystem(fileSystemType: { _ in magic }, availableBytes: { _ in free },
                 accessible: { path, _, _ in !denied.contains(path) }, groupID: { groupIDs[$0] },
                 groupName: { gid in groupIDs.first { $0.value == gid }?.key },
                 userExists: { accounts?.contains($0) ?? true }, isRoot: isRoot, groups: groups)
}

extension Array where Element == DoctorCheck {
    subscript(_ name: String) -> DoctorCheck? { first { $0.name == name } }
}

@Suite("motcua doctor: store checks")
struct DoctorTests {
    func run(_ t: TestStore, login: String? = "admin", year: Int = 2026, system: DoctorSystem = doctorSystem()) -> [DoctorCheck] {
        StoreDoctor(path: t.path, login: login, year: year, system: system).run()
    }

    func setConfig(_ t: TestStore, _ change: (inout StoreConfig) -> Void) throws {
        let url = URL(fileURLWithPath: t.path + "/config.json")
        var config = try JSONDecoder().decode(StoreConfig.self, from: Data(contentsOf: url))
        change(&config)
        try JSONEncoder().encode(config).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o660], ofItemAtPath: url.path)
    }

    @Test func aHealthyStoreHasNoFailure() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let checks = run(t)
        #expect(checks.map(\.name) == ["store.format", "store.journal", "store.permissions", "store.group", "store.modes",
                                       "store.access", "store.users", "store.filesystem", "store.space", "calendar.2026", "calendar.2027"])
        #expect(!checks.contains { $0.status == .failure }, "\(checks.filter { $0.status == .failure })")
        #expect(checks["store.modes"]?.status == .ok && checks["store.permissions"]?.status == .ok)
        #expect(checks["store.journal"]?.finding.contains("seq cuối 3") == true)
    }

    @Test func aWorldWritableFileIsAFailureNamingTheFileAndTheChmodFix() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let users = t.path + "/users.json"
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: users)
        let checks = run(t)
        let check = try #require(checks["store.permissions"])
        #expect(checks["store.journal"]?.status == .failure && checks["store.journal"]?.fix == "chmod o-w \(users)")
        #expect(check.status == .failure)
        #expect(check.finding.contains(users) && check.finding.contains("0666"))
        #expect(check.fix == "chmod o-w \(users)")
        try FileManager.default.setAttributes([.posixPermissions: 0o2777], ofItemAtPath: t.path + "/logs")
        #expect(run(t)["store.permissions"]?.fix == "chmod -R o-w \(t.path)")
    }

    @Test func aDirectoryWithoutFORMATIsNotAStoreAndTheFixIsInit() throws {
        let dir = TempDirectory("doctor")
        defer { dir.cleanup() }
        let checks = StoreDoctor(path: dir.path, login: "admin", year: 2026, system: doctorSystem()).run()
        #expect(checks.map(\.name) == ["store.format", "store.filesystem", "store.space"])
        #expect(checks[0].status == .failure && checks[0].finding.contains("FORMAT"))
        #expect(checks[0].fix?.hasPrefix("motcua init --data \(dir.path) --agency") == true)

        let missing = StoreDoctor(path: dir.path + "/chua co", login: "admin", year: 2026, system: doctorSystem()).run()
        #expect(missing[0].fix?.hasPrefix("install -d -m 2770 -g motcua '\(dir.path)/chua co' && motcua init") == true)
        #expect(missing["store.space"]?.status == .ok)             // measured on the directory above
    }

    @Test func aNewerFormatIsRefusedWithTheUpgradeAsFix() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        try Data(#"{"store":"motcua","format":99}"#.utf8).write(to: URL(fileURLWithPath: t.path + "/FORMAT"))
        let checks = run(t)
        #expect(checks.count == 3 && checks[0].status == .failure && checks[0].finding.contains("99"))
        #expect(checks[0].fix?.contains("/usr/local/bin/motcua") == true)
    }

    @Test func freeSpaceBelow100MBFailsAndBelow1GBWarns() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let low = try #require(run(t, system: doctorSystem(free: 50 << 20))["store.space"])
        #expect(low.status == .failure && low.finding.contains("50 MB") && low.fix?.hasPrefix("du -xh") == true)
        let tight = try #require(run(t, system: doctorSystem(free: 700 << 20))["store.space"])
        #expect(tight.status == .warning && tight.finding.contains("700 MB"))
        let roomy = try #require(run(t, system: doctorSystem(free: 20 << 30))["store.space"])
        #expect(roomy.status == .ok && roomy.finding.contains("20,0 GB"))
        #expect(StoreDoctor.formatBytes(3 << 29) == "1,5 GB")
    }

    @Test func networkFileSystemsAreRefusedAndTmpfsIsAWarning() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        for (magic, name) in [(UInt64(0x6969), "NFS"), (0xFF53_4D42, "CIFS"), (0xFE53_4D42, "SMB2"), (0x6573_5546, "FUSE")] {
            let check = try #require(run(t, system: doctorSystem(magic: magic))["store.filesystem"])
            #expect(check.status == .failure && check.finding.contains(name) && check.finding.contains("flock"), "\(name)")
        }
        let tmpfs = try #require(run(t, system: doctorSystem(magic: 0x0102_1994))["store.filesystem"])
        #expect(tmpfs.status == .warning && tmpfs.finding.contains("khởi động lại"))
        #expect(run(t, system: doctorSystem(magic: 0x5846_5342))["store.filesystem"]?.status == .ok)
        #expect(run(t, system: doctorSystem(magic: 0x1234))["store.filesystem"]?.finding.contains("0x1234") == true)
    }

    @Test func nextYearWithOnlyTheStatutoryRuleIsAWarningUntilAnOfficialFileIsInstalled() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let next = try #require(run(t)["calendar.2027"])
        #expect(next.status == .warning && next.finding.contains("Chưa có lịch nghỉ chính thức năm 2027"))
        #expect(next.fix?.hasSuffix("sao chép tệp lịch nghỉ chính thức (có năm 2027) vào \(t.path)/calendar/holidays.json") == true)
        #expect(next.fix?.contains("motcua calendar schedule add 2027") == true)
        // Issue 17 #7: before November the next year's missing schedule is only noted.
        let october = StoreDoctor(path: t.path, login: "admin", year: 2026, month: 10, system: doctorSystem()).run()
        #expect(october.first { $0.name == "calendar.2027" }?.status == .ok)
        let thisYear = try #require(run(t)["calendar.2026"])            // the shipped 2026 has an unconfirmed day off
        #expect(thisYear.status == .warning && !thisYear.finding.contains("02/01/2026") && thisYear.finding.contains("24/11/2026"))
        #expect(thisYear.finding.contains("chưa áp dụng") && thisYear.fix?.contains("motcua calendar confirm 24/11/2026") == true)
        #expect(throws: StoreError.self) { try t.store.confirmHoliday(CivilDate(2026, 11, 24), legalBasis: nil, actor: t.clerk, now: at("2026-11-27T08:00")) }
        #expect(throws: StoreError.self) { try t.store.confirmHoliday(CivilDate(2026, 11, 25), legalBasis: nil, actor: t.admin, now: at("2026-11-27T08:00")) }
        #expect(t.store.calendar.isWorkingDay(CivilDate(2026, 11, 24)))
        try t.store.confirmHoliday(CivilDate(2026, 11, 24), legalBasis: "Nghị định 01/2026/NĐ-CP", actor: t.admin, now: at("2026-11-27T08:00"))
        #expect(!t.store.calendar.isWorkingDay(CivilDate(2026, 11, 24)))
        #expect(run(t)["calendar.2026"]?.status == .ok)
        let reopened = try Store.open(at: t.path)
        #expect(!reopened.calendar.isWorkingDay(CivilDate(2026, 11, 24)))
        let journal = try t.journalFiles().map { try String(contentsOfFile: $0, encoding: .utf8) }.joined()
        #expect(journal.contains("calendarConfirmed") && journal.contains("Nghị định 01/2026/NĐ-CP"))
        try FileManager.default.removeItem(atPath: t.path + "/calendar/holidays.json")

        let file = #"{"schema":1,"years":[{"year":2027,"daysOff":[{"date":"2027-01-01","name":"Tết Dương lịch","kind":"statutory"}],"makeupWorkdays":[]}]}"#
        try t.store.installCalendar(json: Array(file.utf8), actor: t.admin, now: at("2026-11-27T08:00"))
        let installed = try #require(run(t)["calendar.2027"])
        #expect(installed.status == .ok && installed.finding.contains("1 ngày nghỉ"))
        let holidays = t.path + "/calendar/holidays.json"           // a day off on a Saturday: the store refuses to open
        try Data(file.replacingOccurrences(of: "2027-01-01", with: "2027-01-02").utf8).write(to: URL(fileURLWithPath: holidays))
        let broken = try #require(run(t)["store.journal"])
        #expect(broken.status == .failure && broken.finding.contains("02/01/2027") && broken.fix?.hasPrefix("sửa \(holidays)") == true)
    }

    @Test func theGroupMustBeDeclaredExistAndOwnEveryFile() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let undeclared = try #require(run(t)["store.group"])
        #expect(undeclared.status == .warning && undeclared.fix?.contains("chgrp -R motcua \(t.path)") == true)

        try setConfig(t) { $0.group = "motcua" }
        let missing = try #require(run(t)["store.group"])
        #expect(missing.status == .failure && missing.fix == "groupadd motcua && chgrp -R motcua \(t.path)")

        let foreign = try #require(run(t, system: doctorSystem(groupIDs: ["motcua": 4242]))["store.group"])
        #expect(foreign.status == .failure && foreign.finding.contains("không thuộc nhóm motcua"))
        #expect(foreign.fix == "chgrp -R motcua \(t.path)")
        let own = getegid()
        #expect(run(t, system: doctorSystem(groupIDs: ["motcua": UInt32(own)]))["store.group"]?.status == .ok)
    }

    @Test func groupBitsAndSetgidAreRequiredButSealedMonthsMayBeReadOnly() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        try t.receive(at: "2026-11-30T08:00")
        try t.receive(at: "2026-12-01T08:00")                         // seals November: 0440 on purpose
        let healthy = run(t)["store.modes"]
        #expect(healthy?.status == .ok, "\(healthy?.finding ?? "")")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: t.path + "/users.json")
        try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: t.path + "/journal")
        let check = try #require(run(t)["store.modes"])
        #expect(check.status == .warning)                              // no group declared yet
        #expect(check.finding.contains("users.json") && check.finding.contains("setgid") && check.finding.contains("/journal"))
        #expect(check.fix == "find \(t.path) -type d -exec chmod 2770 {} + && find \(t.path) -type f -perm -u=w -exec chmod g+rw {} +")
        try setConfig(t) { $0.group = "motcua" }
        #expect(run(t, system: doctorSystem(groupIDs: ["motcua": 4242]))["store.modes"]?.status == .failure)
    }

    @Test func aClerkOutsideTheGroupOrWithoutAccessIsToldHowToJoin() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        try setConfig(t) { $0.group = "motcua" }
        let outside = try #require(run(t, login: "lan", system: doctorSystem(isRoot: false, groups: [7], groupIDs: ["motcua": 4242]))["store.access"])
        #expect(outside.status == .failure && outside.fix?.hasPrefix("usermod -aG motcua lan") == true)
        let denied = doctorSystem(isRoot: false, groups: [4242], groupIDs: ["motcua": 4242], denied: [t.path + "/users.json"])
        let check = try #require(run(t, login: "lan", system: denied)["store.access"])
        #expect(check.status == .failure && check.finding.contains("users.json"))
        #expect(run(t, login: "lan", system: doctorSystem(isRoot: false, groups: [4242], groupIDs: ["motcua": 4242]))["store.access"]?.status == .ok)
        let shutOut = run(t, login: "khach", system: doctorSystem(isRoot: false, groupIDs: ["motcua": UInt32(getegid())], denied: [t.path]))
        #expect(shutOut.count == 3 && shutOut[0].status == .failure && shutOut[0].fix?.hasPrefix("usermod -aG motcua khach") == true)
    }

    @Test func theUsersFileMustKnowTheLoginAndEveryLoginNeedsAnAccount() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let clerk = doctorSystem(isRoot: false)
        #expect(run(t, login: "lan", system: clerk)["store.users"]?.status == .ok)
        let stranger = try #require(run(t, login: "minh", system: clerk)["store.users"])
        #expect(stranger.status == .warning && stranger.fix?.hasPrefix("motcua users add minh --name") == true)
        let orphan = try #require(run(t, system: doctorSystem(accounts: ["admin", "lan"]))["store.users"])
        #expect(orphan.status == .warning && orphan.finding.contains("hoa") && orphan.fix == "adduser --ingroup motcua hoa")
    }

    @Test func aDamagedActiveJournalIsAFailureWithTheCheckCommand() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        try t.receive()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: try t.journalFiles().last!))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"seq\":99,\u{1B}[31m hỏng}\n".utf8))
        try handle.close()
        let check = try #require(run(t)["store.journal"])
        #expect(check.status == .failure && check.finding.contains("chỉ cho xem") && check.fix == "motcua check --data \(t.path)")
    }
}

@Suite("motcua doctor: report and environment rules")
struct DoctorReportTests {
    @Test func textHasOneLinePerCheckAndTheFixBelowAndJSONHasTheContractShape() {
        let report = DoctorReport(checks: [
            DoctorCheck("a", .ok, "tốt"),
            DoctorCheck("b", .warning, "chú ý", fix: "export LANG=C.UTF-8"),
            DoctorCheck("c", .failure, "hỏng \u{1B}[2J", fix: "chmod o-w /srv/motcua/config.json"),
        ])
        #expect(!report.ok)
        #expect(report.text == """
            [OK] tốt
            [CẢNH BÁO] chú ý
              → export LANG=C.UTF-8
            [LỖI] hỏng ␛[2J
              → chmod o-w /srv/motcua/config.json
            Tổng cộng: 1 lỗi, 1 cảnh báo.
            """)
        #expect(report.json.compact == #"{"ok":false,"checks":[{"name":"a","status":"ok","finding":"tốt","fix":null},"#
            + #"{"name":"b","status":"warning","finding":"chú ý","fix":"export LANG=C.UTF-8"},"#
            + #"{"name":"c","status":"failure","finding":"hỏng \u001b[2J","fix":"chmod o-w /srv/motcua/config.json"}]}"#)
        #expect(DoctorReport(checks: [DoctorCheck("b", .warning, "x")]).ok)
    }

    @Test func localeRules() {
        typealias F = EnvironmentDoctor.LocaleFacts
        #expect(EnvironmentDoctor.locale(F(variable: ("LANG", "C.UTF-8"), accepted: true, codeset: "UTF-8", fallbackAvailable: true)).status == .ok)
        let missing = EnvironmentDoctor.locale(F(variable: ("LANG", "vi_VN.UTF-8"), accepted: false, codeset: "ANSI_X3.4-1968", fallbackAvailable: true))
        #expect(missing.status == .warning && missing.finding.contains("LANG=vi_VN.UTF-8") && missing.fix?.hasPrefix("export LANG=C.UTF-8") == true)
        let bare = EnvironmentDoctor.locale(F(variable: nil, accepted: true, codeset: "ANSI_X3.4-1968", fallbackAvailable: false))
        #expect(bare.status == .failure && bare.fix?.hasPrefix("apt-get install -y locales") == true)
    }

    @Test func terminalRules() {
        typealias F = EnvironmentDoctor.TerminalFacts
        #expect(EnvironmentDoctor.terminal(nil, isTTY: false).map(\.status) == [.ok])
        #expect(EnvironmentDoctor.terminal(nil, isTTY: true).map(\.status) == [.failure])
        let xterm = EnvironmentDoctor.terminal(F(term: "xterm-256color", lookup: .found, cursorAddressing: true, colors: 256, missingFunctionKeys: []), isTTY: true)
        #expect(xterm.map(\.name) == ["term", "term.colors", "term.keys"] && xterm.allSatisfy { $0.status == .ok })
        let dumb = EnvironmentDoctor.terminal(F(term: "dumb", lookup: .found, cursorAddressing: false, colors: -1, missingFunctionKeys: Array(1...10)), isTTY: true)
        #expect(dumb.map(\.status) == [.failure] && dumb[0].fix?.hasPrefix("export TERM=xterm-256color") == true)
        let vt = EnvironmentDoctor.terminal(F(term: "vt100", lookup: .found, cursorAddressing: true, colors: -1, missingFunctionKeys: [5, 6]), isTTY: true)
        #expect(vt.map(\.status) == [.ok, .warning, .warning] && vt[2].finding.contains("F5, F6") && vt[2].finding.contains("Esc"))
        #expect(EnvironmentDoctor.terminal(F(term: "kitty", lookup: .notFound, cursorAddressing: false, colors: -1, missingFunctionKeys: []), isTTY: true)[0].status == .failure)
        #expect(EnvironmentDoctor.size(columns: 79, rows: 24).status == .warning)
        #expect(EnvironmentDoctor.size(columns: 80, rows: 24).status == .ok)
        #expect(EnvironmentDoctor.size(columns: nil, rows: nil).status == .ok)
    }
}
