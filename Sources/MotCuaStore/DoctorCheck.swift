import MotCuaCore

/// One finding of `motcua doctor`: how bad, what was seen, and the line an administrator pastes.
public struct DoctorCheck: Sendable, Equatable {
    public enum Status: String, Sendable, Comparable {
        case ok, warning, failure

        public var marker: String {
            switch self {
            case .ok: return "[OK]"
            case .warning: return "[CẢNH BÁO]"
            case .failure: return "[LỖI]"
            }
        }

        private var rank: Int { self == .ok ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
    }

    /// A stable identifier for scripts (`store.permissions`, `calendar.2027`…).
    public let name: String
    public let status: Status
    /// One line, Vietnamese.
    public let finding: String
    /// One line: a command, or a short instruction when no command fits.
    public let fix: String?

    public init(_ name: String, _ status: Status, _ finding: String, fix: String? = nil) {
        self.name = name
        self.status = status
        self.finding = finding
        self.fix = fix
    }

    static func ok(_ name: String, _ finding: String) -> DoctorCheck { DoctorCheck(name, .ok, finding) }
}

/// All findings, as text for a person or JSON for a script.
public struct DoctorReport: Sendable {
    public let checks: [DoctorCheck]

    public init(checks: [DoctorCheck]) { self.checks = checks }

    /// True when nothing failed (warnings do not change the exit status).
    public var ok: Bool { !checks.contains { $0.status == .failure } }

    /// One line per check, the fix on the next; stored text cannot smuggle escape sequences.
    public var text: String {
        var lines: [String] = []
        for check in checks {
            lines.append("\(check.status.marker) \(DisplayText.sanitize(check.finding))")
            if let fix = check.fix { lines.append("  → \(DisplayText.sanitize(fix))") }
        }
        let failures = checks.filter { $0.status == .failure }.count
        let warnings = checks.filter { $0.status == .warning }.count
        lines.append(failures == 0 && warnings == 0 ? "Không phát hiện vấn đề."
                     : "Tổng cộng: \(failures) lỗi, \(warnings) cảnh báo.")
        return lines.joined(separator: "\n")
    }

    public var json: JSONText {
        .object([
            ("ok", .bool(ok)),
            ("checks", .array(checks.map {
                .object([("name", .string($0.name)), ("status", .string($0.status.rawValue)),
                         ("finding", .string($0.finding)), ("fix", .optional($0.fix))])
            })),
        ])
    }
}

/// The checks of the process's environment, from facts the caller gathered (the terminal module
/// probes terminfo, the executable reads the environment), so each rule is testable.
public enum EnvironmentDoctor {
    /// What `setlocale(LC_ALL, "")` and `nl_langinfo(CODESET)` said.
    public struct LocaleFacts: Sendable {
        /// The variable that decides the character set (LC_ALL, else LC_CTYPE, else LANG) and its value.
        public var variable: (name: String, value: String)?
        /// False when the named locale is not installed (setlocale returned NULL).
        public var accepted: Bool
        public var codeset: String
        /// `setlocale(LC_CTYPE, "C.UTF-8")` works: motcua falls back to it.
        public var fallbackAvailable: Bool

        public init(variable: (name: String, value: String)?, accepted: Bool, codeset: String, fallbackAvailable: Bool) {
            self.variable = variable
            self.accepted = accepted
            self.codeset = codeset
            self.fallbackAvailable = fallbackAvailable
        }
    }

    public static let localeFix = "export LANG=C.UTF-8   # thêm vào /etc/profile.d/motcua.sh"

    public static func locale(_ facts: LocaleFacts) -> DoctorCheck {
        let shown = facts.variable.map { "\($0.name)=\($0.value)" } ?? "LANG chưa đặt"
        let utf8 = ["UTF-8", "UTF8"].contains(facts.codeset.uppercased())
        if facts.accepted && utf8 { return .ok("locale", "Locale \(shown): bảng mã UTF-8") }
        let problem = facts.accepted ? "bảng mã \(facts.codeset), không phải UTF-8"
                                     : "locale này chưa được cài trên máy (bảng mã \(facts.codeset))"
        guard facts.fallbackAvailable else {
            return DoctorCheck("locale", .failure, "Locale \(shown): \(problem), và không có C.UTF-8: tiếng Việt sẽ hiện sai",
                               fix: "apt-get install -y locales && localedef -i C -f UTF-8 C.UTF-8 && export LANG=C.UTF-8")
        }
        return DoctorCheck("locale", .warning,
                           "Locale \(shown): \(problem); motcua tự dùng C.UTF-8 nhưng các chương trình khác có thể hiện sai tiếng Việt",
                           fix: localeFix)
    }

