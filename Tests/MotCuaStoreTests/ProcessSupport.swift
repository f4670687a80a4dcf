import Foundation
import Testing

/// The real `motcua` executable, built next to the test bundle.
enum MotCuaBinary {
    static let path: String = {
        if let explicit = ProcessInfo.processInfo.environment["MOTCUA_BIN"] { return explicit }
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("motcua").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return package.appendingPathComponent(".build/debug/motcua").path
    }()
}

/// A finished run of the binary.
struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String
    /// Ended by a signal (a trap, a crash, a kill) rather than by exiting.
    var signalled = false
}

/// A running `motcua` process whose output is collected.
final class Running: @unchecked Sendable {
    let process = Process()
    private let out = Pipe(), err = Pipe()
    private var outData = Data(), errData = Data()
    private let lock = NSLock()

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: MotCuaBinary.path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // One reader thread per pipe, to the end of the file: `wait` joins them, so no chunk can
        // still be on its way when the result is made (readability handlers could lose the last one).
        read(out.fileHandleForReading) { [weak self] d in self?.lock.withLock { self?.outData.append(d) } }
        read(err.fileHandleForReading) { [weak self] d in self?.lock.withLock { self?.errData.append(d) } }
    }

    private let readers = DispatchGroup()

    private func read(_ handle: FileHandle, into append: @escaping @Sendable (Data) -> Void) {
        readers.enter()
        let group = readers
        Thread.detachNewThread {
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                append(chunk)
            }
            group.leave()
        }
    }

    func wait() -> RunResult {
        process.waitUntilExit()
        readers.wait()
        return lock.withLock {
            RunResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), signalled: process.terminationReason == .uncaughtSignal)
        }
    }

    /// What has been printed so far (for a process killed mid-run).
    var stdoutSoFar: String { lock.withLock { String(decoding: outData, as: UTF8.self) } }

    func kill9() { Foundation.kill(process.processIdentifier, SIGKILL) }
}

@discardableResult
func motcua(_ arguments: [String], environment: [String: String] = [:]) throws -> RunResult {
    try Running(arguments, environment: environment).wait()
}

/// `ACK <op> <code> <kind>` lines of a stress writer.
func acknowledgements(_ output: String) -> [(op: String, code: String, kind: String)] {
    output.split(separator: "\n").compactMap { line in
        let parts = line.split(separator: " ")
        guard parts.count >= 4, parts[0] == "ACK" else { return nil }
        return (String(parts[1]), String(parts[2]), String(parts[3]))
    }
}
