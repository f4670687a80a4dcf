import Foundation

/// A national catalogue field (interop §9) a procedure's import could not carry into motcua's
/// catalogue, and what was done instead.
public struct UnmappedField: Hashable, Sendable {
    public let code: String
    public let field: String
    public let reason: String
}

/// What reading a `LayThuTuc`-shaped file gave: the next catalogue version and what it left out.
public struct NationalImport: Sendable {
    public let catalogue: Catalogue
    /// The procedure codes taken into the catalogue (added or updated), in file order.
    public let imported: [String]
    public let unmapped: [UnmappedField]
}

/// Maps procedures of the national database (`LayThuTuc`'s `result[]`: MATTHC, TENTTHC,
/// LINHVUCTHUCHIEN, CACHTHUCTHUCHIEN with THOIGIAN and PHILEPHI, THANHPHANHOSO/GIAYTO,
/// KETQUATHUCHIEN, CAPTHUCHIEN) onto motcua's catalogue, as its next version. A procedure the
/// store already has keeps its short name and its route (the national data has neither); a new
/// one gets the route of its field's other procedures, reported as unmapped.
public enum NationalCatalogue {
    public struct FileError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The procedure objects of a file: a `LayThuTuc` reply (`{"result":[…]}`, also as the
    /// provincial proxy's string `message`), an array of procedures, or one procedure.
    public static func procedures(in data: Data) throws(FileError) -> [[String: Any]] {
        guard let root = try? JSONSerialization.jsonObject(with: data) else { throw FileError(description: "không phải JSON hợp lệ") }
        if let list = root as? [Any] { return list.compactMap { $0 as? [String: Any] } }
        guard let object = root as? [String: Any] else { throw FileError(description: "cần một đối tượng hoặc mảng JSON") }
        if let result = object["result"] as? [Any] { return result.compactMap { $0 as? [String: Any] } }
        if let message = object["message"] as? String, let inner = message.data(using: .utf8),
           let parsed = try? procedures(in: inner), !parsed.isEmpty {
            return parsed
        }
        if object["MATTHC"] != nil { return [object] }
        throw FileError(description: "không thấy thủ tục nào (cần \"result\": [...] như LayThuTuc, hoặc mảng thủ tục có MATTHC)")
    }

    /// The next version of `base` with the file's procedures added or updated.
    public static func merge(_ records: [[String: Any]], into base: Catalogue, effective: CivilDate) throws -> NationalImport {
        var procedures = base.procedures
        var imported: [String] = []
        var unmapped: [UnmappedField] = []
        for (position, record) in records.enumerated() {
            var mapper = ProcedureMapper(record: record, position: position, base: base)
            if let procedure = mapper.procedure() {
                if let i = procedures.firstIndex(where: { $0.code == procedure.code }) { procedures[i] = procedure } else { procedures.append(procedure) }
                imported.removeAll { $0 == procedure.code }
                imported.append(procedure.code)
            }
            unmapped += mapper.unmapped
        }
        let catalogue = try Catalogue(copying: base, procedures: procedures, version: base.version + 1, effective: effective,
                                      note: "Phiên bản \(base.version + 1): \(imported.count) thủ tục cập nhật từ Cơ sở dữ liệu quốc gia về TTHC")
        return NationalImport(catalogue: catalogue, imported: imported, unmapped: unmapped)
    }
}

/// One procedure's mapping, collecting what it could not map.
struct ProcedureMapper {
    let record: [String: Any]
    let position: Int
    let base: Catalogue
    private(set) var unmapped: [UnmappedField] = []

    init(record: [String: Any], position: Int, base: Catalogue) {
        self.record = record
        self.position = position
        self.base = base
    }

    private var code: String { PortalFields.text(record, "MATTHC").map(Validation.clean) ?? "#\(position)" }

    private mutating func report(_ field: String, _ reason: String) {
        unmapped.append(UnmappedField(code: code, field: field, reason: reason))
    }

