import MotCuaCore
import MotCuaStore

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
        case .resultReady: return "Có kết quả" + (e.text.map { ": \($0)" } ?? "") + (e.result.map { " — \($0.form.vietnamese)" } ?? "")
        case .returned:
            return "Trả kết quả: \(e.returnMethod?.vietnamese ?? "")" + (e.rating.map { "; người dân đánh giá: \($0.level.vietnamese)" } ?? "")
        case .refused: return "Từ chối: \(e.reason ?? "")"
        case .withdrawn: return "Rút/dừng hồ sơ" + (e.reason.map { ": \($0)" } ?? "")
        case .extended: return "Gia hạn (xin lỗi) đến \(e.due?.vietnameseShort ?? "?"): \(e.reason ?? "")"
        case .note: return "Ghi chú: \(e.text ?? "")"
        case .rated: return "Người dân đánh giá: \(e.rating?.level.vietnamese ?? "?")"
        case .submitted:
            return "Đăng ký trực tuyến (mã trên Cổng \(e.reception?.portalCode ?? "?")), hạn tiếp nhận \(e.due?.vietnameseShort ?? "?")"
        case .accepted: return "Tiếp nhận hồ sơ trực tuyến, hẹn trả \(e.due?.vietnameseShort ?? "?")"
        case .notAccepted: return "Không tiếp nhận: \(e.reason ?? "")" + (e.text.map { " — hướng dẫn: \($0)" } ?? "")
        case .feePaid, .feeRefunded, .feeExempted, .documentRecorded: return EventText.feeOrDocument(e) ?? ""
        }
    }

    /// What `receive` prints: the code, the applicant and the appointment.
    static func receipt(_ commit: Commit, _ d: DossierSummary, lookupSecret: LookupSecret? = nil) -> String {
        "Đã tiếp nhận hồ sơ \(commit.code)\(commit.replayed ? " (đã có từ trước, không ghi thêm)" : "")\n"
            + "Người nộp: \(safe(d.applicantName)) — \(d.procedure.name)\n"
            + "Hẹn trả kết quả: \(d.due.vietnameseShort) (\(d.due.date.weekdayName))\n"
            + (lookupSecret.map { "Mã tra cứu: \($0) (motcua lookup)\n" } ?? "")
    }

    /// What an action prints: what was done and where the dossier stands.
    static func action(_ action: DossierAction, _ commit: Commit, _ d: DossierSummary) -> String {
        let note = commit.replayed ? " (thao tác đã được ghi trước đó, không ghi thêm)" : ""
        return "Hồ sơ \(d.code): \(action.vietnamese) — đã lưu\(note). Trạng thái: \(d.state.vietnamese); hẹn trả \(d.due.vietnameseShort)\n"
    }

    /// The list as a table for an 80-column terminal.
    static func table(_ rows: [DossierSummary], clock: DeadlineClock) -> String {
        rows.map { tableLine($0, clock: clock) }.joined() + tableFooter(count: rows.count)
    }

    /// One row of `table`, with its newline (a long list is printed a row at a time).
    static func tableLine(_ d: DossierSummary, clock: DeadlineClock) -> String {
        let cells = [
            d.code.padding(toWidth: 26),
            safe(d.applicantName).truncated(to: 20).padding(toWidth: 21),
            safe(d.procedure.shortName).truncated(to: 18).padding(toWidth: 19),
            d.holder.department.padding(toWidth: 5),
            d.due.vietnameseShort.padding(toWidth: 17),
            clock.status(of: d).marker.padding(toWidth: 20),
            d.state.vietnamese,
        ]
        return cells.joined().trimmingTrailingSpaces() + "\n"
    }

    static func tableFooter(count: Int) -> String { "\(count) hồ sơ\n" }

    /// The dossier detail for `motcua show`.
    static func detail(_ dossier: Dossier, clock: DeadlineClock, catalogue: Catalogue, explanation: [ExplainLine]) -> String {
        let d = dossier.summary, r = dossier.reception
        var out = "Hồ sơ \(d.code)  [\(d.state.vietnamese)]  phiên bản \(d.version)\n"
        out += "Người nộp:   \(safe(r.applicant.name)) — định danh \(safe(r.applicant.idNumber ?? "-")), ĐT \(safe(r.applicant.phone ?? "-"))\n"
        if let address = r.applicant.address { out += "Địa chỉ:     \(safe(address))\n" }
        if let email = r.applicant.email { out += "Thư điện tử: \(safe(email))\n" }
        if let proxy = r.proxy {
            let details = [proxy.idNumber, proxy.phone.map { "ĐT \($0)" }].compactMap { $0.map(safe) }
            out += "Nộp thay:    \(safe(proxy.name))\(details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")\n"
            if let paper = proxy.authorisation { out += "Ủy quyền:    \(safe(paper))\n" }
        }
        out += "Thủ tục:     \(d.procedure.code) \(d.procedure.name) (\(d.procedure.field); danh mục phiên bản \(d.procedure.catalogueVersion))\n"
        out += "Kênh nộp:    \(d.channel.vietnamese)\n"
        if let portal = r.portalCode {
            out += "Mã trên Cổng: \(safe(portal))\(r.submittedAt.map { ", nộp lúc \($0.vietnameseShort)" } ?? "")\n"
        }
        out += "Giấy tờ:\n"
        for doc in r.documents {
            out += "  - \(safe(doc.name)) (bản chính \(doc.originals), bản sao \(doc.copies))\(doc.file.map { " \(safe($0))" } ?? "")\n"
        }
        let holderName = catalogue.department(d.holder.department)?.name ?? d.holder.department
        out += "Đang giữ:    \(holderName)\(d.holder.official.map { " — \($0)" } ?? "")\n"
        out += "Tiếp nhận:   \(d.receivedAt.vietnameseShort)\n"
        let dueLabel = d.state == .submitted ? "Hạn tiếp nhận:" : "Hẹn trả:    "
        out += "\(dueLabel) \(d.due.vietnameseShort) (\(d.due.date.weekdayName))  \(clock.status(of: d).marker)\n"
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
