import Foundation

/// A time the clock was stopped, and why.
public struct PausePeriod: Hashable, Sendable {
    public let start: Instant
    public var end: Instant?
    /// `.awaitingSupplement` or `.suspended`.
    public let kind: DossierState

    public init(start: Instant, end: Instant?, kind: DossierState) {
        self.start = start
        self.end = end
        self.kind = kind
    }

    public func contains(_ instant: Instant) -> Bool { start <= instant && (end.map { instant < $0 } ?? true) }
}

/// The department (and official) holding a dossier at some step.
public struct Holder: Hashable, Sendable, Codable {
    public var department: String
    public var official: String?

    public init(department: String, official: String? = nil) {
        self.department = department
        self.official = official
    }
}

/// Everything the queue, the deadline rules and the state machine need about a dossier,
/// folded from its events. The index keeps one per dossier; the full history stays in the journal.
public struct DossierSummary: Hashable, Sendable {
    public let id: UUID
    public let code: String
    public var applicantName: String
    public var idNumber: String?
    public var phone: String?
    public var channel: Channel
    public var procedure: ProcedureSnapshot
    public var state: DossierState
    public var holder: Holder
    public var receivedAt: Instant
    /// The instant the current processing time counts from (restarted by a supplement).
    public var clockStart: Instant
    /// The citizen's current appointment.
    public var due: Instant
    /// The appointment statistics judge against: moved by supplements and pauses, not by an extension.
    public var statsDue: Instant
    /// The first appointment given on the receipt.
    public var originalDue: Instant
    /// When the current holder's step should be done.
    public var stepDue: Instant?
    public var stepStartedAt: Instant
    /// Set while the clock is stopped.
    public var pausedAt: Instant?
    /// Pauses since `clockStart`, for the explanation of the appointment.
    public var pauses: [InstantRange]
    public var supplementCount: Int
    public var extended: Bool
    public var flags: Set<DossierFlag>
    /// The first step that finished after its budget (lateness is attributed to it).
    public var lateStep: Holder?
    /// Every stop of the clock since receipt (supplement waits included), for period statistics.
    public var pauseHistory: [PausePeriod]
    /// Result ready or refused: the instant processing ended.
    public var resolvedAt: Instant?
    /// Who recorded the result (or the refusal).
    public var resolvedBy: String?
    /// Returned, refused or withdrawn.
    public var closedAt: Instant?
    public var version: Int
    public var lastEventAt: Instant
    public var lastBy: String
    public var lastKind: DossierEvent.Kind
    /// Folded name, code, ID number and phone, for accent-insensitive search.
    public var searchKey: String
    /// The office that received it (stores split by office), nil for the central desk.
    public var office: String? = nil

    /// A new dossier from its `received` event.
    public init(received rec: RecordedEvent) throws {
        guard rec.event.kind.opensDossier, let reception = rec.event.reception, let due = rec.event.due else {
            throw EventDecodingError("hồ sơ \(rec.code) không bắt đầu bằng sự kiện tiếp nhận")
        }
        id = rec.dossier
        code = rec.code
        applicantName = reception.applicant.name
        idNumber = reception.applicant.idNumber
        phone = reception.applicant.phone
        channel = reception.channel
        procedure = reception.procedure
        let submitted = rec.event.kind == .submitted
        state = submitted ? .submitted : .received
        holder = Holder(department: Catalogue.deskCode, official: submitted ? nil : rec.by)
        receivedAt = submitted ? reception.submittedAt ?? rec.at : rec.at
        clockStart = reception.effectiveStart
        self.due = due
        statsDue = rec.event.statsDue ?? due
        originalDue = due
        stepDue = rec.event.stepDue
        stepStartedAt = rec.at
        pausedAt = nil
        pauses = []
        supplementCount = 0
        extended = false
        flags = Set(rec.event.flags ?? [])
        lateStep = nil
        pauseHistory = []
        resolvedAt = nil
        resolvedBy = nil
        closedAt = nil
        version = rec.version
        lastEventAt = rec.at
        lastBy = rec.by
        lastKind = rec.event.kind
        searchKey = DossierSummary.searchKey(name: applicantName, code: code, idNumber: idNumber, phone: phone,
                                             portalCode: reception.portalCode)
        office = reception.office
    }

