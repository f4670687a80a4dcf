import ArgumentParser
import Foundation
import MotCuaCore

extension CatalogueCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Chi tiết một thủ tục.")
        @Argument(help: "Mã thủ tục.") var code: String
        @OptionGroup var store: StoreSelection
        @OptionGroup var output: OutputOptions

        func run() throws {
            let context = try StoreContext.open(store)
            let catalogue = context.store.catalogue
            guard let p = catalogue.procedure(code) else { throw CLIError.badInput("Không có thủ tục mã \(code)") }
            if output.json {
                let data = try JSONEncoder().encode(p)
                Console.json(.raw(String(decoding: data, as: UTF8.self)))
                return
            }
            print("\(p.code) \(p.name)")
            print("Lĩnh vực: \(p.field) — \(p.level)")
            print("Thời hạn: \(p.processing.vietnamese)")
            if let online = p.onlineProcessing { print("Thời hạn nộp trực tuyến: \(online.vietnamese)") }
            if let result = p.result { print("Kết quả: \(result)") }
            if let basis = p.legalBasis { print("Căn cứ: \(basis)") }
            print("Thành phần hồ sơ:")
            for d in p.documents {
                print("  - \(d.name) (bản chính \(d.originals), bản sao \(d.copies))\(d.required ? "" : " [không bắt buộc]")")
            }
            print("Phí, lệ phí:")
            for f in p.fees { print("  - \(f.name): \(f.amount) đồng\(f.note.map { " (\($0))" } ?? "")") }
            print("Quy trình:")
            for step in p.route {
                print("  - \(catalogue.department(step.department)?.name ?? step.department): \(step.budget.vietnamese)")
            }
        }
    }
}
