import Foundation

/// The procedure as it stood in the catalogue when the dossier was received: later catalogue
/// edits never move an old dossier's deadlines.
public struct ProcedureSnapshot: Codable, Hashable, Sendable {
    public let code: String
    public let name: String
    public let shortName: String
    public let field: String
    public let processing: ProcessingTime
    public let route: [RouteStep]
    public let catalogueVersion: Int

    /// `channel`: an online dossier takes the procedure's online processing time, where it has one.
    public init(_ procedure: Procedure, catalogueVersion: Int, channel: Channel = .direct) {
        code = procedure.code
        name = procedure.name
        shortName = procedure.shortName
        field = procedure.field
        processing = procedure.processing(for: channel)
        route = procedure.route
        self.catalogueVersion = catalogueVersion
    }

    public func budget(for department: String) -> ProcessingTime? {
        route.first { $0.department == department }?.budget
    }

    /// The department in charge (cơ quan chủ trì): the non-desk step with the largest budget, first on ties.
    public var leadDepartment: String {
        var best: (String, Double)?
        for step in route where step.department != Catalogue.deskCode {
            let weight: Double
            switch step.budget {
            case .workingDays(let n): weight = n * 8
            case .workingHours(let h): weight = h
            case .sameDay: weight = 8
            }
            if best == nil || weight > best!.1 { best = (step.department, weight) }
        }
        return best?.0 ?? Catalogue.deskCode
    }
}

/// What was recorded at the desk when the dossier was accepted.
public struct Reception: Codable, Hashable, Sendable {
    public var applicant: Person
    public var proxy: Proxy?
    public var channel: Channel
    public var documents: [ReceivedDocument]
    public var procedure: ProcedureSnapshot
    /// The agency identifier the code was issued under.
    public var agency: String
    public var effectiveStart: Instant
    /// The office (ward branch) that received it, when the store is split by office.
    public var office: String?
    /// Online dossiers: the portal's dossier code (MaHoSo), what the portal knows it by.
    public var portalCode: String? = nil
    /// Online dossiers: when the citizen submitted it on the portal (NgayNopHoSo).
    public var submittedAt: Instant? = nil
    /// The fee lines owed, snapshotted from the catalogue at reception (nil: received before fees were kept).
    public var fees: [FeeLine]? = nil
    /// The number-queue ticket the citizen was served under at the counter ("A012"), that day.
    public var ticket: String? = nil
}

extension Reception {
    /// Every field, for a reader outside the core that builds one without a Decoder (the store's
    /// journal scanner): the memberwise initialiser is internal to the core.
    public static func decoded(applicant: Person, proxy: Proxy?, channel: Channel, documents: [ReceivedDocument], procedure: ProcedureSnapshot,
                               agency: String, effectiveStart: Instant, office: String?, portalCode: String?, submittedAt: Instant?,
                               fees: [FeeLine]?, ticket: String?) -> Reception {
        Reception(applicant: applicant, proxy: proxy, channel: channel, documents: documents, procedure: procedure, agency: agency,
                  effectiveStart: effectiveStart, office: office, portalCode: portalCode, submittedAt: submittedAt, fees: fees, ticket: ticket)
    }
}

/// How a result was handed back.
public enum ReturnMethod: Hashable, Sendable {
    case applicant
    case proxy(name: String)
    case post(waybill: String)

    /// Which way, without its details: what a dialog chooses before the name or waybill is typed.
    public enum Kind: CaseIterable, Hashable, Sendable {
        case applicant, proxy, post

        /// The choice as a dialog names it.
        public var label: String {
            switch self {
            case .applicant: return "Người nộp"
            case .proxy: return "Người được ủy quyền"
            case .post: return "Bưu chính"
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .applicant: return .applicant
        case .proxy: return .proxy
        case .post: return .post
        }
    }