    mutating func procedure() -> Procedure? {
        guard let code = PortalFields.text(record, "MATTHC").map(Validation.clean), !code.isEmpty else {
            report("MATTHC", "thiếu mã thủ tục: bỏ qua")
            return nil
        }
        guard let name = PortalFields.text(record, "TENTTHC").map(Validation.clean), !name.isEmpty else {
            report("TENTTHC", "thiếu tên thủ tục: bỏ qua")
            return nil
        }
        if let status = PortalFields.text(record, "TRANGTHAI"), status != "1" {
            report("TRANGTHAI", "thủ tục không ở trạng thái công khai (\(DisplayText.sanitize(status))): bỏ qua")
            return nil
        }
        let existing = base.procedure(code)
        let times = channelTimes()
        guard let direct = times.direct ?? existing.map({ ($0.processing, [Fee]?.none) }) else {
            report("CACHTHUCTHUCHIEN.THOIGIAN", "không có thời hạn giải quyết dùng được: bỏ qua")
            return nil
        }
        let field = PortalFields.objects(record, "LINHVUCTHUCHIEN").lazy.compactMap { PortalFields.text($0, "TENLINHVUC") }.first
            .map(Validation.clean) ?? existing?.field
        if field == nil { report("LINHVUCTHUCHIEN", "thiếu lĩnh vực: ghi \"Khác\"") }
        let online = times.online.map(\.0)
        var procedure = Procedure(
            code: code, name: name, shortName: existing?.shortName ?? Self.shortName(name), field: field ?? "Khác",
            level: level() ?? existing?.level ?? "Cấp xã", processing: direct.0, legalBasis: legalBasis() ?? existing?.legalBasis,
            fees: direct.1 ?? existing?.fees ?? [], documents: documents() ?? existing?.documents ?? [],
            route: existing?.route ?? route(field: field, processing: direct.0), codeUnverified: false)
        procedure.onlineProcessing = online == direct.0 ? nil : online
        procedure.result = results() ?? existing?.result
        return procedure
    }

    /// The direct (KENH 1, else the first channel) and online (KENH 2) times, with the direct one's fees.
    private mutating func channelTimes() -> (direct: (ProcessingTime, [Fee]?)?, online: (ProcessingTime, [Fee]?)?) {
        var byChannel: [String: (ProcessingTime, [Fee]?)] = [:]
        var order: [String] = []
        for way in PortalFields.objects(record, "CACHTHUCTHUCHIEN") {
            let channel = PortalFields.text(way, "KENH") ?? "1"
            guard byChannel[channel] == nil, let time = PortalFields.objects(way, "THOIGIAN").first else { continue }
            guard let processing = processing(time, channel: channel) else { continue }
            byChannel[channel] = (processing, fees(time))
            order.append(channel)
        }
        return (byChannel["1"] ?? order.first.flatMap { byChannel[$0] }, byChannel["2"])
    }

    /// THOIGIANGIAIQUYET in DONVITINH: working days or hours; "trong ngày … sau N giờ" (also when
    /// the number is 0) is a same-day procedure with that cut-off. Calendar days are not counted.
    private mutating func processing(_ time: [String: Any], channel: String) -> ProcessingTime? {
        let amount = PortalFields.number(time, "THOIGIANGIAIQUYET")
        let unit = SearchFolding.fold(PortalFields.text(time, "DONVITINH") ?? "")
        let text = SearchFolding.fold(PortalFields.text(time, "MOTA") ?? "")
        if text.contains("trong ngay") && (amount ?? 0) == 0 || (amount == 0 && text.isEmpty == false && text.contains("ngay")) {
            return .sameDay(cutoff: Self.cutoff(in: text) ?? TimeOfDay(15, 0))
        }
        guard let amount, amount > 0, amount <= 365 else {
            report("CACHTHUCTHUCHIEN.THOIGIAN", "kênh \(channel): thời hạn \"\(DisplayText.sanitize(PortalFields.text(time, "THOIGIANGIAIQUYET") ?? ""))\" không đọc được")
            return nil
        }
        if unit.contains("gio") { return .workingHours(amount) }
        if unit.contains("ngay lam viec") || unit.isEmpty { return .workingDays(amount) }
        report("CACHTHUCTHUCHIEN.THOIGIAN.DONVITINH",
               "kênh \(channel): đơn vị \"\(DisplayText.sanitize(PortalFields.text(time, "DONVITINH") ?? ""))\" không phải ngày/giờ làm việc; motcua chỉ tính ngày, giờ làm việc")
        return nil
    }

    /// "sau 15 giờ" → 15:00.
    static func cutoff(in folded: String) -> TimeOfDay? {
        guard let range = folded.range(of: "sau ") else { return nil }
        let digits = folded[range.upperBound...].prefix { $0.isNumber }
        guard let hour = Int(digits), (8...17).contains(hour), folded[range.upperBound...].dropFirst(digits.count).hasPrefix(" gio") else { return nil }
        return TimeOfDay(hour, 0)
    }

