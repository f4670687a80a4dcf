import Foundation

/// What a clerk asks for when accepting a dossier.
public struct Intake: Hashable, Sendable {
    public var procedureCode: String
    public var applicant: Person
    public var proxy: Proxy?
    public var channel: Channel
    /// Papers received; nil means every required paper of the procedure, as the catalogue lists it.
    public var documents: [ReceivedDocument]?
    /// When the papers were received; nil means now. Never in the future.
    public var receivedAt: Instant?
    /// The number-queue ticket the citizen was called with ("A012"); nil: the one the clerk's
    /// counter is serving, if any (the store links it under the lock).
    public var ticket: String? = nil

    public init(procedureCode: String, applicant: Person, proxy: Proxy? = nil, channel: Channel = .direct,
                documents: [ReceivedDocument]? = nil, receivedAt: Instant? = nil) {
        self.procedureCode = procedureCode
        self.applicant = applicant
        self.proxy = proxy
        self.channel = channel
        self.documents = documents
        self.receivedAt = receivedAt
    }
}

/// A change asked for on an existing dossier.
public enum DossierCommand: Hashable, Sendable {
    case transfer(department: String, official: String?)
    case requestSupplement(reason: String, documents: [String])
    case supplementReceived
    case suspend(reason: String)
    case resume
    case resultReady(note: String?)
    case returnResult(ReturnMethod)
    case refuse(reason: String)
    /// A refusal with the guidance given to the applicant (an online dossier refused at acceptance
    /// keeps it; a received dossier keeps it as part of the refusal).
    case refuseWithGuidance(reason: String, guidance: String?)
    case withdraw(reason: String?)
    case extend(until: Instant, reason: String, department: String?)
    case note(String)
    /// The citizen's rating after the return; the desk fills the official and department rated.
    case rate(Rating)
    /// A result with its form and, for an electronic one, the file's reference and hash.
    case resultReadyWith(note: String?, result: ResultRecord)
    /// A return with what the desk asked there: the form the result was handed over in, and the
    /// citizen's rating or the counter whose rating device asks for it (one journal line: the return
    /// and its rating are never half written).
    case returnWith(ReturnMethod, form: ResultForm?, rating: ReturnRating?)

    public var action: DossierAction {
        switch self {
        case .transfer: return .transfer
        case .requestSupplement: return .requestSupplement
        case .supplementReceived: return .supplementReceived
        case .suspend: return .suspend
        case .resume: return .resume
        case .resultReady, .resultReadyWith: return .resultReady
        case .returnResult, .returnWith: return .returnResult
        case .refuse, .refuseWithGuidance: return .refuse
        case .withdraw: return .withdraw
        case .extend: return .extend
        case .note: return .note
        case .rate: return .rate
        }
    }
}

/// What a return records of the citizen's rating.
public enum ReturnRating: Hashable, Sendable {
    /// Given at the desk (asked by the clerk, or on paper).
    case given(Rating)
    /// To be given on the rating device of this counter (`motcua rate --counter N`).
    case onDevice(counter: Int)
}

public enum LifecycleError: Error, Equatable, CustomStringConvertible {
    case illegalTransition(state: DossierState, action: DossierAction)
    case invalid([ValidationIssue])
    case unknownProcedure(String)
    case unknownDepartment(String)
    case alreadyAtHolder(String)
    case alreadyExtended
    case extensionNotLater(current: Instant)
    case extensionOnDayOff(Instant)
    case receivedInFuture(Instant)
    case notAwaitingAcceptance(DossierState)
    case alreadyRated
    case rating(RatingError)

    public var description: String {
        switch self {
        case .illegalTransition(let state, let action):
            return "Không thể \(action.vietnamese): hồ sơ đang ở trạng thái \"\(state.vietnamese)\""
        case .invalid(let issues):
            return issues.filter { $0.severity == .error }.map(\.message).joined(separator: "; ")
        case .unknownProcedure(let code):
            return "Không có thủ tục mã \(code) trong danh mục"
        case .unknownDepartment(let code):
            return "Không có phòng ban mã \(code)"
        case .alreadyAtHolder(let code):
            return "Hồ sơ đang ở \(code)"
        case .alreadyExtended:
            return "Hồ sơ đã được gia hạn một lần; quy định chỉ cho hẹn lại một lần"
        case .extensionNotLater(let current):
            return "Hạn mới phải sau hạn hiện tại (\(current.vietnameseShort))"
        case .extensionOnDayOff(let until):
            return "Hạn mới \(until.vietnameseShort) rơi vào ngày nghỉ (thứ Bảy, Chủ nhật hoặc ngày lễ); chọn một ngày làm việc"
        case .receivedInFuture(let at):
            return "Thời điểm tiếp nhận \(at.vietnameseShort) ở tương lai"
        case .alreadyRated:
            return "Hồ sơ đã được người dân đánh giá; mỗi hồ sơ chỉ đánh giá một lần, không ghi lại"
        case .rating(let error):
            return error.description
        case .notAwaitingAcceptance(let state):
            return "Không thể tiếp nhận: hồ sơ không chờ tiếp nhận trực tuyến (đang ở trạng thái \"\(state.vietnamese)\")"
        }
    }
}

