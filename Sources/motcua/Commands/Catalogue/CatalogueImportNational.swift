import ArgumentParser
import Foundation
import MotCuaCore

extension CatalogueCommand {
    struct ImportNational: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-national",
            abstract: "Nhập thủ tục từ tệp dữ liệu quốc gia (dạng LayThuTuc) thành phiên bản danh mục mới (quản trị).",
            discussion: "Thủ tục đã có được cập nhật tên, lĩnh vực, thời hạn (ngày/giờ làm việc, trong ngày), phí, lệ phí, "
                + "thành phần hồ sơ, kết quả; giữ tên ngắn và quy trình nội bộ. Phiên bản cũ vẫn được lưu. "
                + "--json: {\"imported\":N,\"unmapped\":[{\"code\":…,\"field\":…,\"reason\":…}]}.")
        @Argument(help: "Tệp JSON (kết quả LayThuTuc, mảng thủ tục hoặc một thủ tục).") var file: String
        @OptionGroup var store: StoreSelection
        @OptionGroup var output: OutputOptions

        func run() throws {
            guard let data = UserFile.contents(atPath: file) else { throw CLIError.badInput("Không đọc được tệp \(file)") }
            let context = try StoreContext.open(store)
            let result = try context.desk.importNationalCatalogue(data, now: context.now)
            if output.json {
                Console.json(.object([
                    ("imported", .int(Int64(result.imported.count))),
                    ("unmapped", .array(result.unmapped.map {
                        .object([("code", .string($0.code)), ("field", .string($0.field)), ("reason", .string($0.reason))])
                    })),
                    ("version", .int(Int64(result.catalogue.version))), ("codes", .array(result.imported.map(JSONText.string))),
                ]))
                return
            }
            print("Đã cài danh mục phiên bản \(result.catalogue.version): \(result.imported.count) thủ tục từ dữ liệu quốc gia "
                  + "(\(result.imported.joined(separator: ", ")))")
            if !result.unmapped.isEmpty { print("Chưa ánh xạ được:") }
            for u in result.unmapped { print("  \(DisplayText.sanitize(u.code)) \(u.field): \(DisplayText.sanitize(u.reason))") }
        }
    }
}
