import Foundation

/// The citizen's rating of one dossier (TT 01/2018 art. 12–16; the three levels DVCQG aggregates).
/// Recorded once per dossier, at return or after it, with the official rated and the channel.
public struct Rating: Codable, Hashable, Sendable {
    /// The overall level. Raw values are the CLI's words (`--rating`, `--level`).
    public enum Level: String, Codable, Sendable, CaseIterable {
        case verySatisfied = "very-satisfied", satisfied, unsatisfied

        public var vietnamese: String {
            switch self {
            case .verySatisfied: return "Rất hài lòng"
            case .satisfied: return "Hài lòng"
            case .unsatisfied: return "Không hài lòng"
            }
        }

        /// The choice's key on the rating terminal and in the F5 dialog (1–3).
        public var key: Int { Level.allCases.firstIndex(of: self)! + 1 }

        public init?(key: Int) {
            guard (1...Level.allCases.count).contains(key) else { return nil }
            self = Level.allCases[key - 1]
        }
    }

    /// Where the citizen gave it (NĐ 61/2018 art. 29: paper forms, devices at the desk, online).
    public enum Channel: String, Codable, Sendable, CaseIterable {
        /// `desk`: told to the clerk at return, who keys it (F5, `return --rating`).
        case desk, deskDevice = "desk-device", paper, online

        public var vietnamese: String {
            switch self {
            case .desk: return "hỏi tại quầy"
            case .deskDevice: return "thiết bị tại quầy"
            case .paper: return "phiếu giấy"
            case .online: return "trực tuyến"
            }
        }
    }

    /// The TT 01/2018 indices scored per dossier (art. 14), in this order, each 0, 1 or 2.
    public static let indexNumbers = [1, 2, 3, 4, 7]

    public var level: Level
    /// `indexNumbers`' points, when the citizen answered them; nil otherwise.
    public var indices: [Int]?
    public var channel: Channel
    /// The official rated: who returned the dossier (the person the citizen met at the desk).
    public var official: String?
    /// The department that handled it (its last holder outside the desk), for the department report.
    public var department: String?
    /// The procedure, so a report reads only rating lines.
    public var procedure: String?

    enum CodingKeys: String, CodingKey { case level, indices, channel, official, department, procedure }

    public init(level: Level, indices: [Int]? = nil, channel: Channel, official: String? = nil,
                department: String? = nil, procedure: String? = nil) {
        self.level = level
        self.indices = indices
        self.channel = channel
        self.official = official
        self.department = department
        self.procedure = procedure
    }

    /// The per-dossier indices' total (TT 01/2018 art. 15: an official's score, 5 or more = full marks).
    public var indexTotal: Int? { indices.map { $0.reduce(0, +) } }

    /// Reads `--indices 2,1,2,2,1`: five numbers 0–2 for indices 1, 2, 3, 4 and 7.
    public static func parseIndices(_ text: String) -> Result<[Int], RatingError> {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap { Int($0) }
        guard values.count == parts.count, values.allSatisfy({ (0...2).contains($0) }) else { return .failure(.badIndices(text)) }
        guard values.count == indexNumbers.count else { return .failure(.indexCount(values.count)) }
        return .success(values)
    }

    /// Checks a decoded or typed rating.
    public func validate() throws(RatingError) {
        if let indices {
            guard indices.count == Rating.indexNumbers.count else { throw .indexCount(indices.count) }
            guard indices.allSatisfy({ (0...2).contains($0) }) else { throw .badIndices(indices.map(String.init).joined(separator: ",")) }
        }
    }
}

public enum RatingError: Error, Equatable, CustomStringConvertible {
    case badIndices(String)
    case indexCount(Int)
    case unknownLevel(String)

    public var description: String {
        switch self {
        case .badIndices(let text):
            return "Chỉ số đánh giá \"\(text)\" không hợp lệ: mỗi chỉ số là 2, 1 hoặc 0, cách nhau bằng dấu phẩy"
        case .indexCount(let n):
            return "Cần đủ 5 chỉ số (tiêu chí 1, 2, 3, 4, 7 của Thông tư 01/2018/TT-VPCP), nhận được \(n)"
        case .unknownLevel(let text):
            return "Mức đánh giá \"\(text)\" không có; chọn very-satisfied (rất hài lòng), satisfied (hài lòng) hoặc unsatisfied (không hài lòng)"
        }
    }
}

/// What a dossier's history says about whom a rating rates: the official who returned it, the
/// department that handled it, the procedure, and the counter whose device was asked to rate it.
public struct RatingSubject: Hashable, Sendable {
    public var returnedBy: String?
    public var returnedAt: Instant?
    public var department: String?
    public var procedure: String
    public var counter: Int?
    /// The rating already recorded, if any.
    public var rating: Rating?

    public init(history: [RecordedEvent]) {
        procedure = history.first?.event.reception?.procedure.code ?? ""
        for rec in history {
            switch rec.event.kind {
            case .transferred where rec.event.department != Catalogue.deskCode:
                department = rec.event.department
            case .accepted, .received:
                procedure = rec.event.reception?.procedure.code ?? procedure
            case .returned:
                returnedBy = rec.by
                returnedAt = rec.at
                counter = rec.event.ratingCounter
                if let r = rec.event.rating { rating = r }
            case .rated:
                if let r = rec.event.rating { rating = r }
            default: break
            }
        }
        if department == nil, let first = history.first?.event.reception?.procedure {
            department = first.leadDepartment
        }
    }

    /// `rating` with the official, department and procedure filled from the history.
    public func complete(_ rating: Rating, official: String? = nil) -> Rating {
        var r = rating
        r.official = official ?? returnedBy
        r.department = department
        r.procedure = procedure
        return r
    }
}
