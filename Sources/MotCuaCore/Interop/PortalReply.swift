import Foundation

/// What the portal answered, read the way real integrations read it (interop.md §1.3):
/// `error_code` as a number or a string, `"đã tồn tại"` in `message` for a duplicate create,
/// a plain-text "thành công" for the progress endpoint.
public struct PortalReply: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case ok
        /// A create the portal already has: send it again as an update.
        case alreadyExists
        /// The session expired or is unknown: log in again and retry.
        case badSession
        /// The portal read the message and refused it; `message` says why.
        case refused(String)
        /// Not an answer at all (an HTML error page, an empty body): try again later.
        case unreadable
    }

    public let errorCode: String?
    public let message: String
    public let session: String?
    public let outcome: Outcome

    public init(status: Int, body: [UInt8]) {
        let text = String(decoding: body, as: UTF8.self)
        let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        errorCode = object.flatMap { Self.scalar($0["error_code"]) }
        message = object.flatMap { Self.scalar($0["message"]) } ?? ""
        session = object.flatMap { Self.scalar($0["session"]) }
        let folded = Validation.nfc(object == nil ? text : message).lowercased()
        if status == 401 || status == 403 || (errorCode != "0" && errorCode != nil && (folded.contains("session") || folded.contains("phiên"))) {
            outcome = .badSession
        } else if errorCode != nil && folded.contains("đã tồn tại") {
            outcome = .alreadyExists
        } else if errorCode == "0" {
            outcome = .ok
        } else if let errorCode {
            outcome = status >= 500 ? .unreadable : .refused(message.isEmpty ? "mã lỗi \(errorCode)" : Validation.clean(message))
        } else if object == nil && (200..<300).contains(status) && folded.contains("thành công") {
            outcome = .ok
        } else {
            outcome = .unreadable
        }
    }

    /// A JSON scalar as text: `0`, `"0"`, `-3`, `true`.
    static func scalar(_ value: Any?) -> String? {
        switch value {
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        default: return nil
        }
    }
}