    public var vietnamese: String {
        switch self {
        case .applicant: return "trả trực tiếp cho người nộp"
        case .proxy(let name): return "trả cho người được ủy quyền \(name)"
        case .post(let waybill): return "gửi qua bưu chính, vận đơn \(waybill)"
        }
    }
}

/// A flag the rules ask to keep on a dossier for statistics and supervisors.
public enum DossierFlag: String, Codable, Hashable, Sendable, CaseIterable {
    /// A supplement asked for more than 3 working days after receipt (the agency's delay).
    case lateSupplementRequest = "late-supplement-request"
    /// A second supplement request: national statistics count the dossier as late.
    case repeatedSupplementRequest = "repeated-supplement-request"
    /// An apology issued less than 1 working day before the appointment.
    case lateApology = "late-apology"
    /// A 9-digit CMND recorded instead of a 12-digit personal ID.
    case legacyID = "legacy-id"
    /// An online dossier accepted after its acceptance deadline (TH's TiepNhanQuaHan).
    case lateAcceptance = "late-acceptance"
    /// The citizen has rated the dossier (a second rating is refused).
    case rated = "rated"

    public var vietnamese: String {
        switch self {
        case .lateSupplementRequest: return "Yêu cầu bổ sung quá 3 ngày làm việc (lỗi cơ quan)"
        case .repeatedSupplementRequest: return "Yêu cầu bổ sung lần 2 (tính là trễ hạn)"
        case .lateApology: return "Văn bản xin lỗi gửi muộn (dưới 1 ngày làm việc trước hạn)"
        case .legacyID: return "Dùng số CMND 9 số cũ"
        case .lateAcceptance: return "Tiếp nhận hồ sơ trực tuyến sau hạn tiếp nhận"
        case .rated: return "Người dân đã đánh giá mức độ hài lòng"
        }
    }
}

/// One change to a dossier. Fields not used by a kind stay nil (and absent from the JSON).
public struct DossierEvent: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case received, transferred, supplementRequested, supplementReceived, suspended, resumed
        case resultReady, returned, refused, withdrawn, extended, note
        /// An online dossier arrived from the portal (its first event; `due` is the acceptance deadline).
        case submitted
        /// The desk accepted an online dossier: the reception as checked, the appointment from now.
        case accepted
        /// The desk refused an online dossier at acceptance (`reason`, `text`: the guidance given).
        case notAccepted
        /// The citizen's rating, after the return (once per dossier; `rating`).
        case rated
        /// A fee payment (`amount`, `method`, `receipt`: the biên lai number).
        case feePaid
        /// Part or all of a payment given back (`amount`, `reason`).
        case feeRefunded
        /// A fee waived or reduced for this dossier (`amount`, `reason`).
        case feeExempted
        /// A submitted paper's digitisation recorded (`document`).
        case documentRecorded

