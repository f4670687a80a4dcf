import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// Issue 18, integrity defect 9: what the store and the command line must refuse.
@Suite("Validation bounds", .serialized)
struct ValidationBoundsTests {
    /// The sample catalogue with `change` applied to its JSON.
    private func catalogue(_ change: (inout [String: Any]) -> Void) throws -> Catalogue {
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Catalogue.sample)) as? [String: Any] ?? [:]
        change(&object)
        return try Catalogue(json: JSONSerialization.data(withJSONObject: object))
    }

    private func firstProcedure(_ object: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
        var procedures = object["procedures"] as? [[String: Any]] ?? []
        let index = procedures.firstIndex { $0["code"] as? String == "1.004884" } ?? 0      // 5 days: 0.5 + 4 + 0.5
        change(&procedures[index])
        object["procedures"] = procedures
    }

    @Test func aCatalogueWithImpossibleValuesIsRefused() throws {
        let cases: [(String, (inout [String: Any]) -> Void)] = [
            ("version 2^63−1", { $0["version"] = Int.max }),
            ("version 0", { $0["version"] = 0 }),
            ("empty code", { o in firstProcedure(&o) { $0["code"] = "  " } }),
            ("0-day procedure", { o in firstProcedure(&o) { $0["processing"] = ["kind": "workingDays", "value": 0] } }),
            ("route longer than the procedure", { o in firstProcedure(&o) { p in
                p["processing"] = ["kind": "workingDays", "value": 2]
            } }),
        ]
        for (label, change) in cases {
            #expect(throws: CatalogueError.self, "\(label)") { try catalogue(change) }
        }
        #expect(try catalogue { $0["version"] = 2 }.version == 2)
    }

    @Test func anExtensionToASundayOrAHolidayIsRefused() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let a = try t.receive()
        for day in ["2026-12-06T10:00", "2027-01-01T10:00"] {       // a Sunday; New Year's Day
            #expect(throws: StoreError.self, "\(day)") {
                try t.store.perform(.extend(until: at(day), reason: "chờ xác minh", department: nil), on: a.code, actor: t.clerk, now: at("2026-11-30T09:00"))
            }
        }
        try t.store.perform(.extend(until: at("2026-12-07T10:00"), reason: "chờ xác minh", department: nil), on: a.code, actor: t.clerk, now: at("2026-11-30T09:00"))
    }

    @Test func theOnlyAdminCannotDemoteThemselves() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        #expect(throws: StoreError.self) {
            try t.store.addUser(User(login: "admin", name: "Quản trị", role: .clerk), actor: t.admin, now: at("2026-11-30T08:00"))
        }
        #expect(try Store.open(at: t.path).users.user("admin")?.role == .admin)
    }

    @Test func numericOptionsAndTheClockAreBoundedOnTheCommandLine() throws {
        let store = try SharedStore()
        defer { store.directory.cleanup() }
        let cases: [([String], [String: String], String)] = [
            (["list", "--due-within", "100000000"], [:], "--due-within"),
            (["list", "--limit", "-1"], [:], "--limit"),
            (["list", "--limit", "99999999999"], [:], "--limit"),
            (["note", "X", "x", "--expect-version", "0"], [:], "--expect-version"),
            (["list"], ["MOTCUA_NOW": "9999-06-01T08:00"], "MOTCUA_NOW"),
        ]
        for (args, env, mention) in cases {
            let result = try motcua(args + ["--data", store.path], environment: store.env.merging(env) { $1 })
            #expect(result.status == 2, "\(args) \(env): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(mention) && result.stderr.contains("từ"), "\(args): \(result.stderr)")
        }
        // The store itself is untouched: a plain list still works.
        #expect(try motcua(["list", "--data", store.path], environment: store.env).status == 0)
    }
}
