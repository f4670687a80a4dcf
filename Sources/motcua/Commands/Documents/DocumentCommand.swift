import Foundation
import ArgumentParser
import MotCuaCore
import MotCuaDesk
import MotCuaStore

struct DocumentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "document",
        abstract: "Ghi nhận số hóa một giấy tờ của hồ sơ: đã số hóa (tệp bản quét trong thư mục bản quét), tái sử dụng, hoặc tái sử dụng từ kết quả hồ sơ khác.")
    @Argument(help: "Mã hồ sơ.") var code: String
    @Argument(help: "Số thứ tự giấy tờ trong thành phần hồ sơ (từ 1, như motcua show).") var index: Int
    @Option(help: "Tệp bản quét (trong thư mục bản quét): motcua lưu đường dẫn và SHA-256, không lưu nội dung.") var digitised: String?
    @Flag(help: "Giấy tờ được tái sử dụng (từ kho dữ liệu, CSDL quốc gia), không cần quét.") var reused = false
    @Option(help: "Cùng --reused: mã hồ sơ có kết quả được tái sử dụng.") var from: String?
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions
    @OptionGroup var write: WriteOptions

    func validate() throws {
        if (digitised != nil) == reused { throw CLIError.badInput("chọn một trong --digitised TỆP, --reused") }
        if from != nil && !reused { throw CLIError.badInput("--from chỉ dùng cùng --reused") }
        if index < 1 { throw CLIError.badInput("số thứ tự giấy tờ \(index): đánh số từ 1") }
    }

    func run() throws {
        let context = try StoreContext.open(store)
        let mark: DocumentMark = digitised.map { .digitised(file: $0) } ?? from.map { .reusedFromResult(of: $0) } ?? .reused
        let done = try context.desk.markDocument(index, mark, on: code, expectedVersion: write.expectVersion, op: write.op, now: context.now)
        let record = DocumentsView(done.dossier).papers.first { $0.index == index }?.record
            ?? DocumentRecord(index: index, status: mark.status)
        let view = DocumentsView(done.dossier)
        if output.json {
            Console.json(.object([("code", .string(done.commit.code)), ("version", .int(Int64(done.commit.version))),
                                  ("replayed", .bool(done.commit.replayed))] + documentPairs(view)))
        } else {
            let paper = view.papers.first { $0.index == index }
            print("Hồ sơ \(done.commit.code): giấy tờ số \(index) (\(DisplayText.sanitize(paper?.document.name ?? ""))) — \(record.status.vietnamese)"
                  + (record.file.map { ", tệp \(DisplayText.sanitize($0)), SHA-256 \(record.sha256 ?? "")" } ?? ""))
        }
    }

    private func documentPairs(_ view: DocumentsView) -> [(String, JSONText)] {
        guard case .object(let pairs) = FeeJSON.documents(view) else { return [] }
        return pairs
    }
}

struct DocumentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "documents", abstract: "Giấy tờ, bản quét: cấu hình thư mục bản quét.",
                                                    subcommands: [Configure.self])

    struct Configure: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "configure", abstract: "Đặt thư mục bản quét của kho (quản trị).")
        @Option(name: .customLong("scan-folder"), help: "Thư mục máy quét ghi tệp vào (đường dẫn tuyệt đối).") var scanFolder: String
        @OptionGroup var store: StoreSelection

        func validate() throws {
            guard scanFolder.hasPrefix("/"), !scanFolder.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw CLIError.badInput("--scan-folder: ghi đường dẫn tuyệt đối (bắt đầu bằng /), không có ký tự điều khiển")
            }
        }

        func run() throws {
            let context = try StoreContext.open(store)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: scanFolder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CLIError.badInput("--scan-folder \(scanFolder): thư mục không tồn tại; tạo thư mục trước. Chưa ghi gì")
            }
            try context.store.configureDocuments(DocumentSettings(scanFolder: scanFolder), actor: context.actor, now: context.now)
            print("Thư mục bản quét: \(DisplayText.sanitize(scanFolder))")
        }
    }
}
