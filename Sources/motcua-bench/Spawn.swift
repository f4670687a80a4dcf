#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import MotCuaCore

/// Whole-process measurements: children started with `posix_spawn` and reaped with `wait4`, so
/// the wall time includes process start and the peak resident memory is the kernel's own figure.
struct ProcessRun {
    let wallMs: Double
    /// User + system CPU time: on a shared VM it moves far less with the load than the wall time.
    let cpuMs: Double
    let peakRSSMB: Double
    let exitStatus: Int32
    let outputBytes: Int
}

enum Spawn {
    /// Runs `path args` with `environment` added, its output into a scratch file (counted, then removed).
    static func run(_ path: String, _ args: [String], environment: [String: String]) -> ProcessRun {
        let outPath = "\(NSTemporaryDirectory())motcua-bench-out-\(getpid())"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + args).map { strdup($0) } + [nil]
        let envp = Spawn.environment(environment)
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now()
        guard posix_spawn(&pid, path, &actions, nil, argv, envp) == 0 else {
            return ProcessRun(wallMs: 0, cpuMs: 0, peakRSSMB: 0, exitStatus: -1, outputBytes: 0)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: outPath))?[.size] as? Int) ?? 0
        unlink(outPath)
        let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
        return ProcessRun(wallMs: wall, cpuMs: cpu, peakRSSMB: Double(usage.ru_maxrss) / 1024, exitStatus: exited, outputBytes: bytes)
    }

    /// This process's environment with `extra` added, as a C array (the caller frees it).
    static func environment(_ extra: [String: String]) -> [UnsafeMutablePointer<CChar>?] {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v }
        return env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    }

    /// The machine's load when a figure was taken (the VM is shared: say so beside each wall time).
    static func loadAverage() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8),
              let first = text.split(separator: " ").first, let value = Double(first) else { return -1 }
        return value
    }

    /// A process's proportional set size and private memory, from `/proc/PID/smaps_rollup` (kB → MB).
    static func memory(of pid: pid_t) -> (pss: Double, privateMB: Double, rss: Double) {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8) else { return (0, 0, 0) }
        var fields: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, parts[0].hasSuffix(":"), let kb = Double(parts[1]) else { continue }
            fields[String(parts[0].dropLast())] = kb / 1024
        }
        return (fields["Pss"] ?? 0, (fields["Private_Clean"] ?? 0) + (fields["Private_Dirty"] ?? 0), fields["Rss"] ?? 0)
    }
}

/// Median, range and peak memory of a few runs of one command, as one JSON object.
struct CommandFigures {
    let name: String
    let args: [String]
    var runs: [ProcessRun] = []

    var json: JSONText {
        let walls = runs.map(\.wallMs).sorted(), rss = runs.map(\.peakRSSMB).sorted(), cpu = runs.map(\.cpuMs).sorted()
        func r(_ x: Double) -> JSONText { .double((x * 10).rounded() / 10) }
        return .object([
            ("command", .string((["motcua"] + args).joined(separator: " "))),
            ("wallMsMedian", r(walls.isEmpty ? 0 : walls[walls.count / 2])),
            ("wallMsMin", r(walls.first ?? 0)), ("wallMsMax", r(walls.last ?? 0)),
            ("cpuMsMedian", r(cpu.isEmpty ? 0 : cpu[cpu.count / 2])), ("cpuMsMin", r(cpu.first ?? 0)), ("cpuMsMax", r(cpu.last ?? 0)),
            ("peakRssMBMedian", r(rss.isEmpty ? 0 : rss[rss.count / 2])), ("peakRssMBMax", r(rss.last ?? 0)),
            ("runs", .int(Int64(runs.count))), ("exitStatus", .int(Int64(runs.last?.exitStatus ?? -1))),
            ("outputBytes", .int(Int64(runs.last?.outputBytes ?? 0))),
        ])
    }
}
