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

    func validate() throws {
        if printHead && headFile != nil { throw CLIError.badInput("--head và --against không dùng cùng nhau") }
    }

    func run() throws {
        let opened = try Store.open(at: store.directory)
        if printHead { return try CheckHead.printHead(opened, json: output.json) }
        if let headFile { return try CheckHead.compare(opened, headFile: headFile, json: output.json) }
        let report = try opened.verify()
        if output.json {
            Console.json(.object([
                ("ok", .bool(report.ok)), ("lines", .int(report.lines)), ("dossiers", .int(Int64(report.dossiers))),
                ("lastSeq", .int(report.lastSeq)), ("cutUnderLock", .bool(report.cutUnderLock)),
                ("problems", .array(report.problems.map(JSONText.string))),
                ("notes", .array(report.notes.map(JSONText.string))),
            ]))
        } else {
            print("Đã kiểm tra \(report.lines) dòng nhật ký, \(report.dossiers) hồ sơ, tới seq \(report.lastSeq) "
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
