import ArgumentParser
import MotCuaCore
import MotCuaStore

/// What every action on a dossier shares: the code, the store, the write options, and the output.
struct ActionOptions: ParsableArguments {
    @Argument(help: "Mã hồ sơ.") var code: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var write: WriteOptions

    func perform(_ command: DossierCommand) throws {
        let context = try StoreContext.open(store)
        let commit = try context.store.perform(command, on: code, expectedVersion: write.expectVersion,
                                               actor: context.actor, op: write.op, now: context.now)
        guard let d = context.store.summary(code: commit.code) else { return }
        if store.json {
            Console.json(.object([
                ("code", .string(d.code)), ("version", .int(Int64(commit.version))), ("seq", .int(commit.seq)),
                ("replayed", .bool(commit.replayed)), ("state", .string(d.state.rawValue)), ("due", .string(d.due.iso8601)),
                ("holder", DossierJSON.holder(d.holder, catalogue: context.store.catalogue)),
            ]))
        } else {
            let note = commit.replayed ? " (thao tác đã được ghi trước đó, không ghi thêm)" : ""
            print("Hồ sơ \(d.code): \(command.action.vietnamese) — đã lưu\(note). Trạng thái: \(d.state.vietnamese); hẹn trả \(d.due.vietnameseShort)")
        }
    }
}

struct TransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "transfer", abstract: "Chuyển hồ sơ cho phòng ban xử lý.")
    @Option(help: "Mã phòng ban nhận (xem: motcua catalogue departments).") var to: String
    @Option(help: "Tài khoản cán bộ xử lý (nếu giao đích danh).") var official: String?
    @OptionGroup var action: ActionOptions
    func run() throws { try action.perform(.transfer(department: to, official: official)) }
}

struct RequestSupplementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "request-supplement",
                                                    abstract: "Yêu cầu bổ sung, hoàn thiện hồ sơ (dừng tính thời gian).")
    @Option(help: "Lý do.") var reason: String
    @Option(parsing: .singleValue, help: "Giấy tờ cần bổ sung (lặp lại được).") var documents: [String] = []
    @OptionGroup var action: ActionOptions
    func run() throws { try action.perform(.requestSupplement(reason: reason, documents: documents)) }
}

struct SupplementReceivedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "supplement-received",
                                                    abstract: "Nhận đủ hồ sơ bổ sung: thời hạn tính lại từ đầu, hẹn mới.")
    @OptionGroup var action: ActionOptions
    func run() throws { try action.perform(.supplementReceived) }
}

struct SuspendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suspend", abstract: "Tạm dừng xử lý (dừng tính thời gian).")
    @Option(help: "Lý do.") var reason: String
    @OptionGroup var action: ActionOptions
    func run() throws { try action.perform(.suspend(reason: reason)) }
}

struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Tiếp tục xử lý với thời gian còn lại.")
    @OptionGroup var action: ActionOptions
    func run() throws { try action.perform(.resume) }
}

struct ResultReadyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "result-ready", abstract: "Ghi nhận đã có kết quả, chờ trả.")
    @Option(help: "Ghi chú.") var note: String?
    @OptionGroup var action: ActionOptions
    func run() throws { try action.perform(.resultReady(note: note)) }
}

struct ReturnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "return", abstract: "Trả kết quả cho người nộp, người được ủy quyền hoặc qua bưu chính.")
    @Option(name: .customLong("to-proxy"), help: "Họ tên người được ủy quyền nhận.") var toProxy: String?
    @Option(help: "Số vận đơn bưu chính.") var post: String?
    @OptionGroup var action: ActionOptions
    func run() throws {
        if toProxy != nil && post != nil { throw CLIError.badInput("chọn một trong --to-proxy, --post") }
        let method: ReturnMethod = toProxy.map { .proxy(name: $0) } ?? post.map { .post(waybill: $0) } ?? .applicant
        try action.perform(.returnResult(method))
    }
}

struct RefuseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "refuse", abstract: "Từ chối giải quyết hồ sơ (nêu lý do).")
    @Option(help: "Lý do.") var reason: String
    @OptionGroup var action: ActionOptions
    func run() throws { try action.perform(.refuse(reason: reason)) }
}

struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "withdraw", abstract: "Rút hồ sơ / dừng xử lý theo đề nghị của người nộp.")
    @Option(help: "Lý do.") var reason: String?
    @OptionGroup var action: ActionOptions
    func run() throws { try action.perform(.withdraw(reason: reason)) }
}

struct ExtendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "extend",
                                                    abstract: "Gia hạn kèm văn bản xin lỗi (Mẫu 04): hẹn lại một lần duy nhất.")
    @Option(help: "Hẹn trả mới, ISO 8601.") var until: String
    @Option(help: "Lý do chậm.") var reason: String
    @Option(help: "Phòng ban chịu trách nhiệm (mặc định: phòng đang giữ).") var department: String?
    @OptionGroup var action: ActionOptions
    func run() throws {
        let date = try Parse.instant(until, option: "--until")
        try action.perform(.extend(until: date, reason: reason, department: department))
    }
}

struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Thêm ghi chú vào hồ sơ.")
    @OptionGroup var action: ActionOptions
    @Argument(help: "Nội dung ghi chú.") var text: String
    func run() throws { try action.perform(.note(text)) }
}
