import Foundation
import MotCuaCore

/// Talks to the adapter: logs in for a session (again when it expires or is refused), sends one
/// service call, and retries what got no answer with exponential backoff.
public final class PortalClient {
    public enum Result: Equatable {
        case ok
        case alreadyExists
        /// The portal refused the message itself: sending it again will not help.
        case refused(String)
        /// No usable answer after every attempt: try again later.
        case unavailable(String)
    }

    /// What happened on the wire, for the report and `--json`.
    public struct Counters: Sendable, Equatable {
        public var calls = 0
        public var failedCalls = 0
        public var logins = 0
    }

    let settings: SyncSettings
    let password: String
    let transport: PortalTransport
    let sleep: (Double) -> Void
    private var session: String?
    private var sessionExpiry = Date.distantPast
    public private(set) var counters = Counters()

    /// OC keeps a session 10 minutes; so do we, and log in again on a refused one before that.
    static let sessionLifetime: TimeInterval = 600

    public init(settings: SyncSettings, password: String, transport: PortalTransport,
                sleep: @escaping (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.settings = settings
        self.password = password
        self.transport = transport
        self.sleep = sleep
    }

    var headers: [(String, String)] {
        [("Accept", "application/json"), ("Content-Type", "application/json"), ("Charset", "utf-8"), ("dstcode", settings.dstcode)]
    }

    /// One service call, e.g. `DongBoHoSoMC` with `isUpdating` and `data`.
    public func call(_ service: String, _ fields: [(String, JSONText)]) -> Result {
        let answer = exchange(settings.integrationEndpoint, service, fields) { status, body -> Verdict<Result> in
            switch PortalReply(status: status, body: body).outcome {
            case .ok: return .done(.ok)
            case .alreadyExists: return .done(.alreadyExists)
            case .refused(let message): return .done(.refused(message))
            case .badSession: return .badSession
            case .unreadable: return .unreadable("trả lời không đọc được (HTTP \(status))")
            }
        }
        switch answer {
        case .success(let result): return result
        case .failure(let problem): return .unavailable(problem.description)
        }
    }

    /// How one answer reads to the caller: final, a session to renew, or worth another try.
    enum Verdict<Value> {
        case done(Value)
        case badSession
        case unreadable(String)
    }

    /// Sends one enveloped service call to `endpoint`: logs in when needed (once more on a refused
    /// session), retries what got no usable answer with backoff, and lets `read` judge each answer.
    func exchange<Value>(_ endpoint: String, _ service: String, _ fields: [(String, JSONText)],
                         read: (Int, [UInt8]) -> Verdict<Value>) -> Swift.Result<Value, TransportError> {
        var delay = Double(settings.retryBaseMilliseconds) / 1000
        var problem = "chưa gửi"
        var loggedInAgain = false
        for attempt in 1...max(1, settings.attempts) {
            do {
                let session = try currentSession()
                let body = PortalMessage.envelope(session: session, madonvi: settings.madonvi, service: service, fields: fields)
                counters.calls += 1
                let answer = try transport.post(settings.adapterURL + endpoint, headers: headers,
                                                body: Array(body.compact.utf8), timeout: settings.timeoutSeconds)
                switch read(answer.status, answer.body) {
                case .done(let value): return .success(value)
                case .badSession:
                    self.session = nil
                    problem = "Cổng từ chối phiên đăng nhập"
                    if !loggedInAgain {
                        loggedInAgain = true
                        continue
                    }
                case .unreadable(let why):
                    problem = why
                }
            } catch {
                problem = "\(error)"
            }
            counters.failedCalls += 1
            if attempt < settings.attempts {
                sleep(delay)
                delay = min(max(delay * 2, 0.001), 60)
            }
        }
        return .failure(TransportError(problem))
    }

    private func currentSession() throws -> String {
        if let session, Date() < sessionExpiry { return session }
        let body = JSONText.object([("username", .string(settings.username)), ("password", .string(password))])
        counters.logins += 1
        let answer = try transport.post(settings.adapterURL + settings.authEndpoint, headers: headers,
                                        body: Array(body.compact.utf8), timeout: settings.timeoutSeconds)
        let reply = PortalReply(status: answer.status, body: answer.body)
        guard reply.errorCode == "0", let fresh = reply.session, !fresh.isEmpty else {
            throw TransportError("đăng nhập Cổng không thành công (HTTP \(answer.status)\(reply.message.isEmpty ? "" : ": " + Validation.clean(reply.message)))")
        }
        session = fresh
        sessionExpiry = Date().addingTimeInterval(Self.sessionLifetime)
        return fresh
    }
}