        /// The kinds a dossier's history starts with.
        public var opensDossier: Bool { self == .received || self == .submitted }
    }

    public var kind: Kind
    /// The reception, rating, paper and result are rare and large: kept out of line (`Indirect`),
    /// so an event moves as ~250 bytes instead of ~900 (a full check moves each line's several times).
    public var reception: Reception? {
        get { receptionStorage?.value }
        set { receptionStorage = newValue.map(Indirect.init) }
    }
    private var receptionStorage: Indirect<Reception>?
    /// transferred: destination; extended: the department responsible for the delay.
    public var department: String?
    /// transferred: the official (login) who will handle it, if named.
    public var official: String?
    public var reason: String?
    /// supplementRequested: the papers asked for.
    public var documents: [String]?
    /// The appointment after this event (received, supplementReceived, resumed, extended).
    public var due: Instant?
    /// The appointment statistics judge against (not moved by an extension).
    public var statsDue: Instant?
    /// transferred, received: when the new holder's step should be done.
    public var stepDue: Instant?
    /// returned: who collected, or the waybill.
    public var returnedTo: String?
    public var proxyName: String?
    public var waybill: String?
    /// note: the text.
    public var text: String?
    public var flags: [DossierFlag]?
    /// rated, or returned with the rating given at the desk: the citizen's rating.
    public var rating: Rating? {
        get { ratingStorage?.value }
        set { ratingStorage = newValue.map(Indirect.init) }
    }
    private var ratingStorage: Indirect<Rating>?
    /// returned: the counter whose rating device asks the citizen (`motcua rate --counter N`).
    public var ratingCounter: Int?
    /// Fee events: VND.
    public var amount: Int?
    public var method: PaymentMethod?
    /// feePaid: the receipt (biên lai) number, unique per agency and year.
    public var receipt: String?
    /// documentRecorded: the paper and its digitisation.
    public var document: DocumentRecord? {
        get { documentStorage?.value }
        set { documentStorage = newValue.map(Indirect.init) }
    }
    private var documentStorage: Indirect<DocumentRecord>?
    /// resultReady, returned: the result's form, code and file reference.
    public var result: ResultRecord? {
        get { resultStorage?.value }
        set { resultStorage = newValue.map(Indirect.init) }
    }
    private var resultStorage: Indirect<ResultRecord>?

    enum CodingKeys: String, CodingKey {
        case kind = "k", reception, department, official, reason, documents, due, statsDue, stepDue
        case returnedTo, proxyName, waybill, text, flags, rating, ratingCounter
        case amount, method, receipt, document, result
    }

    public init(kind: Kind) { self.kind = kind }

    public var returnMethod: ReturnMethod? {
        guard kind == .returned else { return nil }
        switch returnedTo {
        case "proxy": return .proxy(name: proxyName ?? "")
        case "post": return .post(waybill: waybill ?? "")
        default: return .applicant
        }
    }

    /// Checks that a decoded event carries what its kind needs, so a hand-edited journal line
    /// that lacks them is reported instead of half-applied.
    public func validate() throws {
        func require(_ condition: Bool, _ what: String) throws {
            guard condition else { throw EventDecodingError("sự kiện \(kind.rawValue) thiếu \(what)") }
        }
        switch kind {
        case .received, .submitted, .accepted: try require(reception != nil && due != nil, "thông tin tiếp nhận/hạn trả")
        case .notAccepted: try require(reason != nil, "lý do")
        case .transferred: try require(department != nil, "phòng ban nhận")
        case .supplementReceived, .resumed: try require(due != nil, "hạn trả mới")
        case .extended: try require(due != nil && reason != nil, "hạn mới/lý do")
        case .note: try require(text != nil, "nội dung")
        case .refused, .suspended: try require(reason != nil, "lý do")
        case .rated: try require(rating != nil, "mức đánh giá")
        case .supplementRequested, .resultReady, .returned, .withdrawn: break
        case .feePaid: try require((amount ?? 0) > 0 && method != nil && receipt != nil, "số tiền/hình thức/số biên lai")
        case .feeRefunded, .feeExempted: try require((amount ?? 0) > 0 && reason != nil, "số tiền/lý do")
        case .documentRecorded: try require(document != nil, "giấy tờ")
        }
        do { try rating?.validate() } catch { throw EventDecodingError("sự kiện \(kind.rawValue): \(error)") }
    }
}

public struct EventDecodingError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// An event as the journal recorded it: who, when, from where, and the dossier version it produced.
public struct RecordedEvent: Hashable, Sendable {
    public let seq: Int64
    public let at: Instant
    /// The acting official's login.
    public let by: String
    /// The admin who acted with `--as`, when not the official.
    public let actingAdmin: String?
    /// The terminal (tty) or SSH client.
    public let terminal: String?
    public let dossier: UUID
    /// The dossier's human code (its date says which year's index holds it).
    public let code: String
    /// The dossier's version after this event (1 for `received`).
    public let version: Int
    public let event: DossierEvent

    public init(seq: Int64, at: Instant, by: String, actingAdmin: String? = nil, terminal: String? = nil,
                dossier: UUID, code: String, version: Int, event: DossierEvent) {
        self.seq = seq
        self.at = at
        self.by = by
        self.actingAdmin = actingAdmin
        self.terminal = terminal
        self.dossier = dossier
        self.code = code
        self.version = version
        self.event = event
    }
}