    /// `portalCode`: an online dossier is also found by the portal's code (its key's fifth part,
    /// which `Store` reads back to make imports idempotent).
    public static func searchKey(name: String, code: String, idNumber: String?, phone: String?, portalCode: String? = nil) -> String {
        SearchFolding.fold(([name, code, idNumber ?? "", phone ?? ""] + (portalCode.map { [$0] } ?? [])).joined(separator: " | "))
    }

    /// Folds one later event in. The caller has checked the version sequence and the transition.
    public mutating func apply(_ rec: RecordedEvent) {
        let e = rec.event
        switch e.kind {
        case .received, .submitted:
            return
        case .accepted:
            applyAcceptance(rec)
        case .notAccepted:
            closedAt = rec.at
            state = .notAccepted
        case .transferred:
            noteOverrun(at: rec.at)
            holder = Holder(department: e.department ?? holder.department, official: e.official)
            stepDue = e.stepDue
            stepStartedAt = rec.at
            state = .inProgress
        case .supplementRequested:
            state = .awaitingSupplement
            pausedAt = rec.at
            supplementCount += 1
            pauseHistory.append(PausePeriod(start: rec.at, end: nil, kind: .awaitingSupplement))
        case .supplementReceived:
            endPause(at: rec.at)
            clockStart = rec.at
            pauses = []
            pausedAt = nil
            setAppointment(e)
            stepStartedAt = rec.at
            state = runningState
        case .suspended:
            state = .suspended
            pausedAt = rec.at
            pauseHistory.append(PausePeriod(start: rec.at, end: nil, kind: .suspended))
        case .resumed:
            endPause(at: rec.at)
            if let start = pausedAt { pauses.append(InstantRange(start: start, end: rec.at)) }
            pausedAt = nil
            setAppointment(e)
            state = runningState
        case .resultReady:
            noteOverrun(at: rec.at)
            resolvedAt = rec.at
            resolvedBy = rec.by
            holder = Holder(department: Catalogue.deskCode, official: rec.by)
            stepDue = nil
            state = .resultReady
        case .returned:
            closedAt = rec.at
            state = .returned
            if e.rating != nil { flags.insert(.rated) }
        case .rated:
            flags.insert(.rated)
        case .refused:
            endPause(at: rec.at)
            if resolvedAt == nil { resolvedAt = rec.at; resolvedBy = rec.by }
            closedAt = rec.at
            pausedAt = nil
            state = .refused
        case .withdrawn:
            endPause(at: rec.at)
            closedAt = rec.at
            pausedAt = nil
            state = .withdrawn
        case .extended:
            extended = true
            if let newDue = e.due { due = newDue }
        case .note, .feePaid, .feeRefunded, .feeExempted, .documentRecorded:
            // Fees and papers live in the full dossier (FeeAccount, DocumentsView), not in the row.
            break
        }
        flags.formUnion(e.flags ?? [])
        version = rec.version
        lastEventAt = rec.at
        lastBy = rec.by
        lastKind = e.kind
    }

    /// The online dossier becomes a received one: its reception, clock and appointment start now.
    private mutating func applyAcceptance(_ rec: RecordedEvent) {
        guard let reception = rec.event.reception, let newDue = rec.event.due else { return }
        procedure = reception.procedure
        channel = reception.channel
        receivedAt = rec.at
        clockStart = reception.effectiveStart
        due = newDue
        statsDue = rec.event.statsDue ?? newDue
        originalDue = newDue
        stepDue = rec.event.stepDue
        stepStartedAt = rec.at
        holder = Holder(department: Catalogue.deskCode, official: rec.by)
        state = .received
    }

    private mutating func endPause(at instant: Instant) {
        if let last = pauseHistory.indices.last, pauseHistory[last].end == nil { pauseHistory[last].end = instant }
    }

