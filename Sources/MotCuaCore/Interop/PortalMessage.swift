/// The messages of the national portal's one-stop services, built from a dossier as it stood
/// after one event (interop.md §2–3). Pure: the same event always gives the same bytes.
///
/// Personal data leaves only in the fields the portal requires: the applicant's name
/// (`ChuHoSo`), ID number (`SoGiayToChuHoSo`) and phone (`SoDienThoai`). Never the address, the
/// proxy, notes, or the papers' contents.
public enum PortalMessage {
    public static let dossierService = "DongBoHoSoMC"
    public static let progressService = "CapNhatTienDoHoSoMC"

    /// Names the portal shows: the unit's and the departments'.
    public struct Names: Sendable {
        public var unit: String
        public var department: @Sendable (String) -> String?
        public var official: @Sendable (String) -> String?

        public init(unit: String, department: @escaping @Sendable (String) -> String?, official: @escaping @Sendable (String) -> String?) {
            self.unit = unit
            self.department = department
            self.official = official
        }
    }

    /// One element of `DongBoHoSoMC`'s `data`: the dossier after the event (`dossier.history` ends with it).
    public static func dossierRecord(_ dossier: Dossier, names: Names) -> JSONText {
        let s = dossier.summary, r = dossier.reception
        let returned = dossier.history.last { $0.event.kind == .returned }
        let byPost: Bool
        if case .post = returned?.event.returnMethod { byPost = true } else { byPost = false }
        let finished: Instant? = s.resolvedAt ?? ([.refused, .withdrawn, .notAccepted].contains(s.state) ? s.closedAt : nil)
        let fields: [(String, String)] = [
            ("MaHoSo", portalCode(of: dossier)),
            ("MaTTHC", r.procedure.code),
            ("TenTTHC", r.procedure.name),
            ("MaLinhVuc", ""),
            ("TenLinhVuc", r.procedure.field),
            ("KenhThucHien", PortalStatus.channel(r.channel)),
            ("SoGiayToChuHoSo", r.applicant.idNumber ?? ""),
            ("ChuHoSo", r.applicant.name),
            ("LoaiDoiTuong", "1"),
            ("MaDoiTuong", ""),
            ("ThongTinKhac", ""),
            ("Email", ""),
            ("Fax", ""),
            ("SoDienThoai", r.applicant.phone ?? ""),
            ("TrichYeuHoSo", cut("\(r.procedure.name) - \(r.applicant.name)", 1000)),
            ("NgayTiepNhan", PortalTime.text(s.receivedAt)),
            ("NgayHenTra", PortalTime.text(s.due)),
            ("TrangThaiHoSo", PortalStatus.code(of: s.state)),
            ("NgayTra", PortalTime.text(returned?.at)),
            ("ThongTinTra", ""),
            ("HinhThuc", byPost ? "1" : "0"),
            ("NgayKetThucXuLy", PortalTime.text(finished)),
            ("DonViXuLy", names.unit),
            ("NgayNopHoSo", PortalTime.text(r.submittedAt ?? s.receivedAt)),
        ]
        let documents = DocumentsView(dossier), account = FeeAccount(dossier)
        var pairs = fields.map { ($0.0, JSONText.string($0.1)) }
        pairs.append(("HoSoCoThanhPhanSoHoa", .string(documents.anyDigitised ? "1" : "0")))
        pairs.append(("DuocThanhToanTrucTuyen", .string(account.paidOnline ? "1" : "0")))
        pairs.append(("TaiLieuNop", .array(submittedPapers(documents))))
        pairs.append(("DanhSachLePhi", .array(paidFees(account))))
        pairs.append(("DanhSachTepDinhKemKhac", .array([])))
        pairs.append(("DanhSachHoSoBoSung", .array([])))
        pairs.append(("DanhSachGiayToKetQua", .array(resultDocuments(dossier, documents))))
        return .object(pairs)
    }

