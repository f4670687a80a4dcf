#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import MotCuaCore

/// `--cli`: the command line as supervisors' scripts and cron use it, each command a whole
/// process on the generated store (spawn to exit, peak RSS from `wait4`).
enum CLIBench {
    static func figures(motcua: String, directory: String, now: String, runs: Int, checkRuns: Int, skip: Set<String> = []) -> JSONText {
        let code = sampleCode(directory: directory) ?? "000.00.xx.H57-230315-0001"
        let environment = ["MOTCUA_USER": "bench", "MOTCUA_NOW": now, "MOTCUA_DATA": directory, "LC_ALL": "C.UTF-8"]
        let commands: [(String, [String], Int)] = [
            ("show", ["show", code], runs),
            ("showJSON", ["show", code, "--json"], runs),
            ("listSearchFirstPage", ["list", "--search", "nguyen thi hoa", "--limit", "20"], runs),
            ("listSearchAll", ["list", "--search", "nguyen thi hoa"], runs),
            ("listStateFirstPage", ["list", "--state", "received", "--limit", "20"], runs),
            ("listOverdueFirstPage", ["list", "--overdue", "--limit", "20"], runs),
            ("listHolderFirstPage", ["list", "--holder", "VP", "--limit", "20"], runs),
            ("listAllExport", ["list", "--json"], max(1, runs / 2)),
            ("report", ["report", "--from", "2026-07-01", "--to", "2026-09-30"], runs),
            ("overdue", ["overdue"], runs),
            ("checkQuick", ["check", "--quick"], runs),
            ("check", ["check"], checkRuns),
        ]
        var pairs: [(String, JSONText)] = [("showCode", .string(code)), ("load1Before", .double(Spawn.loadAverage()))]
        for (name, args, count) in commands where count > 0 && !skip.contains(name) {
            var figures = CommandFigures(name: name, args: args)
            for _ in 0..<count {
                figures.runs.append(Spawn.run(motcua, args, environment: environment))
                let last = figures.runs[figures.runs.count - 1]
                FileHandle.standardError.write(Data("  \(name): \(Int(last.wallMs)) ms wall, \(Int(last.cpuMs)) ms CPU, \(Int(last.peakRSSMB)) MB, load \(Spawn.loadAverage())\n".utf8))
            }
            pairs.append((name, figures.json))
        }
        pairs.append(("load1After", .double(Spawn.loadAverage())))
        return .object(pairs)
    }

    /// A dossier of an older (deferred) year: the first code in the journal's segment a third of
    /// the way through, so `show` is measured on a dossier the terminal app loads late.
    static func sampleCode(directory: String) -> String? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: "\(directory)/journal")) ?? [])
            .filter { $0.hasSuffix(".jsonl") }.sorted()
        guard !names.isEmpty, let handle = FileHandle(forReadingAtPath: "\(directory)/journal/\(names[names.count / 3])") else { return nil }
        defer { try? handle.close() }
        let text = String(decoding: handle.readData(ofLength: 65_536), as: UTF8.self)
        guard let start = text.range(of: "\"code\":\"") else { return nil }
        let rest = text[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

/// `--clerks K`: K terminal apps open headless on one store, history loaded as the app does after
/// its first frame; their summed PSS (shared pages counted once across them), not RSS.
enum ClerksBench {
    static func figures(bench: String, directory: String, now: String, clerks: Int) -> JSONText {
        var children: [(pid: pid_t, input: Int32, output: Int32)] = []
        let start = DispatchTime.now()
        for _ in 0..<clerks {
            var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
            guard Glibc.pipe(&toChild) == 0, Glibc.pipe(&fromChild) == 0 else { break }
            // Not inherited by the later clerks: each must see its own stdin close at the end.
            for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
            posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
            for fd in toChild + fromChild { posix_spawn_file_actions_addclose(&actions, fd) }
            let words: [String] = [bench, "--clerk", "--data", directory, "--now", now]
            let argv = words.map { strdup($0) } + [nil]
            let envp = Spawn.environment([:])
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, bench, &actions, nil, argv, envp)
            posix_spawn_file_actions_destroy(&actions)
            (argv + envp).forEach { free($0) }
            close(toChild[0])
            close(fromChild[1])
            guard spawned == 0 else { close(toChild[1]); close(fromChild[0]); break }
            children.append((pid, toChild[1], fromChild[0]))
        }
        var ready = 0
        for child in children {
            var byte: UInt8 = 0, line: [UInt8] = []
            while read(child.output, &byte, 1) == 1 { if byte == 10 { break }; line.append(byte) }
            if String(decoding: line, as: UTF8.self).hasPrefix("READY") { ready += 1 }
        }
        let readyMs = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
        let memory = children.map { Spawn.memory(of: $0.pid) }
        for child in children {
            close(child.input)                          // the clerk's stdin closes: it exits
            close(child.output)
            var status: Int32 = 0
            while waitpid(child.pid, &status, 0) < 0 && errno == EINTR {}
        }
        func r(_ x: Double) -> JSONText { .double((x * 10).rounded() / 10) }
        let pss = memory.map(\.pss)
        return .object([
            ("clerks", .int(Int64(clerks))), ("ready", .int(Int64(ready))),
            ("totalPssMB", r(pss.reduce(0, +))), ("pssMBEach", r(pss.sorted().dropFirst(pss.count / 2).first ?? 0)),
            ("privateMBEach", r(memory.map(\.privateMB).sorted().dropFirst(memory.count / 2).first ?? 0)),
            ("rssMBEach", r(memory.map(\.rss).sorted().dropFirst(memory.count / 2).first ?? 0)),
            ("allReadyMs", r(readyMs)), ("load1", .double(Spawn.loadAverage())),
        ])
    }
}
