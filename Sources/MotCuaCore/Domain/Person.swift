/// How a dossier was submitted, or how its result is sent back.
public enum Channel: String, Codable, Sendable, CaseIterable {
    case direct
    case postal
    case online

    public var vietnamese: String {
        switch self {
        case .direct: return "Trực tiếp"
        case .postal: return "Bưu chính công ích"
        case .online: return "Trực tuyến"
        }
    }
}

/// The applicant (người nộp hồ sơ / tổ chức, cá nhân).
public struct Person: Codable, Hashable, Sendable {
    public var name: String
    public var idNumber: String?
    public var phone: String?
    public var address: String?
    /// For the e-mail channel of the citizen's messages; absent in journals written before it was asked.
    public var email: String?

    public init(name: String, idNumber: String? = nil, phone: String? = nil, address: String? = nil, email: String? = nil) {
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.address = address
        self.email = email
    }
}

/// Someone who submits or collects on the applicant's behalf (ủy quyền).
public struct Proxy: Codable, Hashable, Sendable {
    public var name: String
    public var idNumber: String?
    public var phone: String?
    /// The authorisation paper (giấy ủy quyền) reference.
    public var authorisation: String?

    public init(name: String, idNumber: String? = nil, phone: String? = nil, authorisation: String? = nil) {
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.authorisation = authorisation
    }
}

/// A paper as received at the desk.
public struct ReceivedDocument: Codable, Hashable, Sendable {
    public var name: String
    public var originals: Int
    public var copies: Int
    /// Online dossiers: where the portal keeps the uploaded file (DuongDanTaiTepTin).
    public var file: String?

    public init(name: String, originals: Int, copies: Int, file: String? = nil) {
        self.name = name
        self.originals = originals
        self.copies = copies
        self.file = file
    }
}
