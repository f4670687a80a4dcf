import Foundation
import Testing
import MotCuaDesk
@testable import MotCuaCore
@testable import MotCuaStore
@testable import MotCuaTUI
import TerminalUI

/// Text typed or pasted by anyone: stored as typed (NFC), never reaching the terminal raw, kept
/// width-correct on screen, neutralised in CSV and escaped in HTML.
@Suite("Hostile text", .serialized)
struct HostileTextTests {
    static let names: [(label: String, text: String)] = [
        ("CSI clear and colour", "Lê \u{1B}[2J\u{1B}[31mVăn Đỏ"),
        ("OSC window title", "Trần \u{1B}]0;pwned\u{07}Thị"),
        ("OSC 52 clipboard", "Phạm \u{1B}]52;c;ZXZpbA==\u{1B}\\Văn"),
        ("C0 and DEL", "Ngô\u{0}\u{7}\u{8}\u{7F} Bảy"),
        ("C1 CSI and NEL", "Vũ \u{9B}31m\u{85}\u{9D}Văn"),
        ("bidi override", "Đỗ \u{202E}gnp.exe\u{202C} Văn"),
        ("bidi isolates and marks", "Hồ \u{2067}\u{200F}Thị\u{2069}"),
        ("combining stack", "Z" + String(repeating: "\u{0351}\u{0352}\u{0353}", count: 30) + "a Văn"),
        ("emoji ZWJ and flag", "Bà 👨‍👩‍👧‍👦 🇻🇳 Lan"),
        ("NFD Vietnamese", "Nguye\u{0302}\u{0303}n Thi\u{0323} Hoa\u{0300}"),
        ("CSV formula", "=HYPERLINK(\"http://x.invalid\",\"bấm\")"),
        ("CSV plus", "+84 Nguyễn"),
        ("CSV at", "@SUM(A1:A9)"),
        ("CSV minus", "-1+1 Lê"),
        ("HTML", "<script>alert(1)</script> & <b>Tâm</b>"),
        ("wide CJK", "山田 太郎"),
    ]
    static let longNote = String(repeating: "Ảnh chụp \u{1B}[5m ", count: 4_096)          // 64 KB of scalars

