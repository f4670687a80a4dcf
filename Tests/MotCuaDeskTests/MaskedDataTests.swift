import Foundation
import Testing
import MotCuaCore
import MotCuaStore
@testable import MotCuaDesk
import MotCuaTestSupport

/// Issue 18: what a role sees masked stays masked, and every list keeps to the office scope.
@Suite("Masked data stays masked; lists keep the office scope")
struct MaskedDataTests {
    static let now = at("2026-11-30T10:00")

    /// One dossier: ID 046090001234 (shown `*********234` to a supervisor), phone 0912345678.
    func received() throws -> (DeskStore, String) {
        let t = try DeskStore()
        let code = try t.desk("lan").receive(intake("Nguyễn Văn Ánh"), op: "m1", now: at("2026-11-30T08:00")).commit.code
        return (t, code)
    }

    @Test func theLiveFilterOfAMaskedRoleNeverMatchesHiddenDigits() throws {
        let (t, _) = try received()
        defer { t.cleanup() }
        let clerk = try t.desk("lan"), supervisor = try t.desk("hung")
        func count(_ desk: Desk, _ filter: String) -> Int { desk.queue(QueueRequest(view: .all, filter: filter, now: Self.now)).rows.count }
        // The recovery the review did: the last three digits are shown; each query for one more digit
        // tells whether it is right. For the supervisor none may match; for the clerk exactly one does.
        let extended = (0...9).map { count(supervisor, "\($0)234") }
        #expect(extended == Array(repeating: 0, count: 10), "\(extended)")
        #expect((0...9).map { count(clerk, "\($0)234") } == [0, 1, 0, 0, 0, 0, 0, 0, 0, 0])
        for hidden in ["0460", "046090001234", "9", "0912", "45678", "9 nguyen"] {
            #expect(count(supervisor, hidden) == 0, "supervisor matched hidden \(hidden)")
            #expect(count(clerk, hidden) == 1, "clerk did not match \(hidden)")
        }
        // What the supervisor sees still matches: name, code, the visible digits.
        for shown in ["234", "34", "678", "nguyen", "anh", "261130", "h57"] {
            #expect(count(supervisor, shown) == 1, "supervisor did not match shown \(shown)")
        }
        // Typing on (the filter narrows from the last one's matches) keeps the rule.
        #expect(count(supervisor, "23") == 1 && count(supervisor, "1234") == 0)
    }

    @Test func aNonASCIIPhoneIsMatchedOnItsMaskedFormToo() throws {
        let table = QueueData.make([SampleDossiers.dossier(1, "Trần Thị Bé", received: "2026-11-30T08:00")]
            .map { d in var d = d; d.phone = "０９１２３４"; d.searchKey = DossierSummary.searchKey(name: d.applicantName, code: d.code, idNumber: d.idNumber, phone: d.phone); return d },
            view: .all, filter: "０９１", clock: DeadlineClock(now: Self.now, calendar: SampleDossiers.calendar), masksPersonalData: true)
        #expect(table.rows.count == 0)
    }

    @Test func listSearchOfAMaskedRoleNeverMatchesHiddenDigits() throws {
        let (t, _) = try received()
        defer { t.cleanup() }
        func listed(_ login: String, _ search: String) throws -> Int {
            var filter = DossierFilter()
            filter.search = search
            return try t.desk(login).list(filter, at: Self.now).count
        }
        #expect(try (0...9).map { try listed("hung", "\($0)234") } == Array(repeating: 0, count: 10))
        #expect(try listed("lan", "1234") == 1 && listed("hung", "234") == 1 && listed("hung", "0460") == 0)
        let rows = try t.desk("hung").list(DossierFilter(), at: Self.now)
        #expect(rows.first?.idNumber == "*********234")
    }

