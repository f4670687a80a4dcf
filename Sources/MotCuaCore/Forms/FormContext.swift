import Foundation

/// Who prints the form: the centre's name and identifier, as the store is configured.
public struct FormAgency: Hashable, Sendable {
    /// The receiving unit, e.g. "Trung tâm Phục vụ hành chính công phường Kim Long".
    public var name: String
    /// The agency identifier dossier codes are issued under, e.g. "000.00.xx.H57".
    public var code: String
    /// The body above it, printed first in the header, e.g. "UBND phường Kim Long".
    public var governingBody: String?
    /// The place name before the date, e.g. "Huế".
    public var place: String?
    /// The desk's telephone, for the supplement request.
    public var phone: String?

    public init(name: String, code: String, governingBody: String? = nil, place: String? = nil, phone: String? = nil) {
        self.name = name
        self.code = code
        self.governingBody = governingBody
        self.place = place
        self.phone = phone
    }
}

/// The values one form is filled with. Built from a dossier (or, for the register, from the
/// summaries of a period); the template decides where they go.
public struct FormContext: Sendable {
    public let formID: String
    public let scope: TemplateScope

    /// Printed where a value is unknown, for the official to fill in by hand.
    static let blank = "…………………"

    /// The context of `formID` for one dossier. The apology uses `extensionEvent`, else the dossier's latest extension;
    /// the receipt prints `lookupSecret` when given.
    public static func forDossier(_ formID: FormID, dossier: Dossier, catalogue: Catalogue, agency: FormAgency,
                                  officialNames: [String: String], calendar: WorkCalendar,
                                  extensionEvent: RecordedEvent? = nil, lookupSecret: String? = nil) throws(FormError) -> FormContext {
        var builder = DossierFormBuilder(dossier: dossier, catalogue: catalogue, agency: agency, officialNames: officialNames)
        switch formID {
        case .receipt: try builder.receipt(lookupSecret: lookupSecret)
        case .supplementRequest: try builder.supplementRequest()
        case .refusal: try builder.refusal()
        case .apology: try builder.apology(extensionEvent ?? dossier.extensionEvent)
        case .controlSlip: builder.controlSlip(calendar: calendar)
        case .feeReceipt: try builder.feeReceipt()
        case .register:
            throw .invalidInput("Sổ theo dõi hồ sơ được in theo kỳ và lĩnh vực, không theo từng hồ sơ")
        }
        return FormContext(formID: formID.rawValue, scope: builder.scope)
    }

    /// The tracking register (sổ theo dõi hồ sơ) of dossiers received from `from` to `to`, in one
    /// field when given, numbered from `startNumber` (numbering runs on through the year).
    /// Summaries carry no address: pass the addresses known (by dossier id) to print them.
    public static func register(summaries: [DossierSummary], from: CivilDate, to: CivilDate, field: String?,
                                catalogue: Catalogue, agency: FormAgency, startNumber: Int = 1,
                                addresses: [UUID: String] = [:], printedOn: CivilDate? = nil) throws(FormError) -> FormContext {
        guard from <= to else { throw .invalidInput(ReportError.invalidPeriod(from: from, to: to).description) }
        let start = Instant(date: from), end = Instant(date: to.adding(days: 1))
        let departmentNames = Dictionary(catalogue.departments.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let entries = summaries
            .filter { start <= $0.receivedAt && $0.receivedAt < end && (field == nil || $0.procedure.field == field) }
            .sorted { ($0.receivedAt, $0.code) < ($1.receivedAt, $1.code) }
        var scope = FormContext.agencyScope(agency)
        FormContext.setDate(&scope, "printed", printedOn ?? to)
        scope.set("register.field", field ?? "Tất cả lĩnh vực")
        scope.set("register.from", from.vietnamese)
        scope.set("register.to", to.vietnamese)
        scope.set("register.count", String(entries.count))
        let rows = entries.enumerated().map { index, d -> TemplateScope in
            var row = TemplateScope()
            row.set("number", String(startNumber + index))
            row.set("code", d.code)
            row.set("procedure", d.procedure.name)
            row.set("applicant", d.applicantName)
            row.set("contact", [addresses[d.id], d.phone].compactMap { $0 }.joined(separator: "; "))
            row.set("lead", departmentNames[d.procedure.leadDepartment] ?? d.procedure.leadDepartment)
            row.set("received", d.receivedAt.dayMonthYearTime)
            row.set("due", d.due.dayMonthYearTime + (d.extended ? " (đã gia hạn)" : ""))
            row.set("returned", FormContext.outcome(of: d))
            row.set("method", FormContext.resultMethod(d.channel))
            return row
        }
        scope["rows"] = .list(rows, fields: ["number", "code", "procedure", "applicant", "contact", "lead", "received",
                                             "due", "returned", "method"])
        return FormContext(formID: "register", scope: scope)
    }

    /// The register's "Trả kết quả" cell: when the result was handed back, or how the dossier ended.
    static func outcome(of d: DossierSummary) -> String {
        switch d.state {
        case .returned: return d.closedAt?.dayMonthYearTime ?? ""
        case .resultReady: return "Có kết quả \(d.resolvedAt?.date.vietnamese ?? ""), chưa trả"
        case .refused: return "Từ chối \(d.closedAt?.date.vietnamese ?? "")"
        case .withdrawn: return "Rút/dừng \(d.closedAt?.date.vietnamese ?? "")"
        case .notAccepted: return "Không tiếp nhận \(d.closedAt?.date.vietnamese ?? "")"
        case .received, .inProgress, .awaitingSupplement, .suspended, .submitted: return ""
        }
    }

    /// How the applicant registered to receive the result, from the submission channel.
    static func resultMethod(_ channel: Channel) -> String {
        switch channel {
        case .direct: return "Trực tiếp"
        case .postal: return "Bưu chính công ích"
        case .online: return "Trực tuyến"
        }
    }

    static func agencyScope(_ agency: FormAgency) -> TemplateScope {
        var scope = TemplateScope()
        scope.set("agency.name", agency.name)
        scope.set("agency.code", agency.code)
        scope.set("agency.governingBody", agency.governingBody ?? "")
        scope.set("agency.place", agency.place ?? "")
        scope.set("agency.phone", agency.phone ?? "")
        return scope
    }

    /// `prefix.hour`, `.minute`, `.day`, `.month` (two digits), `.year`, `.date` (dd/MM/yyyy), `.time` (HH:mm).
    static func setTime(_ scope: inout TemplateScope, _ prefix: String, _ instant: Instant) {
        let s = instant.secondOfDay
        scope.set("\(prefix).hour", CivilDate.pad(s / 3600, 2))
        scope.set("\(prefix).minute", CivilDate.pad(s / 60 % 60, 2))
        setDate(&scope, prefix, instant.date)
        scope.set("\(prefix).time", "\(CivilDate.pad(s / 3600, 2)):\(CivilDate.pad(s / 60 % 60, 2))")
        scope.set("\(prefix).forCitizen", instant.vietnameseForCitizen)
    }

    static func setDate(_ scope: inout TemplateScope, _ prefix: String, _ date: CivilDate) {
        scope.set("\(prefix).day", CivilDate.pad(date.day, 2))
        scope.set("\(prefix).month", CivilDate.pad(date.month, 2))
        scope.set("\(prefix).year", String(date.year))
        scope.set("\(prefix).date", date.vietnamese)
    }
}
