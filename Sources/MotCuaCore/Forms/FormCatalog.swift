import Foundation

/// A printed form of the one-stop rules, as data: its identity, its legal basis and its text.
public struct FormTemplate: Sendable, Hashable {
    public enum Paper: String, Codable, Sendable { case a4 = "A4", a5 = "A5" }
    public enum Orientation: String, Codable, Sendable { case portrait, landscape }

    /// Stable name used by commands: `receipt`, `supplement-request`, `refusal`, `apology`, `control-slip`, `register`.
    public let id: String
    /// Mẫu số under TT 03/2025/TT-VPCP.
    public let number: String
    /// Mẫu số under TT 01/2018/TT-VPCP, which deployed systems still use.
    public let number2018: String?
    public let title: String
    public let version: Int
    public let legalBasis: String
    public let paper: Paper
    public let orientation: Orientation
    /// The template's lines (see `FormLayout` for the line directives).
    public let body: [String]
    let template: Template

    private struct File: Decodable {
        let schema: Int
        let id: String
        let number: String
        let number2018: String?
        let title: String
        let version: Int
        let legalBasis: String
        let paper: Paper
        let orientation: Orientation?
        let body: [String]
    }

    /// Decodes a form file and parses its template, so a broken file is reported when loaded, not when printed.
    public init(json: Data) throws(FormError) {
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: json) } catch {
            throw .invalidTemplate(id: "?", reason: "tệp mẫu in không đọc được: \(error)")
        }
        guard file.schema == 1 else { throw .invalidTemplate(id: file.id, reason: "phiên bản tệp \(file.schema) không được hỗ trợ") }
        id = file.id
        number = file.number
        number2018 = file.number2018
        title = file.title
        version = file.version
        legalBasis = file.legalBasis
        paper = file.paper
        orientation = file.orientation ?? .portrait
        body = file.body
        do { template = try Template(file.body.joined(separator: "\n")) } catch {
            throw .invalidTemplate(id: file.id, reason: error.description)
        }
    }
}

/// The shipped forms by name (the raw value is the template id, the CLI's and the file names' word).
public enum FormID: String, CaseIterable, Hashable, Sendable {
    case receipt, supplementRequest = "supplement-request", refusal, apology, controlSlip = "control-slip", register
    /// The fee receipt (biên lai) of the latest payment: no ID number or phone on it.
    case feeReceipt = "fee-receipt"

    /// The forms handed to the citizen (Mẫu 01 receipt, Mẫu 02 supplement request, Mẫu 03
    /// refusal, Mẫu 04 apology): they carry the citizen's own ID number and phone in full,
    /// whoever prints them. The control slip and the register are internal and stay as the
    /// printing official may see the dossier.
    public var isForTheCitizen: Bool {
        switch self {
        case .receipt, .supplementRequest, .refusal, .apology: return true
        case .controlSlip, .register, .feeReceipt: return false
        }
    }

    /// Parses a form name as typed on the command line; the error lists the known ones.
    public static func named(_ name: String) throws(FormError) -> FormID {
        guard let id = FormID(rawValue: name) else { throw .unknownForm(name, known: allCases.map(\.rawValue)) }
        return id
    }
}

/// The forms motcua can print.
public struct FormCatalog: Sendable {
    public let forms: [FormTemplate]

    public init(forms: [FormTemplate]) { self.forms = forms }

    /// The forms compiled into motcua, in the order of the rules.
    public static let shipped: FormCatalog = {
        let files = [
            PackageResources.form_receipt_json, PackageResources.form_supplement_request_json,
            PackageResources.form_refusal_json, PackageResources.form_apology_json,
            PackageResources.form_control_slip_json, PackageResources.form_register_json,
            PackageResources.form_fee_receipt_json,
        ]
        do {
            return FormCatalog(forms: try files.map { bytes throws(FormError) in try FormTemplate(json: Data(bytes)) })
        } catch {
            preconditionFailure("a shipped form template is invalid: \(error)")
        }
    }()

    public func form(_ id: FormID) -> FormTemplate {
        guard let form = forms.first(where: { $0.id == id.rawValue }) else { preconditionFailure("form \(id) is not shipped") }
        return form
    }

    public func form(id: String) throws(FormError) -> FormTemplate {
        guard let form = forms.first(where: { $0.id == id }) else { throw .unknownForm(id, known: forms.map(\.id)) }
        return form
    }
}

public enum FormError: Error, Equatable, CustomStringConvertible {
    case unknownForm(String, known: [String])
    case invalidTemplate(id: String, reason: String)
    case template(id: String, TemplateError)
    /// The dossier has no event the form prints (a refusal slip for a dossier never refused).
    case missingEvent(String)
    case invalidInput(String)

    public var description: String {
        switch self {
        case .unknownForm(let id, let known):
            return "Không có mẫu in \"\(id)\"; các mẫu có: \(known.joined(separator: ", "))"
        case .invalidTemplate(let id, let reason):
            return "Mẫu in \(id) không hợp lệ: \(reason)"
        case .template(let id, let error):
            return "Không điền được mẫu in \(id): \(error.description)"
        case .missingEvent(let message), .invalidInput(let message):
            return message
        }
    }
}
