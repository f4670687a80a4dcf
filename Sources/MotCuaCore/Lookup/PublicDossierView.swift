import Foundation

/// What a citizen sees when looking a dossier up with its code and secret (TT 01/2018 art. 16:
/// the code and the progress, nothing else). Built from an allow-list: every field below is named
/// here, so a field added to `Dossier` later never reaches a public screen by accident. Never the
/// applicant, the proxy, an ID number, a phone, an address, notes, reasons or officials' names.
public struct PublicDossierView: Hashable, Sendable {
    public let code: String
    public let procedureName: String
    public let receivedAt: Instant
    /// The citizen's current appointment; nil while an online submission waits for acceptance.
    public let appointment: Instant?
    public let appointmentExtended: Bool
    public let state: DossierState
    /// The department holding the dossier, by its catalogue name; nil once it is closed.
    public let department: String?
    /// The papers asked for, while a supplement is awaited (the official's reason is not shown).
    public let supplementAsked: [String]?
    /// When the result was ready at the desk (ready or returned).
    public let resultReadyAt: Instant?
    /// When the dossier was closed: returned, refused, withdrawn, not accepted.
    public let closedAt: Instant?

    public init(_ dossier: Dossier, catalogue: Catalogue) {
        let s = dossier.summary
        code = s.code
        procedureName = s.procedure.name
        receivedAt = s.receivedAt
        appointment = s.state.isBeforeReception ? nil : s.due
        appointmentExtended = s.extended
        state = s.state
        department = s.state.isClosed ? nil : (catalogue.department(s.holder.department)?.name ?? Self.unnamedDepartment(s.holder.department))
        supplementAsked = s.state == .awaitingSupplement
            ? dossier.history.last { $0.event.kind == .supplementRequested }?.event.documents ?? []
            : nil
        resultReadyAt = s.state == .resultReady || s.state == .returned ? s.resolvedAt : nil
        closedAt = s.state.isClosed ? s.closedAt : nil
    }

    /// A department code the catalogue no longer names: the desk is still "the desk".
    static func unnamedDepartment(_ code: String) -> String {
        code == Catalogue.deskCode ? "Bộ phận tiếp nhận và trả kết quả" : "Phòng chuyên môn (\(code))"
    }

    /// The state in words a citizen understands, with what to do next where there is something to do.
    public static func plainWords(_ state: DossierState) -> String {
        switch state {
        case .submitted: return "Đã đăng ký trực tuyến, đang chờ Bộ phận một cửa kiểm tra và tiếp nhận"
        case .received: return "Đã tiếp nhận, đang chuyển đến nơi giải quyết"
        case .inProgress: return "Đang được giải quyết"
        case .awaitingSupplement: return "Đang chờ bổ sung giấy tờ: mời ông/bà nộp bổ sung tại Bộ phận một cửa"
        case .suspended: return "Tạm dừng giải quyết"
        case .resultReady: return "Đã có kết quả: mời ông/bà mang giấy tiếp nhận đến nhận"
        case .returned: return "Đã trả kết quả"
        case .refused: return "Không được giải quyết: xem văn bản trả lời của cơ quan"
        case .withdrawn: return "Đã dừng giải quyết theo đề nghị rút hồ sơ"
        case .notAccepted: return "Không được tiếp nhận: xem hướng dẫn đã gửi qua Cổng Dịch vụ công"
        }
    }

    /// The view as lines of text, the same for the command line and the interactive lookup.
    public var lines: [String] {
        var out = ["Mã hồ sơ: \(code)", "Thủ tục: \(procedureName)", "Ngày tiếp nhận: \(receivedAt.vietnameseShort)"]
        if let appointment {
            out.append("Hẹn trả kết quả: \(appointment.vietnameseShort) (\(appointment.date.weekdayName))"
                       + (appointmentExtended ? " — đã gia hạn" : ""))
        }
        out.append("Tình trạng: \(Self.plainWords(state))")
        if let department { out.append("Nơi đang giữ hồ sơ: \(department)") }
        if let supplementAsked {
            out.append("Giấy tờ cần bổ sung: " + (supplementAsked.isEmpty ? "xem phiếu yêu cầu bổ sung (Mẫu 02)" : supplementAsked.joined(separator: "; ")))
        }
        if let resultReadyAt { out.append("Có kết quả từ: \(resultReadyAt.vietnameseShort)") }
        if let closedAt {
            out.append("\(state == .returned ? "Đã trả kết quả lúc" : "Kết thúc lúc"): \(closedAt.vietnameseShort)")
        }
        return out
    }

    /// `lookup --json`: the same fields, keys only ever added.
    public var json: JSONText {
        func time(_ i: Instant?) -> JSONText { i.map { .string($0.iso8601) } ?? .null }
        return .object([
            ("code", .string(code)), ("procedure", .string(procedureName)),
            ("receivedAt", time(receivedAt)), ("appointment", time(appointment)), ("appointmentExtended", .bool(appointmentExtended)),
            ("state", .string(state.rawValue)), ("stateText", .string(Self.plainWords(state))),
            ("department", .optional(department)),
            ("supplementAsked", supplementAsked.map { .array($0.map(JSONText.string)) } ?? .null),
            ("resultReadyAt", time(resultReadyAt)), ("closedAt", time(closedAt)),
        ])
    }
}
