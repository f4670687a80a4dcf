import MotCuaCore
import MotCuaStore

/// JSON shapes of dossiers (contracts for supervisors' scripts: keys are only ever added).
enum DossierJSON {
    static let schemaVersion = 1

    static func status(_ status: DeadlineStatus) -> JSONText {
        var pairs: [(String, JSONText)] = []
        switch status {
        case .onTrack(let left): pairs = [("status", .string("on-track")), ("workingDaysLeft", .int(Int64(left)))]
        case .dueToday: pairs = [("status", .string("due-today"))]
        case .dueWithin1: pairs = [("status", .string("due-within-1"))]
        case .dueWithin3(let left): pairs = [("status", .string("due-within-3")), ("workingDaysLeft", .int(Int64(left)))]
        case .overdue(let late): pairs = [("status", .string("overdue")), ("workingDaysLate", .int(Int64(late)))]
        case .paused(let state): pairs = [("status", .string("paused")), ("pausedFor", .string(state.rawValue))]
        case .resolved(let r):
            pairs = [("status", .string("resolved")), ("timeliness", .string(r.atInstant.rawValue)),
                     ("timelinessByDate", .string(r.atDate.rawValue))]
        case .withdrawn: pairs = [("status", .string("withdrawn"))]
        }
        pairs.append(("marker", .string(status.marker)))
        return .object(pairs)
    }

    static func holder(_ h: Holder, catalogue: Catalogue) -> JSONText {
        .object([("department", .string(h.department)), ("departmentName", .optional(catalogue.department(h.department)?.name)),
                 ("official", .optional(h.official))])
    }

    static func instant(_ i: Instant?) -> JSONText { i.map { .string($0.iso8601) } ?? .null }

    static func summary(_ d: DossierSummary, clock: DeadlineClock, catalogue: Catalogue) -> JSONText {
        .object([
            ("code", .string(d.code)), ("id", .string(d.id.uuidString.lowercased())), ("version", .int(Int64(d.version))),
            ("state", .string(d.state.rawValue)), ("stateName", .string(d.state.vietnamese)),
            ("applicant", .object([("name", .string(d.applicantName)), ("idNumber", .optional(d.idNumber)), ("phone", .optional(d.phone))])),
            ("procedure", .object([("code", .string(d.procedure.code)), ("name", .string(d.procedure.name)),
                                   ("shortName", .string(d.procedure.shortName)), ("field", .string(d.procedure.field)),
                                   ("catalogueVersion", .int(Int64(d.procedure.catalogueVersion)))])),
            ("channel", .string(d.channel.rawValue)),
            ("holder", holder(d.holder, catalogue: catalogue)),
            ("receivedAt", instant(d.receivedAt)), ("due", instant(d.due)), ("statsDue", instant(d.statsDue)),
            ("originalDue", instant(d.originalDue)), ("stepDue", instant(d.stepDue)),
            ("pausedAt", instant(d.pausedAt)), ("resolvedAt", instant(d.resolvedAt)), ("closedAt", instant(d.closedAt)),
            ("extended", .bool(d.extended)), ("supplementCount", .int(Int64(d.supplementCount))),
            ("flags", .array(d.flags.map(\.rawValue).sorted().map(JSONText.string))),
            ("deadline", status(clock.status(of: d))),
            ("responsibleStep", d.responsibleStep(at: clock.now).map { holder($0, catalogue: catalogue) } ?? .null),
        ])
    }

    static func event(_ rec: RecordedEvent) -> JSONText {
        var pairs: [(String, JSONText)] = [
            ("seq", .int(rec.seq)), ("at", .string(rec.at.iso8601)), ("by", .string(rec.by)),
            ("as", .optional(rec.actingAdmin)), ("terminal", .optional(rec.terminal)),
            ("version", .int(Int64(rec.version))), ("kind", .string(rec.event.kind.rawValue)),
            ("text", .string(DossierText.eventText(rec))),
        ]
        let e = rec.event
        if let v = e.department { pairs.append(("department", .string(v))) }
        if let v = e.official { pairs.append(("official", .string(v))) }
        if let v = e.reason { pairs.append(("reason", .string(v))) }
        if let v = e.documents { pairs.append(("documents", .array(v.map(JSONText.string)))) }
        if let v = e.due { pairs.append(("due", .string(v.iso8601))) }
        if let v = e.stepDue { pairs.append(("stepDue", .string(v.iso8601))) }
        if let v = e.text { pairs.append(("note", .string(v))) }
        if let v = e.returnedTo { pairs.append(("returnedTo", .string(v))) }
        if let v = e.proxyName { pairs.append(("proxyName", .string(v))) }
        if let v = e.waybill { pairs.append(("waybill", .string(v))) }
        if let v = e.flags { pairs.append(("flags", .array(v.map { .string($0.rawValue) }))) }
        return .object(pairs)
    }
}

/// Text shapes of dossiers for a person at a terminal. Stored text is sanitised first.
enum DossierText {
    static func safe(_ s: String) -> String { DisplayText.sanitize(s) }