/// Decides the event a command produces, from the dossier as it stands, the time and the calendar.
/// Deadlines are computed here, once, and stored in the event.
public struct Lifecycle: Sendable {
    public let calendar: WorkCalendar
    public let catalogue: Catalogue

    public init(calendar: WorkCalendar, catalogue: Catalogue) {
        self.calendar = calendar
        self.catalogue = catalogue
    }

    /// The `received` event for an intake, after validating it.
    public func receive(_ intake: Intake, agency: String, at now: Instant) throws(LifecycleError) -> DossierEvent {
        guard let procedure = catalogue.procedure(intake.procedureCode) else {
            throw .unknownProcedure(intake.procedureCode)
        }
        let receivedAt = intake.receivedAt ?? now
        guard receivedAt <= now else { throw .receivedInFuture(receivedAt) }
        var applicant = intake.applicant
        applicant.name = Validation.clean(applicant.name)
        applicant.idNumber = applicant.idNumber.map { $0.filter { !$0.isWhitespace } }
        applicant.phone = applicant.phone.map { Validation.normalisedPhone($0) ?? $0 }
        applicant.address = applicant.address.map(Validation.clean)
        applicant.email = applicant.email.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        var issues = Validation.name(applicant.name)
        issues += Validation.idNumber(applicant.idNumber ?? "")
        issues += Validation.phone(applicant.phone ?? "")
        if let email = applicant.email { issues += Validation.email(email) }
        var proxy = intake.proxy
        if let p = proxy {
            let cleaned = Validation.cleanedProxy(p)
            issues += Validation.proxy(cleaned)
            proxy = cleaned
        }
        if issues.contains(where: { $0.severity == .error }) { throw .invalid(issues) }

        let documents = intake.documents ?? procedure.documents.filter(\.required).map {
            ReceivedDocument(name: $0.name, originals: $0.originals, copies: $0.copies)
        }
        let computation = calendar.due(from: receivedAt, processing: procedure.processing)
        var event = DossierEvent(kind: .received)
        event.reception = Reception(
            applicant: applicant, proxy: proxy, channel: intake.channel,
            documents: documents.map { ReceivedDocument(name: Validation.clean($0.name), originals: $0.originals, copies: $0.copies) },
            procedure: ProcedureSnapshot(procedure, catalogueVersion: catalogue.version),
            agency: agency, effectiveStart: computation.effectiveStart)
        event.reception?.fees = FeeLine.lines(for: procedure, channel: intake.channel)
        event.due = computation.due
        event.statsDue = computation.due
        event.stepDue = stepDue(for: Catalogue.deskCode, procedure: ProcedureSnapshot(procedure, catalogueVersion: catalogue.version),
                                from: receivedAt, fallback: computation.due)
        if issues.contains(where: { $0.field == .id && $0.severity == .warning }) { event.flags = [.legacyID] }
        return event
    }

