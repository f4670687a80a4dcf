import CCurl
import Foundation
import MotCuaCore

/// One HTTP exchange with the portal: the seam the outbox is tested through.
public protocol PortalTransport {
    /// POSTs `body` and returns the status and body, or throws when no answer came (refused,
    /// dropped, timed out).
    func post(_ url: String, headers: [(String, String)], body: [UInt8], timeout: Double) throws -> (status: Int, body: [UInt8])
}

/// Why no answer came, for the log and `sync status` (never with the message body).
public struct TransportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// libcurl, loaded on the first request (DECISIONS: libcurl over URLSession and AsyncHTTPClient):
/// one request at a time, no redirect followed, HTTP and HTTPS only.
public final class CurlTransport: PortalTransport {
    /// An answer larger than this is refused (the portal's pages are a few hundred kilobytes).
    static let maxBody = 64 << 20

    public init() {}

    public func post(_ url: String, headers: [(String, String)], body: [UInt8], timeout: Double) throws -> (status: Int, body: [UInt8]) {
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), !url.utf8.contains(where: { $0 < 0x21 || $0 == 0x7F }) else {
            throw TransportError("địa chỉ không hợp lệ: \(Validation.clean(url))")
        }
        // A header with a line break would smuggle another header or a request.
        let lines = headers.map { "\($0.0): \($0.1)" }
        guard !lines.contains(where: { $0.utf8.contains { $0 == 10 || $0 == 13 || $0 == 0 } }) else { throw TransportError("tiêu đề không hợp lệ") }
        var answer = motcua_http_answer()
        defer { motcua_http_free(&answer) }
        let code = withCStrings(lines) { pointers in
            body.withUnsafeBytes { bytes in
                motcua_http_post(url, pointers, Int32(lines.count), bytes.baseAddress, bytes.count,
                                 max(1, Int(timeout * 1000)), Self.maxBody, &answer)
            }
        }
        switch code {
        case 0: return (answer.status, answer.length == 0 ? [] : Array(UnsafeBufferPointer(start: answer.body, count: answer.length)))
        case 28: throw TransportError("hết thời gian chờ \(Int(timeout)) giây")
        case -1: throw TransportError("không nạp được thư viện HTTP (libcurl)")
        default:
            let detail = withUnsafeBytes(of: answer.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            throw TransportError("không kết nối được (curl \(code): \(Validation.clean(detail)))")
        }
    }

    /// `strings` as C strings, alive while `body` runs.
    private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { UnsafePointer($0) }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
