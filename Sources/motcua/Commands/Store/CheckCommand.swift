import ArgumentParser
import MotCuaCore
import MotCuaStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Kiểm tra toàn vẹn kho: mã băm, số thứ tự, phát lại toàn bộ so với chỉ mục.")

    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions
    @Flag(name: .customLong("head"), help: "In đầu chuỗi băm (seq, mã băm, cuối mỗi tháng) để lưu ra ngoài kho: motcua check --head --json > TỆP.")
    var printHead = false
    @Option(name: .customLong("against"), help: "Chứng minh nhật ký vẫn nối tiếp đầu chuỗi trong TỆP (do --head --json ghi trước đó).")
    var headFile: String?
    @Flag(name: .customLong("quick"), help: "Kiểm tra nhanh (cho cron): chuỗi băm của tháng đang ghi, nối với tháng trước, kích thước các tháng đã đóng trong SEALED; không băm lại tháng đã đóng, không phát lại.")
    var quick = false

    func validate() throws {
        if printHead && headFile != nil { throw CLIError.badInput("--head và --against không dùng cùng nhau") }
        if quick && (printHead || headFile != nil) { throw CLIError.badInput("--quick không dùng cùng --head hay --against") }
    }

    func run() throws {
        // The full check compares the older years one at a time (Store.rowDifferences): they are not loaded.
        let opened = try Store.open(at: store.directory, history: quick ? .deferred : .onDemand)
        if printHead { return try CheckHead.printHead(opened, json: output.json) }
        if let headFile { return try CheckHead.compare(opened, headFile: headFile, json: output.json) }
        let report = try quick ? opened.verifyQuick() : opened.verify()
        if output.json {
            Console.json(.object([
                ("ok", .bool(report.ok)), ("lines", .int(report.lines)), ("dossiers", .int(Int64(report.dossiers))),
                ("lastSeq", .int(report.lastSeq)), ("cutUnderLock", .bool(report.cutUnderLock)),
                ("problems", .array(report.problems.map(JSONText.string))),
                ("notes", .array(report.notes.map(JSONText.string))),
            ]))
        } else {
            print(quick ? "Kiểm tra nhanh: \(report.lines) dòng của tháng đang ghi, tới seq \(report.lastSeq); các tháng đã đóng chỉ so kích thước (motcua check để kiểm tra đầy đủ)."
                  : "Đã kiểm tra \(report.lines) dòng nhật ký, \(report.dossiers) hồ sơ, tới seq \(report.lastSeq) "
                  + (report.cutUnderLock ? "(điểm cắt lấy dưới khóa ghi; các dòng ghi sau đó để lần kiểm tra sau)."
                                         : "(không lấy được khóa ghi: kiểm tới dòng đọc được cuối cùng)."))
            for note in report.notes { print("Ghi chú: \(note)") }
            if report.ok { print("Kho toàn vẹn.") } else {
                print("PHÁT HIỆN \(report.problems.count) vấn đề:")
                for p in report.problems { print("  - \(p)") }
            }
        }
        if !report.ok { throw ExitCode(1) }
    }
}
