import Foundation
import MotCuaCore
import MotCuaStore

/// Filling and writing the desk's forms from the terminal app (F7, and the receipt after intake).
public enum FormPrinting {
    static func agency(_ store: Store) -> FormAgency {
        FormAgency(name: store.config.name, code: store.config.agency, governingBody: store.config.governingBody,
                   place: store.config.place, phone: store.config.phone)
    }

    static func names(_ store: Store) -> [String: String] {
        Dictionary(store.users.users.map { ($0.login, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    public static func render(_ formID: String, dossier: Dossier, store: Store, html: Bool) throws -> String {
        let template = try FormCatalog.shipped.form(id: formID)
        let context = try FormContext.forDossier(formID, dossier: dossier, catalogue: store.catalogue, agency: agency(store),
                                                 officialNames: names(store), calendar: store.calendar)
        return try FormRenderer.render(template, context, as: html ? .html : .text)
    }

    /// The Mẫu 01 receipt as text, shown right after a save.
    public static func receipt(_ dossier: Dossier, _ store: Store) -> String {
        (try? render("receipt", dossier: dossier, store: store, html: false)) ?? "Đã tiếp nhận hồ sơ \(dossier.code)"
    }

    /// `lp`, when the system has it.
    static var printerCommand: String? {
        ["/usr/bin/lp", "/bin/lp", "/usr/local/bin/lp"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

extension App {
    /// Renders the form to `<store>/output/` and, if asked and possible, sends it to the default printer.
    func printForm(_ form: String, code: String, html: Bool, toPrinter: Bool) -> Msg {
        do {
            let text = try FormPrinting.render(form, dossier: try store.dossier(code: code).visible(to: actor.role), store: store, html: html)
            let path = "\(store.outputDirectory)/\(code)-\(form).\(html ? "html" : "txt")"
            try FileManager.default.createDirectory(atPath: store.outputDirectory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            guard toPrinter else { return .notice("Đã ghi \(path)", isError: false) }
            guard let lp = FormPrinting.printerCommand else {
                return .notice("Đã ghi \(path); máy này không có lệnh lp để in trực tiếp", isError: true)
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: lp)
            process.arguments = [path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0 ? .notice("Đã gửi \(path) tới máy in", isError: false)
                : .notice("lp báo lỗi (mã \(process.terminationStatus)); tệp đã ghi ở \(path)", isError: true)
        } catch {
            return .notice("Không in được: \(error)", isError: true)
        }
    }
}
