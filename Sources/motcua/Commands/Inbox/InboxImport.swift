import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaStore

extension InboxCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Nhập hồ sơ trực tuyến từ tệp JSON của Cổng (mảng hồ sơ dạng DongBoHoSoMC, TrangThaiHoSo \"1\", KenhThucHien \"2\").",
            discussion: "Nhập lại cùng tệp không tạo hồ sơ trùng (theo MaHoSo của Cổng). Bản ghi sai bị từ chối kèm lý do, "
                + "các bản ghi khác vẫn được nhập. --json: {\"imported\":N,\"duplicates\":N,\"refused\":[{\"index\":I,\"reason\":…}]}.")
        @Argument(help: "Tệp JSON.") var file: String
        @OptionGroup var store: StoreSelection
        @OptionGroup var output: OutputOptions

        func run() throws {
            guard let data = UserFile.contents(atPath: file) else { throw CLIError.badInput("Không đọc được tệp \(file)") }
            let context = try StoreContext.open(store)
            let result = try context.desk.importInbox(data, now: context.now)
            InboxCommand.report(result, json: output.json)
        }
    }
}

extension InboxCommand {
    /// What an import did, as `inbox import` and `sync pull` both print it (reasons sanitised).
    static func report(_ result: InboxImport, json: Bool) {
        if json {
            Console.json(.object([
                ("imported", .int(Int64(result.imported.count))), ("duplicates", .int(Int64(result.duplicates.count))),
                ("refused", .array(result.refused.map { .object([("index", .int(Int64($0.index))), ("reason", .string($0.reason))]) })),
                ("codes", .array(result.imported.map(JSONText.string))),
            ]))
            return
        }
        print("Đã nhập \(result.imported.count) hồ sơ trực tuyến chờ tiếp nhận; \(result.duplicates.count) đã có từ trước; "
              + "\(result.refused.count) bị từ chối")
        for code in result.imported { print("  + \(code)") }
        for d in result.duplicates { print("  = bản ghi \(d.index): đã có (\(d.code))") }
        for r in result.refused { print("  ! bản ghi \(r.index): \(DisplayText.sanitize(r.reason))") }
    }
}
