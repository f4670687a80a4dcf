import Foundation
import MotCuaCore

/// `sync pull`: the provincial portal's pending online dossiers, fetched through the same
/// session, re-login and backoff as the outbox's calls. No source names this service or its
/// endpoint; the decision is in Docs/INTEROP.md ("sync pull").
extension PortalClient {
    public static let feedService = "LayDanhSachHoSoTrucTuyen"

    public enum FeedResult: Equatable {
        /// The records as a JSON array, for `PortalDossierRecord.parse` (the same reader as `inbox import`).
        case records(Data)
        /// The portal read the request and refused it: asking again will not help.
        case refused(String)
        /// No usable answer after every attempt.
        case unavailable(String)
    }

    /// Asks `endpoint` for the dossiers newly submitted online (status 1, channel 2).
    public func fetchFeed(from endpoint: String) -> FeedResult {
        let fields: [(String, JSONText)] = [("TrangThaiHoSo", .string("1")), ("KenhThucHien", .string("2"))]
        switch exchange(endpoint, Self.feedService, fields, read: Self.readFeed) {
        case .success(let result): return result
        case .failure(let problem): return .unavailable(problem.description)
        }
    }

    /// A bare array (a provincial proxy's style) or the envelope with the array in `data` (or
    /// `result`, as `LayDanhSachTTHC` answers); `data` null or absent is an empty feed.
    static func readFeed(status: Int, body: [UInt8]) -> Verdict<FeedResult> {
        let unreadable = Verdict<FeedResult>.unreadable("trả lời không đọc được (HTTP \(status))")
        let root = try? JSONSerialization.jsonObject(with: Data(body))
        let success = (200..<300).contains(status)
        if success, root is [Any] { return .done(.records(Data(body))) }
        let reply = PortalReply(status: status, body: body)
        if reply.outcome == .badSession { return .badSession }
        guard let object = root as? [String: Any], status < 500 else { return unreadable }
        if let code = reply.errorCode, code != "0" {
            return .done(.refused(reply.message.isEmpty ? "mã lỗi \(code)" : Validation.clean(reply.message)))
        }
        guard success else { return unreadable }
        switch object["data"] ?? object["result"] {
        case let list as [Any]:
            guard let data = try? JSONSerialization.data(withJSONObject: list) else { return unreadable }
            return .done(.records(data))
        case nil, is NSNull:
            return reply.errorCode == "0" ? .done(.records(Data("[]".utf8))) : unreadable
        default:
            return .unreadable("danh sách hồ sơ của Cổng không phải mảng JSON")
        }
    }
}
