import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Runs a channel's delivery command once: the message on stdin, the recipient and the message's
/// identity in the environment, its output (stdout and stderr, first 4 KiB) and exit code back.
///
/// The environment is built from nothing but these (and PATH, LANG), so nothing of the official's
/// session reaches the gateway script: `MOTCUA_TO` (the recipient: phone or address),
/// `MOTCUA_CHANNEL` (sms, zalo, email), `MOTCUA_DOSSIER` (the code), `MOTCUA_EVENT` (the kind),
/// `MOTCUA_MESSAGE_ID` (store agency + journal seq + channel: the same message keeps its id when
/// it is sent again, so a gateway can drop a repeat), `MOTCUA_SMS_SEGMENTS`.
struct DeliveryCommand {
    struct Outcome: Equatable {
        var status: Int32
        var output: String
        var timedOut = false
        var delivered: Bool { status == 0 && !timedOut }
    }

    static let timeoutSeconds = 30.0

    let path: String

    func run(message: String, environment: [String: String]) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        var env = ["PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"]
        env.merge(environment) { $1 }
        process.environment = env
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let collected = Collected()
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch {
            return Outcome(status: 127, output: "không chạy được lệnh gửi \(path): \(error.localizedDescription)")
        }
        let reader = output.fileHandleForReading
        let doneReading = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                collected.append(chunk)
            }
            doneReading.signal()
        }
        // A script that exits without reading its stdin must not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try? input.fileHandleForWriting.write(contentsOf: Data(message.utf8))
        try? input.fileHandleForWriting.close()
        var timedOut = false
        if finished.wait(timeout: .now() + Self.timeoutSeconds) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        _ = doneReading.wait(timeout: .now() + 2)
        let text = String(decoding: collected.data.prefix(4096), as: UTF8.self)
        return Outcome(status: process.terminationStatus, output: timedOut ? "quá \(Int(Self.timeoutSeconds)) giây, đã dừng lệnh; " + text : text,
                       timedOut: timedOut)
    }
}

private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = Data()

    func append(_ chunk: Data) { lock.withLock { if bytes.count < 65536 { bytes.append(chunk) } } }
    var data: Data { lock.withLock { bytes } }
}
