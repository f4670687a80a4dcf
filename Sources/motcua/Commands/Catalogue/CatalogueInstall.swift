import ArgumentParser
import Foundation
import MotCuaCore

extension CatalogueCommand {
    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "install",
                                                        abstract: "Cài phiên bản danh mục mới từ tệp JSON (quản trị).")
        @Argument(help: "Tệp danh mục JSON.") var file: String
        @OptionGroup var store: StoreSelection
        @OptionGroup var output: OutputOptions

        func validate() throws { _ = try catalogue() }

        func run() throws {
            let context = try StoreContext.open(store)
            let catalogue = try catalogue()
            try context.store.installCatalogue(catalogue, actor: context.actor, now: context.now)
            print("Đã cài danh mục phiên bản \(catalogue.version) (\(catalogue.procedures.count) thủ tục)")
        }

        /// The catalogue in the file, read and checked.
        private func catalogue() throws -> Catalogue {
            guard let data = UserFile.contents(atPath: file) else { throw CLIError.badInput("Không đọc được tệp \(file)") }
            do { return try Catalogue(json: data) } catch { throw CLIError.badInput("Tệp danh mục không hợp lệ: \(error)") }
        }
    }
}
