#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import ArgumentParser
import MotCuaCore
import MotCuaDesk
import MotCuaStore

/// `motcua lookup`: the citizen's read-only lookup (issue 16). With a code and `--secret` it prints
/// the public view once; without them it asks for pairs, one citizen after another, for a public
/// terminal or `ForceCommand /usr/local/bin/motcua lookup`. No login in users.json is needed, and
/// nothing in the store is written but the throttle's count of failures.
struct LookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Tra cứu tiến độ hồ sơ bằng mã hồ sơ và mã tra cứu trên giấy tiếp nhận (chỉ đọc, không cần đăng nhập).",
        discussion: """
        Chỉ hiện thủ tục, ngày tiếp nhận, ngày hẹn trả, tình trạng, nơi đang giữ hồ sơ và giấy tờ cần bổ sung; \
        không hiện họ tên, số định danh, điện thoại, địa chỉ. Mã tra cứu sai và mã hồ sơ không có được trả lời như nhau \
        (mã thoát 2) và chậm dần; sai nhiều lần thì tạm khóa. Không có mã hồ sơ: hỏi lần lượt từng cặp mã (Ctrl-D để thoát).
        """)

    @Argument(help: "Mã hồ sơ (đầy đủ hoặc dạng ngắn YYMMDD-XXXX); bỏ trống để tra cứu tương tác.") var code: String?
    @Option(help: "Mã tra cứu in trên giấy tiếp nhận (không phân biệt hoa thường, bỏ qua dấu cách và gạch).") var secret: String?
    @OptionGroup var location: StoreLocation
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if code != nil, secret == nil { throw CLIError.badInput("Thiếu --secret: mã tra cứu in trên giấy tiếp nhận") }
        if code == nil, secret != nil { throw CLIError.badInput("Thiếu mã hồ sơ trước --secret") }
        if code == nil, output.json { throw CLIError.badInput("--json cần mã hồ sơ và --secret (tra cứu tương tác không in JSON)") }
    }

    func run() throws {
        let lookup = try Self.open(location.directory)
        let source = Self.source()
        guard let code, let secret else {
            LookupPrompt(lookup: lookup, source: source).run()
            return
        }
        switch lookup.answer(code: code, secret: secret, source: source) {
        case .found(let view):
            if output.json { Console.json(view.json) } else { print(view.lines.joined(separator: "\n")) }
        case .notFound: throw CLIError.badInput(Self.notFoundText)
        case .lockedOut(let minutes): throw CLIError.failure(Self.lockedOutText(minutes))
        case .unreadable: throw CLIError.failure(Self.unreadableText)
        }
    }

    static let notFoundText = "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này. Xin kiểm tra lại hai mã trên giấy tiếp nhận hồ sơ; "
        + "cần giúp, xin hỏi Bộ phận tiếp nhận và trả kết quả."
    static func lockedOutText(_ minutes: Int) -> String {
        "Đã nhập sai nhiều lần: tra cứu tạm khóa, xin thử lại sau \(minutes) phút hoặc hỏi Bộ phận tiếp nhận và trả kết quả."
    }
    static let unreadableText = "Không đọc được hồ sơ này lúc này; xin hỏi Bộ phận tiếp nhận và trả kết quả."

    /// The store, opened read-only; on a training store `MOTCUA_LOOKUP_DELAY_MS` sets the first delay.
    static func open(_ directory: String) throws -> PublicLookup {
        var policy = LookupThrottle.Policy()
        let lookup = try PublicLookup(storePath: directory)
        if let raw = Environment.lookupDelayOverride {
            guard lookup.isTraining else { throw CLIError.badInput("MOTCUA_LOOKUP_DELAY_MS chỉ dùng được trên kho đào tạo") }
            guard let ms = Int(raw), (0...10_000).contains(ms) else {
                throw CLIError.badInput("MOTCUA_LOOKUP_DELAY_MS: '\(raw)' phải là số mili giây từ 0 đến 10000")
            }
            policy = policy.scaled(baseDelay: Double(ms) / 1000)
            lookup.use(policy)
        }
        return lookup
    }

    /// Who is asking, for the throttle: the SSH client's address (set by sshd, as for a ForceCommand
    /// account), else the terminal, else the account. A made-up SSH_CLIENT only moves a local user
    /// to another bucket; the global one still counts them.
    static func source() -> String {
        if let client = Environment.values["SSH_CLIENT"]?.split(separator: " ").first { return "ssh:\(client)" }
        if let tty = ttyname(0) { return "tty:\(String(cString: tty))" }
        return "uid:\(getuid())"
    }
}