    static func forbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F
    }

    /// A training store holding one overdue dossier per hostile name, each with a hostile note.
    static func makeStore() throws -> (String, Store, [String]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-hostile-\(UUID().uuidString)").path
        let config = StoreConfig(agency: "000.00.xx.H57", name: "Thử chữ độc", training: true, createdAt: Instant(iso8601: "2026-09-01T08:00:00+07:00")!)
        let store = try Store.create(at: path, config: config, admin: User(login: "admin", name: "Quản trị", role: .admin))
        let admin = try store.actor(login: "admin", terminal: nil)
        try store.addUser(User(login: "lan", name: "Lê Thị Lan", role: .clerk), actor: admin, now: Instant(iso8601: "2026-09-01T08:00:00+07:00")!)
        let lan = try store.actor(login: "lan", terminal: nil)
        var codes: [String] = []
        for (i, entry) in names.enumerated() {
            var intake = Intake(procedureCode: "1.004873", applicant: Person(name: entry.text, idNumber: "046090001234", phone: "0912345678",
                                                                             address: "Số \(i) \u{1B}[7mđường\u{202E} Lê Lợi"))
            intake.receivedAt = Instant(iso8601: "2026-10-0\(1 + i % 9)T09:00:00+07:00")!
            let code = try store.receive(intake, actor: lan, now: Instant(iso8601: "2026-11-30T08:00:00+07:00")!).code
            _ = try store.perform(.note(i == 0 ? longNote : entry.text), on: code, actor: lan, now: Instant(iso8601: "2026-11-30T08:05:00+07:00")!)
            codes.append(code)
        }
        return (path, store, codes)
    }

    @Test func everyStringIsStoredAsTypedInNFC() throws {
        let (path, _, codes) = try Self.makeStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reopened = try Store.open(at: path)
        for (code, entry) in zip(codes, Self.names) {
            let d = try reopened.dossier(code: code)
            #expect(d.summary.applicantName == Validation.clean(entry.text), "\(entry.label)")
            #expect(d.summary.applicantName == d.summary.applicantName.precomposedStringWithCanonicalMapping)
            #expect(d.history.last?.event.reason.map { $0 == Validation.nfc(code == codes[0] ? Self.longNote : entry.text).trimmingCharacters(in: .whitespacesAndNewlines) } ?? true)
        }
        #expect(try reopened.dossier(code: codes[1]).summary.applicantName.contains("\u{1B}]0;pwned"))
        #expect(try reopened.dossier(code: codes[9]).summary.applicantName == "Nguyễn Thị Hoà")
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 300, height: 100), Size(width: 40, height: 12)])
    func noControlOrBidiCharacterReachesTheScreenAndWidthsStayExact(size: Size) throws {
        let (path, store, codes) = try Self.makeStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let backend = InMemoryBackend(size: size)
        let app = App(desk: Desk(store: store, actor: try store.actor(login: "lan", terminal: nil)), backend: backend,
                      clock: { Instant(iso8601: "2026-11-30T10:00:00+07:00")! })
        var frames = 0
        func check() {
            app.renderFrame()
            guard let frame = backend.lastFrame else { Issue.record("the app presented no frame"); return }
            frames += 1
            for y in 0..<size.height {
                var x = 0
                while x < size.width {
                    let cell = frame[x, y]
                    #expect(!cell.character.unicodeScalars.contains(where: Self.forbidden), "\(cell.character.unicodeScalars.map { String($0.value, radix: 16) }) at \(x),\(y)")
                    let width = TextWidth.of(cell.character)
                    #expect(width == 1 || width == 2, "width \(width) at \(x),\(y)")
                    if width == 2 && x + 1 < size.width { #expect(frame[x + 1, y].isContinuation) }
                    x += max(1, width)
                }
            }
        }
        check()
        for _ in codes {                              // every dossier selected, its detail pane open
            backend.press(.down)
            app.step(timeoutMs: 0)
            check()
            backend.press(.enter)
            app.step(timeoutMs: 0)
            check()
            backend.press(.pageDown, .pageDown, .end)
            app.step(timeoutMs: 0); app.step(timeoutMs: 0); app.step(timeoutMs: 0)
            check()
            backend.press(.escape)
            app.step(timeoutMs: 0)
        }
        backend.press(.character("/"))
        backend.type("\u{1B}[2J")
        app.step(timeoutMs: 0)
        for _ in 0..<6 { app.step(timeoutMs: 0) }
        check()
        #expect(frames > codes.count * 3)
    }

    @Test func csvCellsCannotStartAFormulaOrCarryAControl() throws {
        let (path, store, _) = try Self.makeStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let clock = DeadlineClock(now: Instant(iso8601: "2026-11-30T10:00:00+07:00")!, calendar: store.calendar)
        let report = OverdueReport.make(summaries: store.openSummaries, clock: clock, catalogue: store.catalogue, officialNames: [:])
        #expect(report.overdue.count == Self.names.count)
        let csv = report.csv().text
        #expect(!csv.unicodeScalars.contains { Self.forbidden($0) && $0 != "\r" && $0 != "\n" })
        for line in csv.split(separator: "\r\n") {
            for cell in Self.cells(String(line)) {
                #expect(!["=", "+", "-", "@", "\t", "\r"].contains(where: { cell.hasPrefix($0) }), "cell \(cell)")
            }
        }
        #expect(csv.contains("'=HYPERLINK") && csv.contains("'+84") && csv.contains("'@SUM"))
    }

    @Test func htmlFormsEscapeMarkupAndTheTextFormsCarryNoControls() throws {
        let (path, store, codes) = try Self.makeStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let template = try FormCatalog.shipped.form(id: "receipt")
        for code in codes {
            let context = try FormContext.forDossier(.receipt, dossier: try store.dossier(code: code), catalogue: store.catalogue,
                                                     agency: FormAgency(name: "Thử", code: "000.00.xx.H57"), officialNames: [:],
                                                     calendar: store.calendar)
            let html = try FormRenderer.render(template, context, as: .html)
            #expect(!html.contains("<script>alert") && !html.contains("<b>Tâm"))
            let text = try FormRenderer.render(template, context, as: .text)
            #expect(!text.unicodeScalars.contains { Self.forbidden($0) && $0 != "\n" }, "\(code)")
        }
        let html = try FormRenderer.render(template, try FormContext.forDossier(
            .receipt, dossier: try store.dossier(code: codes[14]), catalogue: store.catalogue,
            agency: FormAgency(name: "Thử", code: "000.00.xx.H57"), officialNames: [:], calendar: store.calendar), as: .html)
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Tâm&lt;/b&gt;"))
    }

    @Test func aHandEditedFileWithInvalidUTF8IsRefusedNamingTheFile() throws {
        let (path, _, _) = try Self.makeStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var users = try Data(contentsOf: URL(fileURLWithPath: path + "/users.json"))
        let at = try #require(users.range(of: Data("Lê Thị Lan".utf8)))
        users.replaceSubrange(at, with: [0x4C, 0xEA, 0x20, 0xFF, 0xFE])         // Latin-1 "Lê" and two bytes no UTF-8 allows
        try users.write(to: URL(fileURLWithPath: path + "/users.json"))
        do {
            _ = try Store.open(at: path)
            Issue.record("a users file with invalid UTF-8 opened")
        } catch let error as StoreError {
            #expect(error.description.contains("users.json"), "\(error.description)")
        }
    }

    /// The cells of one CSV line (quotes honoured).
    static func cells(_ line: String) -> [String] {
        var cells: [String] = [], current = "", quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { current.append("\""); chars.removeFirst() } else { quoted = false } } else { current.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { cells.append(current); current = "" } else { current.append(c) }
        }
        cells.append(current)
        return cells.map { $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0 }
    }
}
