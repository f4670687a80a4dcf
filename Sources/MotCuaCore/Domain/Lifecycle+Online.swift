import Foundation

/// An online dossier as the portal sent it, checked and ready to be recorded as submitted.
public struct OnlineSubmission: Hashable, Sendable {
    /// The portal's dossier code (MaHoSo): the import is idempotent on it.
    public var portalCode: String
    public var procedureCode: String
    public var applicant: Person
    /// When the citizen submitted it on the portal (NgayNopHoSo); nil: when it is imported.
    public var submittedAt: Instant?
    /// The portal's document list, each with the file's address.
    public var documents: [ReceivedDocument]

    public init(portalCode: String, procedureCode: String, applicant: Person, submittedAt: Instant?,
                documents: [ReceivedDocument]) {
        self.portalCode = portalCode
        self.procedureCode = procedureCode
        self.applicant = applicant
        self.submittedAt = submittedAt
        self.documents = documents
    }
}

/// The guidance a refusal at acceptance gives when the clerk writes none (NĐ 61/2018 art. 17(2):
/// the refusal states the reason and guides the applicant).
public let defaultAcceptanceGuidance =
    "Đề nghị ông/bà hoàn thiện hồ sơ theo lý do nêu trên và nộp lại trên Cổng Dịch vụ công."

extension Lifecycle {
    /// The `submitted` event of an online dossier: validated as a reception would be, with the
    /// acceptance deadline (`acceptanceHours` working hours from submission) as its `due`.
    public func submit(_ s: OnlineSubmission, agency: String, acceptanceHours: Double,
                       at now: Instant) throws(LifecycleError) -> DossierEvent {
        let submittedAt = s.submittedAt ?? now
        let intake = Intake(procedureCode: s.procedureCode, applicant: s.applicant, channel: .online,
                            documents: s.documents, receivedAt: submittedAt)
        var event = try receive(intake, agency: agency, at: now)
        event.kind = .submitted
        guard var reception = event.reception else { return event }
        reception.documents = zip(reception.documents, s.documents).map { cleaned, original in
            ReceivedDocument(name: cleaned.name, originals: cleaned.originals, copies: cleaned.copies, file: original.file)
        }
        reception.portalCode = s.portalCode
        reception.submittedAt = submittedAt
        event.reception = reception
        let deadline = calendar.due(from: submittedAt, processing: .workingHours(acceptanceHours)).due
        event.due = deadline
        event.statsDue = deadline
        event.stepDue = deadline
        return event
    }

    /// The `accepted` event: the documents checked, the procedure as the catalogue has it now
    /// (its online processing time where it has one), and the appointment counted from `now`.
    public func accept(_ d: DossierSummary, submitted reception: Reception, at now: Instant) throws(LifecycleError) -> DossierEvent {
        guard d.state == .submitted else { throw .notAwaitingAcceptance(d.state) }
        let unusable = reception.documents.filter { ($0.file ?? "").isEmpty }.map(\.name)
        if reception.documents.isEmpty || !unusable.isEmpty {
            let what = reception.documents.isEmpty ? "hồ sơ không có giấy tờ đính kèm" : "thiếu tệp: " + unusable.joined(separator: "; ")
            throw .invalid([ValidationIssue(field: .procedure, severity: .error,
                                            message: "Không thể tiếp nhận: \(what); hãy từ chối và hướng dẫn người nộp bổ sung")])
        }
        var accepted = reception
        if let current = catalogue.procedure(reception.procedure.code) {
            accepted.procedure = ProcedureSnapshot(current, catalogueVersion: catalogue.version, channel: .online)
            accepted.fees = FeeLine.lines(for: current, channel: .online)
        }
        let computation = calendar.due(from: now, processing: accepted.procedure.processing)
        accepted.effectiveStart = computation.effectiveStart
        var event = DossierEvent(kind: .accepted)
        event.reception = accepted
        event.due = computation.due
        event.statsDue = computation.due
        event.stepDue = stepDue(for: Catalogue.deskCode, procedure: accepted.procedure, from: now, fallback: computation.due)
        if now > d.due { event.flags = [.lateAcceptance] }
        return event
    }

    /// The `notAccepted` event: an online dossier refused once, with the reason and the guidance.
    func refuseAtAcceptance(reason: String, guidance: String?) throws(LifecycleError) -> DossierEvent {
        var e = DossierEvent(kind: .notAccepted)
        e.reason = try cleanText(reason, field: .reason, label: "Lý do không tiếp nhận", required: true)
        let guidance = try cleanText(guidance ?? "", field: .note, label: "Hướng dẫn", required: false)
        e.text = guidance.isEmpty ? defaultAcceptanceGuidance : guidance
        return e
    }
}
