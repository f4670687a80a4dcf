import ArgumentParser

extension CatalogueCommand {
    struct Departments: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "departments", abstract: "Các phòng ban và mã của chúng.")
        @OptionGroup var store: StoreSelection
        @OptionGroup var output: OutputOptions

        func run() throws {
            let context = try StoreContext.open(store)
            let departments = context.store.catalogue.departments
            if output.json {
                Console.json(.array(departments.map { .object([("code", .string($0.code)), ("name", .string($0.name))]) }))
            } else {
                for d in departments { print("\(d.code.padding(toWidth: 6)) \(d.name)") }
            }
        }
    }
}
