import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaDesk

struct CashbookCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, html }

    static let configuration = CommandConfiguration(
        commandName: "cashbook", abstract: "Sổ thu phí, lệ phí của một ngày theo người thu và hình thức (lãnh đạo); in được (table, html) và xuất CSV.")
    @Option(help: "Ngày (YYYY-MM-DD hoặc dd/MM/yyyy).") var date: String
    @Option(help: "Định dạng: table, csv, json, html.") var format: Format = .table
    @OptionGroup var office: OfficeOption
    @OptionGroup var store: StoreSelection

    func run() throws {
        let day = try Parse.date(date, option: "--date")
        let context = try StoreContext.open(store)
        let book = try context.desk.cashbook(date: day, office: office.office)
        let names = context.desk.officials.names
        let name = { (login: String) in names[login] ?? login }
        switch format {
        case .json: Console.json(FeeJSON.cashbook(book, name: name))
        case .csv: FileHandle.standardOutput.write(Data(book.csv(name: name).bytes))      // BOM and CRLF kept: bytes, never re-encoded
        case .html: print(book.html(agencyName: context.store.config.name, name: name), terminator: "")
        case .table: print(book.text(agencyName: context.store.config.name, name: name), terminator: "")
        }
    }
}
