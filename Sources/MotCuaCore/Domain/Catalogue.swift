import Foundation

/// A department (phòng, bộ phận) that holds dossiers along a route.
public struct Department: Codable, Hashable, Sendable {
    public let code: String
    public let name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

public struct Fee: Codable, Hashable, Sendable {
    public let name: String
    /// VND.
    public let amount: Int
    public let note: String?
    /// The legal basis (căn cứ), when the catalogue names it.
    public var basis: String? = nil
    /// The lower amount for an online submission, where the catalogue gives one.
    public var onlineAmount: Int? = nil

    public init(name: String, amount: Int, note: String? = nil, basis: String? = nil, onlineAmount: Int? = nil) {
        self.name = name
        self.amount = amount
        self.note = note
        self.basis = basis
        self.onlineAmount = onlineAmount
    }
}

/// One paper of the thành phần hồ sơ.
public struct RequiredDocument: Codable, Hashable, Sendable {
    public let name: String
    public let originals: Int
    public let copies: Int
    public let required: Bool
}

/// One step of a procedure's route with its share of the processing time.
public struct RouteStep: Codable, Hashable, Sendable {
    public let department: String
    public let budget: ProcessingTime
}

/// An administrative procedure (thủ tục hành chính) as the catalogue defines it.
public struct Procedure: Codable, Hashable, Sendable {
    public let code: String
    public let name: String
    public let shortName: String
    public let field: String
    public let level: String
    public let processing: ProcessingTime
    public let legalBasis: String?
    public let fees: [Fee]
    public let documents: [RequiredDocument]
    public let route: [RouteStep]
    /// True when the national code was not checked against the national TTHC database.
    public let codeUnverified: Bool?
    /// The processing time of an online submission, when the catalogue gives it one of its own.
    public var onlineProcessing: ProcessingTime? = nil
    /// What the citizen receives (kết quả thực hiện), as the national catalogue names it.
    public var result: String? = nil

    /// The processing time that applies to a dossier submitted through `channel`.
    public func processing(for channel: Channel) -> ProcessingTime {
        channel == .online ? onlineProcessing ?? processing : processing
    }

    /// The budget of the route's step at `department`, if the route has one.
    public func budget(for department: String) -> ProcessingTime? {
        route.first { $0.department == department }?.budget
    }
}

/// The versioned procedure catalogue (danh mục thủ tục hành chính).
public struct Catalogue: Codable, Sendable, Equatable {
    public let schema: Int
    public let version: Int
    public let effective: CivilDate
    public let note: String?
    public let departments: [Department]
    public let procedures: [Procedure]

    /// The highest version a catalogue may carry (versions go up by one per install).
    public static let maxVersion = 1_000_000

    /// The desk's own department code: dossiers start and end there.
    public static let deskCode = "MC"

    /// The sample catalogue compiled into motcua (37 commune/ward-level procedures).
    public static let sample: Catalogue = {
        do {
            return try Catalogue(json: Data(PackageResources.sample_catalogue_json))
        } catch {
            preconditionFailure("the shipped sample-catalogue.json is invalid: \(error)")
        }
    }()

    /// Decodes and checks a catalogue: unique codes, known departments, the desk present,
    /// budgets of a route within the procedure's total.
    public init(json: Data) throws {
        let decoded = try JSONDecoder().decode(Catalogue.self, from: json)
        try decoded.check()
        self = decoded
    }

    func check() throws {
        guard schema == 1 else { throw CatalogueError("phiên bản danh mục \(schema) không được hỗ trợ") }
        // A version near Int.max would leave no higher one to install after it.
        guard (1...Catalogue.maxVersion).contains(version) else {
            throw CatalogueError("\"version\": \(version) phải từ 1 đến \(Catalogue.maxVersion) (tăng 1 mỗi lần cài)")
        }
        let departmentCodes = Set(departments.map(\.code))
        guard departmentCodes.count == departments.count else { throw CatalogueError("mã phòng ban bị trùng") }
        guard departmentCodes.contains(Catalogue.deskCode) else {
            throw CatalogueError("danh mục thiếu bộ phận một cửa (mã \(Catalogue.deskCode))")
        }
        var seen = Set<String>()
        for p in procedures {
            guard !p.code.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw CatalogueError("thủ tục \"\(p.name)\": \"code\" trống; ghi mã TTHC quốc gia (ví dụ 1.001193)")
            }
            guard seen.insert(p.code).inserted else { throw CatalogueError("mã thủ tục \(p.code) bị trùng") }
            if let total = p.processing.hours, total <= 0 {
                throw CatalogueError("thủ tục \(p.code): \"processing\" bằng 0; thời hạn giải quyết phải lớn hơn 0 (hoặc \"sameDay\")")
            }
            let budgets = p.route.compactMap(\.budget.hours)
            if let total = p.processing.hours, budgets.count == p.route.count, budgets.reduce(0, +) > total + 1e-9 {
                throw CatalogueError("thủ tục \(p.code): các bước \"route\" cộng lại \(ProcessingTime.number(budgets.reduce(0, +) / 8)) ngày làm việc, "
                                     + "dài hơn thời hạn của thủ tục (\(p.processing.vietnamese)); sửa \"budget\" của các bước")
            }
            guard !p.name.isEmpty, !p.shortName.isEmpty else { throw CatalogueError("thủ tục \(p.code) thiếu tên") }
            for step in p.route where !departmentCodes.contains(step.department) {
                throw CatalogueError("thủ tục \(p.code): phòng ban \(step.department) không có trong danh mục")
            }
            if case .sameDay = p.processing {} else if case .sameDay = p.route.first?.budget {
                throw CatalogueError("thủ tục \(p.code): bước xử lý không thể là 'trong ngày'")
            }
        }
    }

    /// The next version of `base` with `procedures` (departments kept), checked like a file.
    public init(copying base: Catalogue, procedures: [Procedure], version: Int, effective: CivilDate? = nil,
                note: String? = nil) throws {
        schema = base.schema
        self.version = version
        self.effective = effective ?? base.effective
        self.note = note ?? base.note
        departments = base.departments
        self.procedures = procedures
        try check()
    }

    public func procedure(_ code: String) -> Procedure? { procedures.first { $0.code == code } }
    public func department(_ code: String) -> Department? { departments.first { $0.code == code } }

    /// Procedures whose code, name, short name or field contains every word of `query`,
    /// ignoring case and Vietnamese diacritics ("khai sinh", "ho tich", "1.0011").
    public func search(_ query: String) -> [Procedure] {
        let terms = SearchFolding.terms(query)
        guard !terms.isEmpty else { return procedures }
        return procedures.filter { p in
            let key = SearchFolding.fold("\(p.code) \(p.name) \(p.shortName) \(p.field)")
            return terms.allSatisfy { key.contains($0) }
        }
    }
}

public struct CatalogueError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}
