import ArgumentParser

struct CatalogueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue", abstract: "Danh mục thủ tục hành chính của kho.",
        subcommands: [List.self, Show.self, Departments.self, Install.self, ImportNational.self])
}