    /// The event for `command` on dossier `d` at `now`, or the reason it is not allowed.
    public func decide(_ command: DossierCommand, for d: DossierSummary, at now: Instant) throws(LifecycleError) -> DossierEvent {
        guard command.action.isAllowed(in: d.state) else {
            throw .illegalTransition(state: d.state, action: command.action)
        }
        let dayLength = calendar.hours.dayLength
        switch command {
        case .transfer(let department, let official):
            guard catalogue.department(department) != nil else { throw .unknownDepartment(department) }
            if d.holder.department == department && d.holder.official == official && d.state == .inProgress {
                throw .alreadyAtHolder(department)
            }
            var e = DossierEvent(kind: .transferred)
            e.department = department
            e.official = official.map(Validation.clean)
            e.stepDue = stepDue(for: department, procedure: d.procedure, from: now, fallback: d.due)
            return e

        case .requestSupplement(let reason, let documents):
            var e = DossierEvent(kind: .supplementRequested)
            e.reason = try cleanText(reason, field: .reason, label: "Lý do yêu cầu bổ sung", required: true)
            e.documents = documents.map(Validation.clean).filter { !$0.isEmpty }
            var flags: [DossierFlag] = []
            if calendar.workingSeconds(from: d.clockStart, to: now) > 3 * dayLength { flags.append(.lateSupplementRequest) }
            if d.supplementCount >= 1 { flags.append(.repeatedSupplementRequest) }
            e.flags = flags.isEmpty ? nil : flags
            return e

        case .supplementReceived:
            var e = DossierEvent(kind: .supplementReceived)
            let restart = calendar.due(from: now, processing: d.procedure.processing)
            e.due = restart.due
            e.statsDue = restart.due
            e.stepDue = stepDue(for: d.holder.department, procedure: d.procedure, from: now, fallback: restart.due)
            return e

        case .suspend(let reason):
            var e = DossierEvent(kind: .suspended)
            e.reason = try cleanText(reason, field: .reason, label: "Lý do tạm dừng", required: true)
            return e

        case .resume:
            var e = DossierEvent(kind: .resumed)
            let paused = calendar.workingSeconds(from: d.pausedAt ?? now, to: now)
            e.due = calendar.adding(workingSeconds: paused, to: d.due).due
            e.statsDue = calendar.adding(workingSeconds: paused, to: d.statsDue).due
            e.stepDue = d.stepDue.map { calendar.adding(workingSeconds: paused, to: $0).due }
            return e

        case .resultReady(let note):
            var e = DossierEvent(kind: .resultReady)
            if let note { e.text = try cleanText(note, field: .note, label: "Ghi chú", required: false) }
            return e

        case .resultReadyWith(let note, let result):
            var e = try decide(.resultReady(note: note), for: d, at: now)
            var r = result
            if let code = r.code { r.code = try cleanText(code, field: .note, label: "Số, ký hiệu kết quả", required: false) }
            e.result = r
            return e

        case .returnResult(let method):
            return try returnEvent(method)

        case .returnWith(let method, let form, let rating):
            var e = try returnEvent(method)
            if let form { e.result = ResultRecord(form: form) }
            switch rating {
            case .given(let r)?:
                do { try r.validate() } catch { throw .rating(error) }
                e.rating = r
            case .onDevice(let counter)?: e.ratingCounter = counter
            case nil: break
            }
            return e

        case .rate(let rating):
            guard !d.flags.contains(.rated) else { throw .alreadyRated }
            do { try rating.validate() } catch { throw .rating(error) }
            var e = DossierEvent(kind: .rated)
            e.rating = rating
            return e

        case .refuse(let reason) where d.state == .submitted, .refuseWithGuidance(let reason, _) where d.state == .submitted:
            var guidance: String?
            if case .refuseWithGuidance(_, let g) = command { guidance = g }
            return try refuseAtAcceptance(reason: reason, guidance: guidance)

        case .refuse(let reason), .refuseWithGuidance(let reason, _):
            var e = DossierEvent(kind: .refused)
            e.reason = try cleanText(reason, field: .reason, label: "Lý do từ chối", required: true)
            if case .refuseWithGuidance(_, let guidance?) = command {
                let text = try cleanText(guidance, field: .note, label: "Hướng dẫn", required: false)
                if !text.isEmpty { e.text = text }
            }
            return e

        case .withdraw(let reason):
            var e = DossierEvent(kind: .withdrawn)
            if let reason { e.reason = try cleanText(reason, field: .reason, label: "Lý do", required: false) }
            return e

        case .extend(let until, let reason, let department):
            guard !d.extended else { throw .alreadyExtended }
            guard until > d.due else { throw .extensionNotLater(current: d.due) }
            guard calendar.isWorkingDay(until.date) else { throw .extensionOnDayOff(until) }
            var e = DossierEvent(kind: .extended)
            e.due = until
            e.reason = try cleanText(reason, field: .reason, label: "Lý do gia hạn", required: true)
            let responsible = department ?? d.holder.department
            guard catalogue.department(responsible) != nil else { throw .unknownDepartment(responsible) }
            e.department = responsible
            if now >= d.due || calendar.workingSeconds(from: now, to: d.due) < dayLength { e.flags = [.lateApology] }
            return e

        case .note(let text):
            var e = DossierEvent(kind: .note)
            e.text = try cleanText(text, field: .note, label: "Ghi chú", required: true)
            return e
        }
    }

    /// The `returned` event for a way of handing the result back.
    func returnEvent(_ method: ReturnMethod) throws(LifecycleError) -> DossierEvent {
        var e = DossierEvent(kind: .returned)
        switch method {
        case .applicant: e.returnedTo = "applicant"
        case .proxy(let name):
            let name = Validation.clean(name)
            let issues = Validation.name(name, field: .proxy)
            if !issues.isEmpty { throw .invalid(issues) }
            e.returnedTo = "proxy"
            e.proxyName = name
        case .post(let waybill):
            e.returnedTo = "post"
            e.waybill = try cleanText(waybill, field: .waybill, label: "Số vận đơn", required: true)
        }
        return e
    }

    func cleanText(_ raw: String, field: ValidationField, label: String, required: Bool) throws(LifecycleError) -> String {
        let issues = Validation.text(raw, field: field, label: label, required: required)
        if !issues.isEmpty { throw .invalid(issues) }
        return Validation.nfc(raw).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// When `department`'s step should end: its route budget from `start`, else the dossier's appointment.
    func stepDue(for department: String, procedure: ProcedureSnapshot, from start: Instant, fallback: Instant) -> Instant {
        guard let budget = procedure.budget(for: department), let seconds = calendar.workingSeconds(of: budget) else {
            return fallback
        }
        return calendar.adding(workingSeconds: seconds, to: start).due
    }
}