    /// A store split by office: lan at the central desk, binh at ward office P2, one dossier each.
    func twoOffices() throws -> (DeskStore, central: String, ward: String) {
        let t = try DeskStore()
        let admin = try t.store.actor(login: "admin", terminal: "test")
        try t.store.addUser(User(login: "binh", name: "Trần Văn Bình", role: .clerk, office: "P2"), actor: admin, now: at("2026-11-01T08:00"))
        let central = try t.desk("lan").receive(intake("Người Trung Tâm"), op: "c1", now: at("2026-11-20T08:00")).commit.code
        let ward = try t.desk("binh").receive(intake("Người Phường Hai"), op: "w1", now: at("2026-11-20T08:00")).commit.code
        return (t, central, ward)
    }

    @Test func listAndShowKeepToTheOfficeScopeAsOverdueDoes() throws {
        let (t, central, ward) = try twoOffices()
        defer { t.cleanup() }
        let late = DossierFilter.lateOnly
        for (login, expected) in [("lan", [central]), ("binh", [ward]), ("hung", [central, ward].sorted())] {
            let desk = try t.desk(login)
            #expect(try desk.list(DossierFilter(), at: Self.now).map(\.code).sorted() == expected, "\(login)")
            #expect(try desk.list(late, at: Self.now).map(\.code).sorted() == expected, "\(login) --overdue")
            if login != "hung" {
                let overdue = try desk.overdue(at: Self.now).report
                #expect(overdue.overdue.map(\.code).sorted() == expected, "\(login) overdue")
            }
        }
        #expect(try t.desk("lan").dossierInScope(code: central).code == central)
        #expect(throws: StoreError.self) { try t.desk("lan").dossierInScope(code: ward) }
        #expect(try t.desk("hung").dossierInScope(code: ward).code == ward)
    }

    /// The terminal app's queue keeps to the same scope: its rows, its tab counts and the warning
    /// pane of a ward clerk are their office's only, whatever the filter.
    @Test func theQueueOfTheTerminalAppKeepsToTheOfficeScope() throws {
        let (t, central, ward) = try twoOffices()
        defer { t.cleanup() }
        for (login, expected) in [("lan", [central]), ("binh", [ward]), ("hung", [central, ward].sorted())] {
            let desk = try t.desk(login)
            for filter in ["", "nguoi", "261120"] {
                let data = desk.queue(QueueRequest(view: .all, filter: filter, now: Self.now))
                #expect(data.rows.page.map(\.summary.code).sorted() == expected, "\(login) '\(filter)'")
                #expect(data.counts[.all] == expected.count, "\(login) '\(filter)' count")
            }
            let overdue = desk.queue(QueueRequest(view: .overdue, filter: "", now: Self.now))
            #expect(overdue.warnings.overdue == expected.count && overdue.rows.count == expected.count, "\(login) overdue")
            // A code of the other office, asked for by name, is not selected either.
            let other = login == "lan" ? ward : central
            let asked = desk.queue(QueueRequest(view: .all, filter: "", target: .code(other), now: Self.now))
            #expect(login == "hung" || !asked.rows.page.contains { $0.summary.code == other })
        }
    }
}

extension DossierFilter {
    static var lateOnly: DossierFilter {
        var filter = DossierFilter()
        filter.overdueOnly = true
        return filter
    }
}

extension MaskedDataTests {
    /// An online dossier's key ends with the portal's code: a masked role still finds it by that
    /// code, digits and all (the code is not personal data), and still not by hidden digits.
    @Test func aMaskedRoleFindsAnOnlineDossierByThePortalsCode() throws {
        let online = [SampleDossiers.dossier(1, "Trần Thị Mai", received: "2026-11-30T08:00")].map { d in
            var d = d
            d.idNumber = "046190001234"
            d.searchKey = DossierSummary.searchKey(name: d.applicantName, code: d.code, idNumber: d.idNumber, phone: d.phone,
                                                   portalCode: "H57.99-261130-0555")
            return d
        }
        func count(_ filter: String) -> Int {
            QueueData.make(online, view: .all, filter: filter, clock: DeadlineClock(now: Self.now, calendar: SampleDossiers.calendar),
                           masksPersonalData: true).rows.count
        }
        #expect(count("261130-0555") == 1 && count("h57.99") == 1)
        #expect(count("0461") == 0 && count("1234") == 0 && count("234") == 1)
    }
}
