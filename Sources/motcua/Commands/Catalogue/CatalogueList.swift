import ArgumentParser
import MotCuaCore

extension CatalogueCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liệt kê thủ tục (lọc không dấu với --search).")
        @Option(help: "Tìm theo mã, tên, lĩnh vực (không phân biệt dấu).") var search: String?
        @OptionGroup var store: StoreSelection
        @OptionGroup var output: OutputOptions

        func run() throws {
            let context = try StoreContext.open(store)
            let catalogue = context.store.catalogue
            let procedures = catalogue.search(search ?? "")
            if output.json {
                Console.json(.object([
                    ("version", .int(Int64(catalogue.version))), ("effective", .string(catalogue.effective.iso)),
                    ("procedures", .array(procedures.map { p in
                        .object([("code", .string(p.code)), ("name", .string(p.name)), ("shortName", .string(p.shortName)),
                                 ("field", .string(p.field)), ("processing", .string(p.processing.vietnamese))])
                    })),
                ]))
            } else {
                print("Danh mục phiên bản \(catalogue.version), hiệu lực \(catalogue.effective.vietnamese)")
                for p in procedures {
                    print("\(p.code.padding(toWidth: 10)) \(p.name.truncated(to: 44).padding(toWidth: 45)) \(p.processing.vietnamese)")
                }
            }
        }
    }
}
