import Foundation

/// One record of a portal feed (interop §2, `DongBoHoSoMC` shape) read into an online submission,
/// or the reason it cannot be one. Only newly submitted online dossiers are taken: `TrangThaiHoSo`
/// "1" (Mới đăng ký) and `KenhThucHien` "2" (Trực tuyến).
public enum PortalDossierRecord {
    /// What a feed file gave: each record in order, a submission or why it was refused.
    public typealias Parsed = [Result<OnlineSubmission, RecordRefusal>]

    public struct RecordRefusal: Error, Hashable, Sendable {
        public let reason: String
        public init(_ reason: String) { self.reason = reason }
    }

    public struct FileError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The records of a feed file: a JSON array of dossier objects (or `{"data": [...]}`, as the
    /// portal's envelope carries them).
    public static func parse(_ data: Data) throws(FileError) -> Parsed {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw FileError(description: "không phải JSON hợp lệ")
        }
        let list: [Any]
        if let array = root as? [Any] {
            list = array
        } else if let envelope = root as? [String: Any], let array = envelope["data"] as? [Any] {
            list = array
        } else {
            throw FileError(description: "cần một mảng JSON các hồ sơ (hoặc một đối tượng có \"data\" là mảng)")
        }
        return list.map { element in
            guard let object = element as? [String: Any] else { return .failure(RecordRefusal("bản ghi không phải đối tượng JSON")) }
            return submission(object)
        }
    }

    /// Characters a portal code may have (`000.00.xx.H57-261127-0001`, `H56.22-241203-00012`).
    static func isPortalCode(_ code: String) -> Bool {
        code.utf8.count <= 100 && code.unicodeScalars.allSatisfy {
            ($0.value < 0x80 && (CharacterSet.alphanumerics.contains($0) || "._-/".unicodeScalars.contains($0)))
        }
    }

    static func submission(_ o: [String: Any]) -> Result<OnlineSubmission, RecordRefusal> {
        func refuse(_ reason: String) -> Result<OnlineSubmission, RecordRefusal> { .failure(RecordRefusal(reason)) }
        guard let code = PortalFields.text(o, "MaHoSo") else { return refuse("thiếu MaHoSo (mã hồ sơ trên Cổng)") }
        guard isPortalCode(code) else { return refuse("MaHoSo có ký tự không hợp lệ") }
        let status = PortalFields.text(o, "TrangThaiHoSo")
        guard status == "1" else {
            return refuse("TrangThaiHoSo là \"\(DisplayText.sanitize(status ?? ""))\", cần \"1\" (Mới đăng ký)")
        }
        let channel = PortalFields.text(o, "KenhThucHien")
        guard channel == "2" else {
            return refuse("KenhThucHien là \"\(DisplayText.sanitize(channel ?? ""))\", cần \"2\" (Trực tuyến)")
        }
        guard let procedure = PortalFields.text(o, "MaTTHC") else { return refuse("thiếu MaTTHC (mã thủ tục)") }
        guard let name = PortalFields.text(o, "ChuHoSo") else { return refuse("thiếu ChuHoSo (họ tên người nộp)") }
        let idNumber = PortalFields.text(o, "SoGiayToChuHoSo")
            ?? PortalFields.objects(o, "DinhDanhCHS").lazy.compactMap { PortalFields.text($0, "SoDinhDanh") }.first
        var submittedAt: Instant?
        if let text = PortalFields.text(o, "NgayNopHoSo") {
            guard let at = PortalFields.instant(text) else { return refuse("NgayNopHoSo không đúng dạng yyyyMMddHHmmss") }
            submittedAt = at
        }
        var documents: [ReceivedDocument] = []
        for (i, file) in PortalFields.objects(o, "TaiLieuNop").enumerated() {
            if PortalFields.text(file, "IsDeleted")?.lowercased() == "true" { continue }
            guard let fileName = PortalFields.text(file, "TenTepDinhKem") else {
                return refuse("TaiLieuNop[\(i)] thiếu TenTepDinhKem (tên tệp)")
            }
            guard let url = PortalFields.text(file, "DuongDanTaiTepTin") else {
                return refuse("TaiLieuNop[\(i)] thiếu DuongDanTaiTepTin (đường dẫn tệp)")
            }
            guard isFileAddress(url) else { return refuse("TaiLieuNop[\(i)]: DuongDanTaiTepTin không phải địa chỉ http(s) hợp lệ") }
            documents.append(ReceivedDocument(name: fileName, originals: 1, copies: 0, file: url))
        }
        let applicant = Person(name: name, idNumber: idNumber, phone: PortalFields.text(o, "SoDienThoai"),
                               address: PortalFields.text(o, "DiaChiChuHoSo") ?? PortalFields.text(o, "DiaChi"))
        return .success(OnlineSubmission(portalCode: code, procedureCode: procedure, applicant: applicant,
                                         submittedAt: submittedAt, documents: documents))
    }

    /// An http(s) address without spaces or control characters (it is printed and may be opened).
    static func isFileAddress(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), text.utf8.count <= 2000 else { return false }
        return !text.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }
    }
}