    private var runningState: DossierState {
        holder.department == Catalogue.deskCode ? .received : .inProgress
    }

    private mutating func setAppointment(_ e: DossierEvent) {
        if let newDue = e.due { due = newDue }
        statsDue = e.statsDue ?? e.due ?? statsDue
        if let step = e.stepDue { stepDue = step }
    }

    /// Remembers the first step that ran past its budget when it hands the dossier on.
    private mutating func noteOverrun(at instant: Instant) {
        if lateStep == nil, let stepDue, instant > stepDue { lateStep = holder }
    }

    /// The step lateness is attributed to at `now`: the first that overran, else the current one when late.
    public func responsibleStep(at now: Instant) -> Holder? {
        if let lateStep { return lateStep }
        if let stepDue, now > stepDue, !state.isClosed, state != .resultReady { return holder }
        return nil
    }
}

extension DossierSummary {
    /// How the current appointment was reached: the count from the current clock start with its
    /// pauses, then the extension if one was given.
    public func appointmentExplanation(calendar: WorkCalendar) -> [ExplainLine] {
        var lines = calendar.due(from: clockStart, processing: procedure.processing, pauses: pauses).explanation
        if supplementCount > 0 && lastSupplementRestarted {
            lines.insert(ExplainLine(kind: .start, date: clockStart.date, seconds: 0, reason: "supplement", name: nil,
                                     text: "Đã nhận đủ hồ sơ bổ sung: thời hạn tính lại từ đầu"), at: 0)
        }
        if extended {
            lines.append(ExplainLine(kind: .due, date: due.date, seconds: 0, reason: "extended", name: nil,
                                     text: "Gia hạn (văn bản xin lỗi): hẹn mới \(due.vietnameseShort); hẹn gốc \(statsDue.vietnameseShort) vẫn dùng cho thống kê"))
        }
        if let pausedAt {
            lines.append(ExplainLine(kind: .paused, date: pausedAt.date, seconds: 0, reason: "pause", name: nil,
                                     text: "Đang dừng tính thời gian từ \(pausedAt.vietnameseShort) (\(state.vietnamese))"))
        }
        return lines
    }

    private var lastSupplementRestarted: Bool { clockStart != receivedAt }
}

extension DossierSummary {
    /// Rebuilds a summary from an index snapshot row (every field as it was saved).
    public init(id: UUID, code: String, applicantName: String, idNumber: String?, phone: String?, channel: Channel,
                procedure: ProcedureSnapshot, state: DossierState, holder: Holder, receivedAt: Instant, clockStart: Instant,
                due: Instant, statsDue: Instant, originalDue: Instant, stepDue: Instant?, stepStartedAt: Instant,
                pausedAt: Instant?, pauses: [InstantRange], supplementCount: Int, extended: Bool, flags: Set<DossierFlag>,
                lateStep: Holder?, pauseHistory: [PausePeriod], resolvedAt: Instant?, resolvedBy: String?,
                closedAt: Instant?, version: Int, lastEventAt: Instant,
                lastBy: String, lastKind: DossierEvent.Kind, searchKey: String, office: String? = nil) {
        self.id = id
        self.code = code
        self.applicantName = applicantName
        self.idNumber = idNumber
        self.phone = phone
        self.channel = channel
        self.procedure = procedure
        self.state = state
        self.holder = holder
        self.receivedAt = receivedAt
        self.clockStart = clockStart
        self.due = due
        self.statsDue = statsDue
        self.originalDue = originalDue
        self.stepDue = stepDue
        self.stepStartedAt = stepStartedAt
        self.pausedAt = pausedAt
        self.pauses = pauses
        self.supplementCount = supplementCount
        self.extended = extended
        self.flags = flags
        self.lateStep = lateStep
        self.pauseHistory = pauseHistory
        self.resolvedAt = resolvedAt
        self.resolvedBy = resolvedBy
        self.closedAt = closedAt
        self.version = version
        self.lastEventAt = lastEventAt
        self.lastBy = lastBy
        self.lastKind = lastKind
        self.searchKey = searchKey
        self.office = office
    }
}
