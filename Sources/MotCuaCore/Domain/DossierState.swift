/// Where a dossier stands.
public enum DossierState: String, Codable, Sendable, CaseIterable {
    /// Received at the desk (Mới tiếp nhận).
    case received
    /// At a department (Đang xử lý).
    case inProgress = "in-progress"
    /// Waiting for the applicant's supplement; the clock is stopped.
    case awaitingSupplement = "awaiting-supplement"
    /// Suspended; the clock is stopped.
    case suspended
    /// The result is at the desk, waiting to be handed back.
    case resultReady = "result-ready"
    case returned
    case refused
    /// Withdrawn or stopped at the applicant's request.
    case withdrawn
    /// Submitted online, not yet accepted by the desk (Mới đăng ký (trực tuyến); portal code 1).
    /// Its `due` is the acceptance deadline, not an appointment.
    case submitted
    /// An online submission the desk refused to accept (Không được tiếp nhận; portal code 3).
    case notAccepted = "not-accepted"

    public var vietnamese: String {
        switch self {
        case .received: return "Mới tiếp nhận"
        case .inProgress: return "Đang xử lý"
        case .awaitingSupplement: return "Chờ bổ sung"
        case .suspended: return "Tạm dừng"
        case .resultReady: return "Có kết quả"
        case .returned: return "Đã trả"
        case .refused: return "Từ chối"
        case .withdrawn: return "Đã rút/dừng"
        case .submitted: return "Mới đăng ký (trực tuyến)"
        case .notAccepted: return "Không được tiếp nhận"
        }
    }

    /// No more processing: returned, refused or withdrawn.
    public var isClosed: Bool { self == .returned || self == .refused || self == .withdrawn || self == .notAccepted }

    /// Never accepted by the desk (still waiting, or refused at acceptance): not a received
    /// dossier for deadlines and statistics.
    public var isBeforeReception: Bool { self == .submitted || self == .notAccepted }

    /// The clock is stopped.
    public var isPaused: Bool { self == .awaitingSupplement || self == .suspended }

    /// Still being processed (the deadline matters): not paused, not resolved, not closed.
    public var isRunning: Bool { self == .received || self == .inProgress }
}

/// What a clerk, officer or supervisor can do to a dossier.
public enum DossierAction: String, Codable, Sendable, CaseIterable {
    case transfer, requestSupplement = "request-supplement", supplementReceived = "supplement-received"
    case suspend, resume, resultReady = "result-ready", returnResult = "return", refuse, withdraw, extend, note
    /// The citizen's rating: after the return, once (`Lifecycle` refuses a second).
    case rate

    public var vietnamese: String {
        switch self {
        case .transfer: return "chuyển xử lý"
        case .requestSupplement: return "yêu cầu bổ sung"
        case .supplementReceived: return "nhận hồ sơ bổ sung"
        case .suspend: return "tạm dừng"
        case .resume: return "tiếp tục xử lý"
        case .resultReady: return "ghi nhận có kết quả"
        case .returnResult: return "trả kết quả"
        case .refuse: return "từ chối"
        case .withdraw: return "rút/dừng hồ sơ"
        case .extend: return "gia hạn (xin lỗi)"
        case .note: return "ghi chú"
        case .rate: return "ghi nhận đánh giá của người dân"
        }
    }

    /// The transition table: the actions allowed in each state.
    public static let allowed: [DossierState: Set<DossierAction>] = [
        .received: [.transfer, .requestSupplement, .suspend, .resultReady, .refuse, .withdraw, .extend, .note],
        .inProgress: [.transfer, .requestSupplement, .suspend, .resultReady, .refuse, .withdraw, .extend, .note],
        .awaitingSupplement: [.supplementReceived, .refuse, .withdraw, .note],
        .suspended: [.resume, .withdraw, .note],
        .resultReady: [.returnResult, .note],
        .returned: [.note, .rate],
        .refused: [.note],
        .withdrawn: [.note],
        // An online submission is accepted (`Store.accept`) or refused once, with the reason.
        .submitted: [.refuse, .note],
        .notAccepted: [.note],
    ]

    public func isAllowed(in state: DossierState) -> Bool {
        DossierAction.allowed[state]?.contains(self) ?? false
    }
}