    /// Every paper received, with its digitisation as TH counts it. A local scan's reference is
    /// not a public URL: `DuongDanTaiTepTin` carries only an online dossier's portal file.
    static func submittedPapers(_ documents: DocumentsView) -> [JSONText] {
        documents.papers.map { p in
            let status = p.record.status
            let portalFile = p.document.file ?? ""
            return .object([
                ("TepDinhKemId", .string(String(p.index))),
                ("TenTepDinhKem", .string(cut(Validation.clean(p.document.name), 4000))),
                ("IsDeleted", .string("False")),
                ("MaThanhPhanHoSo", .string("")),
                ("DuongDanTaiTepTin", .string(portalFile)),
                ("DuocSoHoa", .string(status.portalDigitised)),
                ("DuocTaiSuDung", .string(status.portalReused)),
                ("DuocLayTuKhoDMQG", .string(status == .reused ? "1" : "0")),
                ("MaKetQuaThayThe", .string(status == .reusedFromResult ? p.record.from ?? "" : "")),
            ])
        }
    }

    /// The fee lines paid so far (TH sends only paid fees, `Gia` the amount): what was paid is
    /// spread over the lines in their catalogue order.
    static func paidFees(_ account: FeeAccount) -> [JSONText] {
        var left = account.paid
        var rows: [JSONText] = []
        for line in account.lines where line.amount > 0 {
            let paid = min(left, line.amount)
            left -= paid
            guard paid > 0 else { continue }
            rows.append(.object([
                ("TenPhiLePhi", .string(cut(Validation.clean(line.name), 500))),
                ("MaPhiLePhi", .string("1")),
                ("HinhThucThu", .string("1")),
                ("Gia", .string(String(paid))),
                ("LoaiPhiLePhi", .string("1")),
            ]))
        }
        return rows
    }

    /// The result when it exists electronically (a paper-only result has no file to list).
    static func resultDocuments(_ dossier: Dossier, _ documents: DocumentsView) -> [JSONText] {
        guard let result = documents.result, result.form.hasElectronic else { return [] }
        let name = dossier.reception.procedure.name
        return [.object([
            ("TenGiayTo", .string(cut("Kết quả: \(Validation.clean(name))", 500))),
            ("MaThanhPhanHoSo", .string("")),
            ("GiayToId", .string(result.code.map(Validation.clean) ?? dossier.code)),
            ("DuongDanTepTinKetQua", .string("")),
            ("MaGiayToKetQua", .string(result.code.map(Validation.clean) ?? "")),
        ])]
    }

    /// One `CapNhatTienDoHoSoMC` row for the dossier's last event, or nil when the event is not sent.
    public static func progressRow(_ dossier: Dossier, names: Names) -> JSONText? {
        guard let recorded = dossier.history.last, let mapping = PortalStatus.mapping(for: recorded.event.kind) else { return nil }
        let s = dossier.summary, e = recorded.event
        var words = mapping.action
        if mapping.withReason {
            let detail = e.kind == .supplementRequested ? (e.documents ?? []).joined(separator: "; ") : (e.reason ?? "")
            let clean = Validation.clean(detail)
            if !clean.isEmpty { words += ": " + clean }
        }
        if e.kind == .extended, let due = e.due { words += "; hẹn trả mới \(due.vietnameseShort)" }
        let official = names.official(recorded.by).map(Validation.clean) ?? ""
        let department = e.kind == .transferred ? e.department : s.holder.department
        let fields: [(String, String)] = [
            ("MaHoSo", portalCode(of: dossier)),
            ("NguoiXuLy", official.isEmpty ? "Cán bộ một cửa" : cut(official, 50)),
            ("ChucDanh", ""),
            ("ThoiDiemXuLy", PortalTime.text(recorded.at)),
            ("PhongBanXuLy", department.flatMap(names.department) ?? ""),
            ("NoiDungXuLy", cut(words, 2000)),
            ("TrangThai", mapping.status ?? PortalStatus.code(of: s.state)),
            ("NgayBatDau", ""),
            ("NgayKetThucTheoQuyDinh", PortalTime.text(e.stepDue ?? (s.state.isClosed ? nil : s.due))),
        ]
        return .object(fields.map { ($0.0, JSONText.string($0.1)) })
    }

    /// The envelope of a direct adapter call (interop.md §1.1): service fields merged at the top.
    public static func envelope(session: String, madonvi: String, service: String, fields: [(String, JSONText)]) -> JSONText {
        .object([("session", .string(session)), ("madonvi", .string(madonvi)), ("service", .string(service))] + fields)
    }

    /// The code the portal knows the dossier by: its own for an online dossier imported from a feed.
    public static func portalCode(of dossier: Dossier) -> String { dossier.reception.portalCode ?? dossier.summary.code }

    private static func cut(_ text: String, _ limit: Int) -> String { text.count <= limit ? text : String(text.prefix(limit - 1)) + "…" }
}
