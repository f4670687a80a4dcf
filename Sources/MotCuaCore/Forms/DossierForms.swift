/// Fills the values of the per-dossier forms (Mẫu 01–04 and the process control slip) from a
/// dossier's reception and history.
struct DossierFormBuilder {
    let dossier: Dossier
    let agency: FormAgency
    let officialNames: [String: String]
    let departmentNames: [String: String]
    private(set) var scope: TemplateScope

    init(dossier: Dossier, catalogue: Catalogue, agency: FormAgency, officialNames: [String: String]) {
        self.dossier = dossier
        self.agency = agency
        self.officialNames = officialNames
        departmentNames = Dictionary(catalogue.departments.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        scope = FormContext.agencyScope(agency)
        let reception = dossier.reception, summary = dossier.summary
        let blank = FormContext.blank
        scope.set("dossier.code", dossier.code)
        scope.set("dossier.sets", "01")
        scope.set("applicant.name", reception.applicant.name)
        scope.set("applicant.id", reception.applicant.idNumber ?? blank)
        scope.set("applicant.address", reception.applicant.address ?? blank)
        scope.set("applicant.phone", reception.applicant.phone ?? blank)
        scope["proxy"] = .record(reception.proxy.map { proxy in
            var p = TemplateScope()
            p.set("name", proxy.name)
            p.set("id", proxy.idNumber ?? blank)
            p.set("phone", proxy.phone ?? blank)
            p.set("authorisation", proxy.authorisation ?? blank)
            return p
        }, fields: ["name", "id", "phone", "authorisation"])
        scope.set("procedure.code", reception.procedure.code)
        scope.set("procedure.name", reception.procedure.name)
        scope.set("procedure.field", reception.procedure.field)
        scope.set("procedure.processing", reception.procedure.processing.vietnamese)
        scope.set("channel.name", reception.channel.vietnamese)
        FormContext.setTime(&scope, "received", summary.receivedAt)
        FormContext.setTime(&scope, "due", summary.due)
    }

    func name(of login: String) -> String { officialNames[login] ?? login }
    func department(_ code: String) -> String { departmentNames[code] ?? code }

    /// Mẫu 01. A receipt is issued at reception (an online dossier's: at its acceptance) and again
    /// when a complete supplement restarts the clock (NĐ 61 art. 19(4)), so the latest of those
    /// events gives its time and appointment.
    /// `lookupSecret`: printed for the citizen's lookup (issue 16); none, and the line is left out.
    mutating func receipt(lookupSecret: String? = nil) throws(FormError) {
        scope.set("dossier.lookupSecret", lookupSecret ?? "")
        let issues: Set<DossierEvent.Kind> = [.received, .accepted, .supplementReceived]
        guard let issue = dossier.history.last(where: { issues.contains($0.event.kind) }) else {
            throw .missingEvent("Hồ sơ \(dossier.code) không có sự kiện tiếp nhận")
        }
        FormContext.setTime(&scope, "receipt", issue.at)
        FormContext.setTime(&scope, "appointment", issue.event.due ?? dossier.summary.originalDue)
        scope.set("receiver.name", name(of: issue.by))
        scope.set("receipt.restarted", issue.event.kind == .supplementReceived
                  ? "Đã nhận đủ hồ sơ bổ sung; thời gian giải quyết được tính lại từ đầu." : "")
        let documents = dossier.reception.documents.enumerated().map { index, doc -> TemplateScope in
            var row = TemplateScope()
            row.set("index", String(index + 1))
            row.set("name", doc.name)
            row.set("originals", String(doc.originals))
            row.set("copies", String(doc.copies))
            return row
        }
        scope["documents"] = .list(documents, fields: ["index", "name", "originals", "copies"])
        switch dossier.reception.channel {
        case .postal:
            scope.set("collect.place", "Qua dịch vụ bưu chính công ích, tại địa chỉ: \(dossier.reception.applicant.address ?? FormContext.blank)")
        case .online:
            scope.set("collect.place", "Trực tuyến, hoặc tại Bộ phận tiếp nhận và trả kết quả – \(agency.name)")
        case .direct:
            scope.set("collect.place", "Bộ phận tiếp nhận và trả kết quả – \(agency.name)")
        }
    }

    /// Mẫu 02, from the latest supplement request.
    mutating func supplementRequest() throws(FormError) {
        let requests = dossier.history.filter { $0.event.kind == .supplementRequested }
        guard let request = requests.last else {
            throw .missingEvent("Hồ sơ \(dossier.code) chưa có yêu cầu bổ sung: không có Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ để in")
        }
        FormContext.setTime(&scope, "request", request.at)
        scope.set("request.number", String(requests.count))
        scope.set("request.reason", request.event.reason ?? FormContext.blank)
        scope.set("request.byName", name(of: request.by))
        let documents = (request.event.documents ?? []).enumerated().map { index, doc -> TemplateScope in
            var row = TemplateScope()
            row.set("index", String(index + 1))
            row.set("name", doc)
            return row
        }
        scope["request.documents"] = .list(documents, fields: ["index", "name"])
    }

    /// Mẫu 03, from the refusal.
    mutating func refusal() throws(FormError) {
        guard let refusal = dossier.history.last(where: { $0.event.kind == .refused || $0.event.kind == .notAccepted }) else {
            throw .missingEvent("Hồ sơ \(dossier.code) không bị từ chối: không có Phiếu từ chối tiếp nhận giải quyết hồ sơ để in")
        }
        FormContext.setTime(&scope, "refusal", refusal.at)
        // A refusal at acceptance also says what the applicant should do (NĐ 61 art. 17(2)).
        let guidance = refusal.event.kind == .notAccepted ? refusal.event.text.map { " Hướng dẫn: \($0)" } ?? "" : ""
        scope.set("refusal.reason", (refusal.event.reason ?? FormContext.blank) + guidance)
        scope.set("refusal.byName", name(of: refusal.by))
    }

    /// Mẫu 04: the appointment the citizen held before the extension (the dossier folded up to
    /// it), the reason, the new appointment and the department responsible.
    mutating func apology(_ event: RecordedEvent?) throws(FormError) {
        guard let event else {
            throw .missingEvent("Hồ sơ \(dossier.code) chưa có văn bản xin lỗi, hẹn lại (chưa gia hạn): không có Phiếu xin lỗi để in")
        }
        guard event.event.kind == .extended, event.dossier == dossier.id,
              let index = dossier.history.firstIndex(where: { $0.seq == event.seq }), index > 0, let newDue = event.event.due else {
            throw .invalidInput("Sự kiện số \(event.seq) không phải là lần gia hạn của hồ sơ \(dossier.code)")
        }
        var before: DossierSummary
        do { before = try DossierSummary(received: dossier.history[0]) } catch {
            throw .invalidInput("Hồ sơ \(dossier.code): \(error)")
        }
        for rec in dossier.history[1..<index] { before.apply(rec) }
        FormContext.setTime(&scope, "extension", event.at)
        FormContext.setTime(&scope, "previous", before.due)
        FormContext.setTime(&scope, "newDue", newDue)
        scope.set("extension.reason", event.event.reason ?? FormContext.blank)
        scope.set("extension.departmentName", department(event.event.department ?? before.holder.department))
    }

    /// The process control slip: one row per hand-over, with how the giving step ended against its budget.
    mutating func controlSlip(calendar: WorkCalendar) {
        let procedure = dossier.reception.procedure
        let lead = procedure.leadDepartment
        scope.set("lead.name", department(lead))
        var coordinators: [String] = []
        for step in procedure.route where step.department != Catalogue.deskCode && step.department != lead {
            let name = department(step.department)
            if !coordinators.contains(name) { coordinators.append(name) }
        }
        scope.set("coordinators", coordinators.isEmpty ? "Không" : coordinators.joined(separator: "; "))
        let rows = dossier.handOvers(calendar: calendar).enumerated().map { index, handOver -> TemplateScope in
            var row = TemplateScope()
            let s = handOver.at.secondOfDay
            row.set("index", String(index + 1))
            row.set("from", "\(department(handOver.from.department)) – \(name(of: handOver.by))")
            // A result goes back to the desk, not to a named official there (`to.official` is who recorded it).
            let receiver = handOver.kind == .resultReady ? nil : handOver.to.official
            row.set("to", department(handOver.to.department) + (receiver.map { " – \(name(of: $0))" } ?? ""))
            row.set("time", "\(CivilDate.pad(s / 3600, 2)) giờ \(CivilDate.pad(s / 60 % 60, 2)) phút, ngày \(handOver.at.date.vietnamese)")
            row.set("result", handOver.stepTimeliness?.vietnamese ?? "")
            row.set("note", handOver.kind == .resultReady ? "Chuyển trả kết quả" : "")
            return row
        }
        scope["handovers"] = .list(rows, fields: ["index", "from", "to", "time", "result", "note"])
    }
}

extension DossierFormBuilder {
    /// The fee receipt (biên lai) of the latest payment, with the dossier's fee lines and balance.
    mutating func feeReceipt() throws(FormError) {
        guard let payment = dossier.history.last(where: { $0.event.kind == .feePaid }) else {
            throw .missingEvent("Hồ sơ \(dossier.code) chưa thu phí, lệ phí: không có biên lai để in")
        }
        let account = FeeAccount(dossier)
        FormContext.setTime(&scope, "fee", payment.at)
        scope.set("fee.receipt", payment.event.receipt ?? FormContext.blank)
        scope.set("fee.amount", Money.digits(payment.event.amount ?? 0))
        scope.set("fee.method", payment.event.method?.vietnamese ?? FormContext.blank)
        scope.set("fee.due", Money.digits(account.due))
        scope.set("fee.paid", Money.digits(account.paid))
        scope.set("fee.outstanding", Money.digits(account.outstanding))
        scope.set("fee.byName", name(of: payment.by))
        let lines = account.lines.enumerated().map { index, line -> TemplateScope in
            var row = TemplateScope()
            row.set("index", String(index + 1))
            row.set("name", line.name)
            row.set("amount", Money.digits(line.amount))
            row.set("basis", line.basis ?? line.note ?? "")
            return row
        }
        scope["fee.lines"] = .list(lines, fields: ["index", "name", "amount", "basis"])
    }
}