    private mutating func fees(_ time: [String: Any]) -> [Fee]? {
        let rows = PortalFields.objects(time, "PHILEPHI")
        var fees: [Fee] = []
        for row in rows {
            let label = PortalFields.text(row, "MOTA").map(Validation.clean) ?? "Phí, lệ phí"
            guard let amount = Self.amount(PortalFields.text(row, "SOTIEN")) else {
                report("PHILEPHI.SOTIEN", "mức thu không có số tiền (\(DisplayText.sanitize(String(label.prefix(80))))): không ghi vào danh mục")
                continue
            }
            fees.append(Fee(name: String(label.prefix(300)), amount: amount, note: PortalFields.text(row, "DONVI").map(Validation.clean)))
        }
        return fees.isEmpty ? nil : fees            // nothing usable: the catalogue keeps what it had
    }

    /// "2000", "2.000" (thousands), "2000.0": đồng.
    static func amount(_ text: String?) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        if let whole = Int(text) { return whole }
        if text.range(of: #"^\d{1,3}(\.\d{3})+$"#, options: .regularExpression) != nil { return Int(text.replacingOccurrences(of: ".", with: "")) }
        if let value = Double(text), value >= 0, value == value.rounded() { return Int(value) }
        return nil
    }

    /// The papers of the first case (TRUONGHOP); "Trường hợp …" papers and "(nếu có)" are optional.
    private mutating func documents() -> [RequiredDocument]? {
        let cases = PortalFields.objects(record, "THANHPHANHOSO")
        guard let first = cases.first else { return nil }
        if cases.count > 1 {
            report("THANHPHANHOSO.TRUONGHOP", "\(cases.count) trường hợp hồ sơ; danh mục motcua giữ một danh sách: lấy trường hợp đầu "
                   + "(\(DisplayText.sanitize(PortalFields.text(first, "TRUONGHOP") ?? "")))")
        }
        return PortalFields.objects(first, "GIAYTO").compactMap { paper in
            guard let name = PortalFields.text(paper, "TENGIAYTO").map(Validation.clean), !name.isEmpty else { return nil }
            let folded = SearchFolding.fold(name)
            let optional = folded.hasPrefix("truong hop") || folded.contains("neu co")
            return RequiredDocument(name: String(name.prefix(500)), originals: Int(PortalFields.number(paper, "SOBANCHINH") ?? 1),
                                    copies: Int(PortalFields.number(paper, "SOBANSAO") ?? 0), required: !optional)
        }
    }

    private func results() -> String? {
        let names = PortalFields.objects(record, "KETQUATHUCHIEN").compactMap { PortalFields.text($0, "TENKETQUA").map(Validation.clean) }
        return names.isEmpty ? nil : names.joined(separator: "; ")
    }

    private func legalBasis() -> String? {
        let texts = PortalFields.objects(record, "CANCUPHAPLY").compactMap { law -> String? in
            let parts = [PortalFields.text(law, "TENVANBAN"), PortalFields.text(law, "SOVANBAN")].compactMap { $0.map(Validation.clean) }
            return parts.isEmpty ? nil : parts.joined(separator: " ")
        }
        return texts.isEmpty ? nil : texts.joined(separator: "; ")
    }

    static let levels = ["0": "Cấp bộ", "1": "Cấp tỉnh", "2": "Cấp huyện", "3": "Cấp xã"]

    private func level() -> String? {
        let codes = PortalFields.objects(record, "CAPTHUCHIEN").compactMap { PortalFields.text($0, "CAPTHUCHIEN") }
        let names = codes.compactMap { Self.levels[$0] }
        return names.isEmpty ? nil : names.joined(separator: ", ")
    }

    /// A new procedure's route: the desk, then the department that leads its field's other procedures.
    private mutating func route(field: String?, processing: ProcessingTime) -> [RouteStep] {
        var leads: [String: Int] = [:]
        for p in base.procedures where p.field == field { leads[p.leadDepartment, default: 0] += 1 }
        let fallback = base.departments.first { $0.code == "VP" }?.code ?? base.departments.first { $0.code != Catalogue.deskCode }?.code
        let lead = leads.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? fallback ?? Catalogue.deskCode
        report("route", "dữ liệu quốc gia không có quy trình nội bộ: giao \(lead) cả thời hạn; quản trị cần rà soát")
        return [RouteStep(department: lead, budget: processing)]
    }

    /// A short name for the queue's 13-cell column: the name cut at a word before 24 characters.
    static func shortName(_ name: String) -> String {
        guard name.count > 24 else { return name }
        var out = ""
        for word in name.split(separator: " ") {
            if out.count + word.count + 1 > 23 { break }
            out += (out.isEmpty ? "" : " ") + word
        }
        return (out.isEmpty ? String(name.prefix(23)) : out) + "…"
    }
}

extension Procedure {
    var leadDepartment: String {
        ProcedureSnapshot(self, catalogueVersion: 0).leadDepartment
    }
}
