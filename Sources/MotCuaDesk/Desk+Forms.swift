import Foundation
import MotCuaCore
import MotCuaStore

extension Desk {
    /// The centre as its forms name it.
    public var formAgency: FormAgency {
        let c = store.config
        return FormAgency(name: c.name, code: c.agency, governingBody: c.governingBody, place: c.place, phone: c.phone)
    }

    /// One of a dossier's forms, filled from the dossier as given (a caller that has it, as
    /// after a receive, reads nothing again).
    public func renderForm(_ form: FormID, dossier: Dossier, as format: FormRenderer.Format) throws(FormError) -> String {
        // The receipt carries the citizen's lookup secret; no key to be had (a full disk) prints it without.
        let secret = form == .receipt ? (try? lookupSecret(of: dossier.summary))?.description : nil
        let context = try FormContext.forDossier(form, dossier: dossier, catalogue: store.catalogue, agency: formAgency,
                                                 officialNames: officials.names, calendar: store.calendar, lookupSecret: secret)
        return try FormRenderer.render(FormCatalog.shipped.form(form), context, as: format)
    }

    /// One of a dossier's forms. A form handed to the citizen (`FormID.isForTheCitizen`) carries
    /// their ID number and phone in full, whoever prints it, and the journal records the printing
    /// when this official's screens mask them (`noteCitizenCopy`); an internal form reads the
    /// dossier as this official may see it.
    public func renderForm(_ form: FormID, code: String, as format: FormRenderer.Format, at now: Instant) throws -> String {
        guard form.isForTheCitizen else { return try renderForm(form, dossier: dossier(code: code), as: format) }
        let full = try store.dossier(code: code)
        let text = try renderForm(form, dossier: full, as: format)
        try noteCitizenCopy(form, code: full.code, at: now)
        return text
    }

    /// Records that a form with the citizen's data in full was printed, when this official's role
    /// sees that data masked (supervisors, administrators); clerks and officers see it anyway.
    /// If the journal cannot be written, the form is not printed.
    public func noteCitizenCopy(_ form: FormID, code: String, at now: Instant) throws {
        guard !AccessPolicy.allows(actor.role, .viewPersonalData) else { return }
        try store.recordFormPrinted(form.rawValue, code: code, actor: actor, now: now)
    }

    /// The Mẫu 01 receipt as text, shown right after a save; if the form cannot be filled the
    /// dossier is still saved, and the text says why there is no receipt.
    public func receiptText(_ dossier: Dossier) -> String {
        do { return try renderForm(.receipt, dossier: dossier, as: .text) } catch {
            return "Đã tiếp nhận hồ sơ \(dossier.code).\nKhông tạo được giấy tiếp nhận: \(error.description)"
        }
    }

    /// The tracking register of a period, in this official's report scope.
    public func renderRegister(from: CivilDate, to: CivilDate, field: String?, office: String?, printedOn: CivilDate,
                               as format: FormRenderer.Format) throws -> Scoped<String> {
        let scope = try reportScope(office: office)
        let summaries = scope.filter(store.summaries(overlapping: from, to)).map { $0.visible(to: actor.role) }
        let context = try FormContext.register(summaries: summaries, from: from, to: to, field: field, catalogue: store.catalogue,
                                               agency: formAgency, printedOn: printedOn)
        return Scoped(report: try FormRenderer.render(FormCatalog.shipped.form(.register), context, as: format), scope: scope)
    }

    /// The one file-name scheme of a dossier's printed form: `<code>-<form>.<txt|html>`.
    public func outputPath(_ form: FormID, code: String, format: FormRenderer.Format) -> String {
        "\(store.outputDirectory)/\(code)-\(form.rawValue).\(format == .html ? "html" : "txt")"
    }

    /// Writes a text into the store's output folder (a path `outputPath` gave) and returns its
    /// path; a link someone put in its place is replaced, never followed.
    public func writeOutput(_ text: String, to path: String) throws -> String {
        let name = (path as NSString).lastPathComponent
        guard (path as NSString).deletingLastPathComponent == store.outputDirectory, !name.hasPrefix(".") else {
            throw StoreError.badInput("Tệp \(path) không nằm trong thư mục output của kho")
        }
        return try store.writeOutput(Array(text.utf8), name: name)
    }
}