    /// What terminfo says about `TERM`.
    public struct TerminalFacts: Sendable, Equatable {
        public enum Lookup: Sendable, Equatable { case found, notFound, noDatabase, hardcopy }
        public var term: String
        public var lookup: Lookup
        public var cursorAddressing: Bool
        /// `colors`, or -1 when terminfo does not say.
        public var colors: Int
        /// Which of F1…F10 ncurses does not decode from every sequence terminals send for it.
        public var missingFunctionKeys: [Int]

        public init(term: String, lookup: Lookup, cursorAddressing: Bool, colors: Int, missingFunctionKeys: [Int]) {
            self.term = term
            self.lookup = lookup
            self.cursorAddressing = cursorAddressing
            self.colors = colors
            self.missingFunctionKeys = missingFunctionKeys
        }
    }

    static let termFix = "export TERM=xterm-256color   # PuTTY: Connection → Data → Terminal-type string"

    /// `term`, `term.colors`, `term.keys`. `facts` is nil when TERM is unset.
    public static func terminal(_ facts: TerminalFacts?, isTTY: Bool) -> [DoctorCheck] {
        guard let facts else {
            return isTTY ? [DoctorCheck("term", .failure, "TERM chưa đặt: giao diện không mở được", fix: termFix)]
                         : [.ok("term", "Không chạy trong terminal và không có TERM: bỏ qua kiểm tra terminal")]
        }
        let t = "TERM=\(facts.term)"
        switch facts.lookup {
        case .noDatabase:
            return [DoctorCheck("term", .failure, "Không tìm thấy cơ sở dữ liệu terminfo", fix: "apt-get install -y ncurses-base ncurses-term")]
        case .notFound:
            return [DoctorCheck("term", .failure, "\(t) không có trong terminfo (gói ncurses-term có thêm nhiều loại terminal)", fix: termFix)]
        case .hardcopy:
            return [DoctorCheck("term", .failure, "\(t) là máy in (hardcopy), không hiển thị được giao diện", fix: termFix)]
        case .found:
            break
        }
        guard facts.cursorAddressing else {
            return [DoctorCheck("term", .failure, "\(t) không điều khiển được vị trí con trỏ (thiếu cup): giao diện không mở được; chỉ dùng được các lệnh motcua list/show",
                                fix: termFix)]
        }
        var checks = [DoctorCheck.ok("term", "\(t): có trong terminfo, điều khiển được con trỏ")]
        if facts.colors >= 8 {
            checks.append(.ok("term.colors", "\(t): \(facts.colors) màu"))
        } else {
            checks.append(DoctorCheck("term.colors", .warning,
                                      "\(t) không có màu: hạn trả được đánh dấu bằng chữ đậm, đảo màu thay cho màu", fix: termFix))
        }
        if facts.missingFunctionKeys.isEmpty {
            checks.append(.ok("term.keys", "\(t): ncurses nhận đúng F1–F10 với mọi chuỗi phím PuTTY (ESC[n~, Linux, Xterm R6, VT100+, SCO) và xterm gửi"))
        } else {
            let keys = facts.missingFunctionKeys.map { "F\($0)" }.joined(separator: ", ")
            checks.append(DoctorCheck("term.keys", .warning,
                                      "\(t): ncurses không nhận ra phím \(keys) từ mọi chuỗi phím PuTTY/xterm gửi: dùng Esc rồi số (Esc 1 = F1 … Esc 0 = F10) hoặc đổi TERM",
                                      fix: "export TERM=xterm-256color   # PuTTY: Connection → Data → Terminal-type string"))
        }
        return checks
    }

    /// `term.size`: nil when the process has no terminal.
    public static func size(columns: Int?, rows: Int?) -> DoctorCheck {
        guard let columns, let rows else { return .ok("term.size", "Không chạy trong terminal: bỏ qua kích thước màn hình") }
        if columns >= 80 && rows >= 24 { return .ok("term.size", "Cửa sổ terminal \(columns)×\(rows)") }
        return DoctorCheck("term.size", .warning, "Cửa sổ terminal \(columns)×\(rows), nhỏ hơn 80×24: giao diện bị cắt bớt",
                           fix: "phóng to cửa sổ terminal (PuTTY: Window → Columns 80, Rows 24 trở lên)")
    }
}
