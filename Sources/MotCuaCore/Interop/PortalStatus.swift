/// How motcua's events and states read on the national portal (DVCQG `TrangThaiHoSo` 1–10,
/// interop.md §4). The table is the contract; `Docs/INTEROP.md` gives it with the reasons.
public enum PortalStatus {
    /// What one event tells the portal: the progress row's status and words. `status` nil: the
    /// row carries the dossier's status after the event (a supplement received, an extension).
    public struct EventMapping: Sendable, Equatable {
        public let status: String?
        public let action: String
        /// Whether the event's reason (or the papers asked for) goes into `NoiDungXuLy`.
        public let withReason: Bool
    }

    /// Keyed by `DossierEvent.Kind`'s raw value, so the inbox's kinds (`submitted`, `accepted`,
    /// `notAccepted`) are mapped by name before their cases exist. A kind missing here is not sent.
    public static let events: [String: EventMapping] = [
        "received": EventMapping(status: "2", action: "Tiếp nhận hồ sơ", withReason: false),
        "submitted": EventMapping(status: "1", action: "Nộp hồ sơ trực tuyến", withReason: false),
        "accepted": EventMapping(status: "2", action: "Tiếp nhận hồ sơ trực tuyến", withReason: false),
        "notAccepted": EventMapping(status: "3", action: "Không tiếp nhận hồ sơ trực tuyến", withReason: true),
        "transferred": EventMapping(status: "4", action: "Chuyển xử lý", withReason: false),
        "supplementRequested": EventMapping(status: "5", action: "Yêu cầu bổ sung hồ sơ", withReason: true),
        "supplementReceived": EventMapping(status: "5", action: "Hoàn thành bổ sung hồ sơ", withReason: false),
        "suspended": EventMapping(status: "8", action: "Tạm dừng xử lý", withReason: true),
        "resumed": EventMapping(status: "4", action: "Tiếp tục xử lý", withReason: false),
        "resultReady": EventMapping(status: "9", action: "Kết thúc xử lý hồ sơ", withReason: false),
        "returned": EventMapping(status: "10", action: "Trả kết quả", withReason: false),
        "refused": EventMapping(status: "9", action: "Từ chối giải quyết hồ sơ", withReason: true),
        "withdrawn": EventMapping(status: "7", action: "Công dân yêu cầu rút hồ sơ", withReason: true),
        "extended": EventMapping(status: nil, action: "Gia hạn, ban hành văn bản xin lỗi", withReason: true),
        // No status change (the row carries 10, returned); the levels themselves go monthly as `DongBoDanhGia`.
        "rated": EventMapping(status: nil, action: "Người dân đánh giá mức độ hài lòng", withReason: false),
        // Fees and digitisation change no status; they are sent so the dossier record carries
        // DanhSachLePhi, DuocThanhToanTrucTuyen and TaiLieuNop's DuocSoHoa/DuocTaiSuDung.
        "feePaid": EventMapping(status: nil, action: "Thu phí, lệ phí", withReason: false),
        "feeRefunded": EventMapping(status: nil, action: "Hoàn phí, lệ phí", withReason: false),
        "feeExempted": EventMapping(status: nil, action: "Miễn, giảm phí, lệ phí", withReason: false),
        "documentRecorded": EventMapping(status: nil, action: "Số hóa thành phần hồ sơ", withReason: false),
        // "note": internal, never sent (the portal learns nothing from it, and it may hold personal data).
    ]

    /// The dossier record's `TrangThaiHoSo` for a state, keyed by `DossierState`'s raw value.
    public static let states: [String: String] = [
        "submitted": "1",
        "not-accepted": "3",
        "received": "2",
        "in-progress": "4",
        "awaiting-supplement": "5",
        "suspended": "8",
        "result-ready": "9",
        "returned": "10",
        "refused": "9",
        "withdrawn": "7",
    ]

    public static func mapping(for kind: DossierEvent.Kind) -> EventMapping? { events[kind.rawValue] }

    /// Unknown states read as "being processed" rather than stopping the sync.
    public static func code(of state: DossierState) -> String { states[state.rawValue] ?? "4" }

    /// Channels: 1 direct, 2 online, 3 public postal service.
    public static func channel(_ channel: Channel) -> String {
        switch channel {
        case .direct: return "1"
        case .online: return "2"
        case .postal: return "3"
        }
    }
}
