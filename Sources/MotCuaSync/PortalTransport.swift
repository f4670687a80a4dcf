import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

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

/// The toolchain's URLSession (FoundationNetworking on Linux, libcurl underneath): no dependency
/// to build, and enough for one request at a time (DECISIONS: URLSession over AsyncHTTPClient).
public final class URLSessionTransport: PortalTransport {
    private let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func post(_ url: String, headers: [(String, String)], body: [UInt8], timeout: Double) throws -> (status: Int, body: [UInt8]) {
        guard let target = URL(string: url) else { throw TransportError("địa chỉ không hợp lệ: \(url)") }
        var request = URLRequest(url: target, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "POST"
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = Data(body)
        let answer = Answer()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            answer.set(data: data, status: (response as? HTTPURLResponse)?.statusCode, error: error)
            done.signal()
        }
        task.resume()
        // The session's own timeout covers a silent server; this one covers a trickling one.
        if done.wait(timeout: .now() + timeout + 5) == .timedOut {
            task.cancel()
            throw TransportError("hết thời gian chờ \(Int(timeout)) giây")
        }
        return try answer.result()
    }

    /// The callback's result, handed from URLSession's queue to the waiting thread.
    private final class Answer: @unchecked Sendable {
        private let lock = NSLock()
        private var data: Data?
        private var status: Int?
        private var error: Error?

        func set(data: Data?, status: Int?, error: Error?) {
            lock.withLock { (self.data, self.status, self.error) = (data, status, error) }
        }

        func result() throws -> (status: Int, body: [UInt8]) {
            try lock.withLock {
                if let error {
                    let code = (error as? URLError)?.code
                    throw TransportError(code == .timedOut ? "hết thời gian chờ" : "không kết nối được (\((error as NSError).code))")
                }
                guard let status else { throw TransportError("không có trả lời") }
                return (status, Array(data ?? Data()))
            }
        }
    }
}