    static func eventText(_ rec: RecordedEvent) -> String {
        let e = rec.event
        switch e.kind {
        case .received: return "Tiếp nhận hồ sơ, hẹn trả \(e.due?.vietnameseShort ?? "?")"
        case .transferred: return "Chuyển \(e.department ?? "?")\(e.official.map { " (\($0))" } ?? ""), hạn bước \(e.stepDue?.vietnameseShort ?? "-")"
        case .supplementRequested:
            return "Yêu cầu bổ sung: \(e.reason ?? "")" + ((e.documents ?? []).isEmpty ? "" : " — giấy tờ: \(e.documents!.joined(separator: "; "))")
        case .supplementReceived: return "Nhận đủ hồ sơ bổ sung, tính lại từ đầu, hẹn mới \(e.due?.vietnameseShort ?? "?")"
        case .suspended: return "Tạm dừng: \(e.reason ?? "")"
        case .resumed: return "Tiếp tục xử lý, hẹn \(e.due?.vietnameseShort ?? "?")"
        case .resultReady: return "Có kết quả" + (e.text.map { ": \($0)" } ?? "")
        case .returned: return "Trả kết quả: \(e.returnMethod?.vietnamese ?? "")"
        case .refused: return "Từ chối: \(e.reason ?? "")"
        case .withdrawn: return "Rút/dừng hồ sơ" + (e.reason.map { ": \($0)" } ?? "")
        case .extended: return "Gia hạn (xin lỗi) đến \(e.due?.vietnameseShort ?? "?"): \(e.reason ?? "")"
        case .note: return "Ghi chú: \(e.text ?? "")"
        }
    }
}

extension DossierText {
    /// The list as a table for an 80-column terminal.
    static func table(_ rows: [DossierSummary], clock: DeadlineClock) -> String {
        var out = ""
        for d in rows {
            let cells = [
                d.code.padding(toWidth: 26),
                safe(d.applicantName).truncated(to: 20).padding(toWidth: 21),
                safe(d.procedure.shortName).truncated(to: 18).padding(toWidth: 19),
                d.holder.department.padding(toWidth: 5),
                d.due.vietnameseShort.padding(toWidth: 17),
                clock.status(of: d).marker.padding(toWidth: 20),
                d.state.vietnamese,
            ]
            out += cells.joined().trimmingTrailingSpaces() + "\n"
        }
        out += "\(rows.count) hồ sơ\n"
        return out
    }

    /// The dossier detail for `motcua show`.
    static func detail(_ dossier: Dossier, clock: DeadlineClock, catalogue: Catalogue, explanation: [ExplainLine]) -> String {
        let d = dossier.summary, r = dossier.reception
        var out = "Hồ sơ \(d.code)  [\(d.state.vietnamese)]  phiên bản \(d.version)\n"
        out += "Người nộp:   \(safe(r.applicant.name)) — định danh \(safe(r.applicant.idNumber ?? "-")), ĐT \(safe(r.applicant.phone ?? "-"))\n"
        if let address = r.applicant.address { out += "Địa chỉ:     \(safe(address))\n" }
        if let proxy = r.proxy { out += "Nộp thay:    \(safe(proxy.name))\(proxy.idNumber.map { " (\(safe($0)))" } ?? "")\n" }
        out += "Thủ tục:     \(d.procedure.code) \(d.procedure.name) (\(d.procedure.field); danh mục phiên bản \(d.procedure.catalogueVersion))\n"
        out += "Kênh nộp:    \(d.channel.vietnamese)\n"
        out += "Giấy tờ:\n"
        for doc in r.documents { out += "  - \(safe(doc.name)) (bản chính \(doc.originals), bản sao \(doc.copies))\n" }
        let holderName = catalogue.department(d.holder.department)?.name ?? d.holder.department
        out += "Đang giữ:    \(holderName)\(d.holder.official.map { " — \($0)" } ?? "")\n"
        out += "Tiếp nhận:   \(d.receivedAt.vietnameseShort)\n"
        out += "Hẹn trả:     \(d.due.vietnameseShort) (\(d.due.date.weekdayName))  \(clock.status(of: d).marker)\n"
        if d.extended { out += "Hẹn gốc:     \(d.statsDue.vietnameseShort) (dùng cho thống kê)\n" }
        if let step = d.responsibleStep(at: clock.now) {
            out += "Trễ tại:     \(catalogue.department(step.department)?.name ?? step.department)\(step.official.map { " — \($0)" } ?? "")\n"
        }
        for flag in d.flags.sorted(by: { $0.rawValue < $1.rawValue }) { out += "Lưu ý:       \(flag.vietnamese)\n" }
        out += "Diễn giải hạn trả:\n"
        for line in explanation { out += "  \(line.text)\n" }
        out += "Lịch sử:\n"
        for rec in dossier.history {
            out += "  \(rec.at.vietnameseShort)  \(rec.by.padding(toWidth: 10)) \(safe(eventText(rec)))\n"
        }
        return out
    }
}

extension String {
    /// At most `width` Characters, with … when cut.
    func truncated(to width: Int) -> String {
        count <= width ? self : String(prefix(max(0, width - 1))) + "…"
    }
}
