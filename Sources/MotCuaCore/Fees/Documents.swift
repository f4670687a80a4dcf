/// A submitted paper's digitisation, as the portal counts it (TrangThaiSoHoa; interop.md §2).
public enum DigitisationStatus: String, Codable, Sendable, CaseIterable {
    case notDigitised = "not-digitised"
    case digitised
    /// Taken from the citizen's data store or a national database instead of being scanned.
    case reused
    /// Taken from another dossier's result (tái sử dụng từ kết quả khác).
    case reusedFromResult = "reused-from-result"

    public var vietnamese: String {
        switch self {
        case .notDigitised: return "chưa số hóa"
        case .digitised: return "đã số hóa"
        case .reused: return "tái sử dụng"
        case .reusedFromResult: return "tái sử dụng từ kết quả khác"
        }
    }

    /// TaiLieuNop.DuocSoHoa.
    public var portalDigitised: String { self == .notDigitised ? "0" : "1" }
    /// TaiLieuNop.DuocTaiSuDung: 0 scanned or nothing, 1 reused, 2 reused from another result.
    public var portalReused: String {
        switch self {
        case .notDigitised, .digitised: return "0"
        case .reused: return "1"
        case .reusedFromResult: return "2"
        }
    }
}

/// What the desk recorded about one submitted paper (its position in the reception's list, from 1).
/// motcua keeps the file's reference and its SHA-256, never the bytes.
public struct DocumentRecord: Codable, Hashable, Sendable {
    public var index: Int
    public var status: DigitisationStatus
    /// The scan, relative to the store's scan folder.
    public var file: String?
    public var sha256: String?
    /// reusedFromResult: the dossier whose result it came from.
    public var from: String?

    public init(index: Int, status: DigitisationStatus, file: String? = nil, sha256: String? = nil, from: String? = nil) {
        self.index = index
        self.status = status
        self.file = file
        self.sha256 = sha256
        self.from = from
    }
}

/// The form a result takes (TT 01/2023: paper, an electronic copy with legal value, or both).
public enum ResultForm: String, Codable, Sendable, CaseIterable {
    case paper, electronic, both

    public var vietnamese: String {
        switch self {
        case .paper: return "Bản giấy"
        case .electronic: return "Bản điện tử có giá trị pháp lý"
        case .both: return "Bản giấy và bản điện tử"
        }
    }

    public var hasElectronic: Bool { self != .paper }
}

/// The result document: its form, its code (số, ký hiệu) and, when electronic, the file's reference.
public struct ResultRecord: Codable, Hashable, Sendable {
    public var form: ResultForm
    public var code: String?
    public var file: String?
    public var sha256: String?

    public init(form: ResultForm, code: String? = nil, file: String? = nil, sha256: String? = nil) {
        self.form = form
        self.code = code
        self.file = file
        self.sha256 = sha256
    }
}

/// Each submitted paper with its latest status, and the result as last recorded.
public struct DocumentsView: Hashable, Sendable {
    public struct Paper: Hashable, Sendable {
        public let index: Int
        public let document: ReceivedDocument
        public let record: DocumentRecord
    }

    public let papers: [Paper]
    public let result: ResultRecord?

    public init(_ dossier: Dossier) {
        var latest: [Int: DocumentRecord] = [:]
        var result: ResultRecord?
        for rec in dossier.history {
            if rec.event.kind == .documentRecorded, let d = rec.event.document { latest[d.index] = d }
            if let r = rec.event.result {
                // A return that names only the form keeps the file recorded with the result.
                var merged = r
                if merged.file == nil { merged.file = result?.file; merged.sha256 = result?.sha256 }
                if merged.code == nil { merged.code = result?.code }
                result = merged
            }
        }
        papers = dossier.reception.documents.enumerated().map { i, doc in
            // An online dossier's paper came as a file: it is digitised from the start.
            let initial = DocumentRecord(index: i + 1, status: doc.file == nil ? .notDigitised : .digitised, file: doc.file)
            return Paper(index: i + 1, document: doc, record: latest[i + 1] ?? initial)
        }
        self.result = result
    }

    public var anyDigitised: Bool { papers.contains { $0.record.status != .notDigitised } }
}

public enum DocumentError: Error, Equatable, CustomStringConvertible {
    case noSuchPaper(index: Int, count: Int)
    case badReference(String)

    public var description: String {
        switch self {
        case .noSuchPaper(let index, let count):
            return "Hồ sơ không có giấy tờ số \(index): thành phần hồ sơ có \(count) giấy tờ (đánh số từ 1)"
        case .badReference(let why): return why
        }
    }
}

extension DocumentRecord {
    /// The event recording `self` on a dossier whose reception lists `count` papers.
    public func event(paperCount count: Int) throws(DocumentError) -> DossierEvent {
        guard (1...max(count, 1)).contains(index), count > 0 else { throw .noSuchPaper(index: index, count: count) }
        var record = self
        if let from {
            let cleaned = Validation.clean(from)
            guard !cleaned.isEmpty, cleaned.count <= 80,
                  !cleaned.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw .badReference("--from: mã hồ sơ có kết quả được tái sử dụng không hợp lệ")
            }
            record.from = cleaned
        }
        var e = DossierEvent(kind: .documentRecorded)
        e.document = record
        return e
    }
}
