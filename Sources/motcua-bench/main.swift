import Foundation
import MotCuaCore
import MotCuaDesk
import MotCuaStore
import MotCuaTUI
import TerminalUI

/// `motcua-bench`: builds (or reuses) a store of N dossiers over five years and prints one JSON
/// document of timings. Run it release-built: `swift run -c release motcua-bench [N] [--data DIR]`.
/// The measurements that need a fresh process (open, first frame) run in a child copy of itself.

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.contains("--help") || arguments.contains("-h") {
    print("""
    motcua-bench — đo thời gian của motcua trên một kho N hồ sơ (năm năm), in một tài liệu JSON.
    Chạy bản release: swift run -c release motcua-bench [N] [--data THƯ_MỤC] [--generate-only]
      N                 số hồ sơ (mặc định 500000); tạo kho lần đầu mất vài phút
      --data THƯ_MỤC    kho dùng lại hoặc tạo mới (mặc định: $TMPDIR/motcua-bench-N)
      --generate-only   chỉ tạo kho, không đo
      --agency MÃ --seed S  mã cơ quan và hạt giống của kho mới (nhiều trung tâm cho phép đo cấp tỉnh)
      --cli             đo thêm các lệnh motcua (show, list, report, overdue, check) như tiến trình riêng
      --cli-runs N      số lần chạy mỗi lệnh (mặc định 3); --check-runs N cho check (mặc định 1)
      --clerks K        mở K ứng dụng không màn hình cùng lúc, cộng PSS của chúng
      --skip-app        bỏ phần đo ứng dụng (khung đầu, lọc, ghi 1.000 hồ sơ)
      --motcua ĐƯỜNG_DẪN  tệp motcua để đo (mặc định: cạnh motcua-bench)
      --help            in trợ giúp này
    Xem Docs/PERFORMANCE.md.
    """)
    exit(0)
}

func value(_ flag: String) -> String? {
    guard let i = arguments.firstIndex(of: flag), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

func milliseconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
}

func percentile(_ samples: [Double], _ p: Double) -> Double {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded(.up)))]
}

func residentMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kb / 1024
}

func directoryMB(_ path: String) -> Double {
    let files = (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []
    let bytes = files.reduce(0) { total, name in
        total + ((try? FileManager.default.attributesOfItem(atPath: "\(path)/\(name)")[.size] as? Int) ?? 0)
    }
    return Double(bytes) / 1_048_576
}

func round1(_ x: Double) -> JSONText { .double((x * 10).rounded() / 10) }

let benchNow = Instant(iso8601: value("--now") ?? "2026-11-27T10:00:00+07:00")!
let login = "bench"

func actor(_ store: Store) throws -> Actor { try store.actor(login: login, terminal: "bench") }

// MARK: - Child: a fresh process opening the store and drawing the first frame

if arguments.first == "--child" {
    let path = value("--data")!
    let start = DispatchTime.now()
    let store = try Store.open(at: path, history: .mapped)
    let openMs = milliseconds(since: start)
    let backend = InMemoryBackend(size: Size(width: 80, height: 24))
    let desk = Desk(store: store, actor: try actor(store))
    let app = App(desk: desk, backend: backend, clock: { benchNow })
    app.renderFrame()                                       // what `step` draws before reading keys or loading history
    let firstFrameMs = milliseconds(since: start)
    print("READY \(openMs) \(firstFrameMs)")
    fflush(nil)
    if arguments.contains("--open-only") { exit(0) }
    let historyStart = DispatchTime.now()
    store.loadHistory()
    let historyMs = milliseconds(since: historyStart)
    backend.press(.character("8"))                          // the "all" view: every dossier of five years
    app.step(timeoutMs: 0)
    // Filter keystrokes: "nguyen van", one character at a time, key to rendered frame; five runs.
    var samples: [Double] = []
    for _ in 0..<5 {
        backend.press(.character("/"))
        app.step(timeoutMs: 0)
        for c in "nguyen van" {
            backend.press(.character(c))
            let t = DispatchTime.now()
            app.step(timeoutMs: 0)                  // reads the key, updates, reloads the queue
            backend.present(render(app.state, app.env))
            samples.append(milliseconds(since: t))
        }
        backend.press(.escape)
        app.step(timeoutMs: 0)
    }
    if arguments.contains("--query-only") {                 // the desk's queue query alone, without the key loop and the frame
        let fresh = Desk(store: store, actor: try actor(store))
        for text in ["n", "ng", "ngu", "nguy", "nguyen", "nguyen v", "nguyen van"] {
            let t = DispatchTime.now()
            let data = fresh.queue(QueueRequest(view: .all, filter: text, now: benchNow))
            print(text, String(format: "typing %.1f", milliseconds(since: t)), data.rows.count)
        }
    }
    if arguments.contains("--filter-only") {
        print(samples.map { String(format: "%.1f", $0) }.joined(separator: " "))
        exit(0)
    }
    let clock = DeadlineClock(now: benchNow, calendar: store.calendar)
    var scans: [Double] = []
    for _ in 0..<7 {
        let t = DispatchTime.now()                          // what the cron job does after opening
        _ = try desk.overdue(at: benchNow)
        scans.append(milliseconds(since: t))
    }
    let rss = residentMB()                                  // the app's state after the filter, before the bench's own lists
    let openSummaries = store.openSummaries
    let overdue = OverdueReport.make(summaries: openSummaries, clock: clock, catalogue: store.catalogue, officialNames: [:])
    let open = openSummaries.filter { $0.state != .resultReady }.count
    // Commits: 1,000 durable receives.
    var commits: [Double] = []
    var rng = SeededGenerator(seed: 99)
    let who = try actor(store)
    for _ in 0..<1000 {
        let intake = Intake(procedureCode: "1.012787", applicant: NameBank.person(using: &rng))   // 23 working days: later runs find the same due lists
        let t = DispatchTime.now()
        try store.receive(intake, actor: who, now: benchNow)
        commits.append(milliseconds(since: t))
    }
    print(JSONText.object([
        ("filterKeystrokeMsP50", round1(percentile(samples, 0.5))), ("filterKeystrokeMsP99", round1(percentile(samples, 0.99))),
        ("overdueScanMs", round1(percentile(scans, 0.5))), ("commitMsP50", round1(percentile(commits, 0.5))),
        ("commitMsP99", round1(percentile(commits, 0.99))), ("rssMB", round1(rss)),
        ("open", .int(Int64(open))), ("overdue", .int(Int64(overdue.overdue.count))), ("historyMs", round1(historyMs)),
    ]).compact)
    exit(0)
}

// MARK: - Clerk: one headless app kept open (for `--clerks`), history loaded as the app does after its first frame

if arguments.first == "--clerk" {
    let store = try Store.open(at: value("--data")!, history: .mapped)
    let backend = InMemoryBackend(size: Size(width: 80, height: 24))
    let app = App(desk: Desk(store: store, actor: try actor(store)), backend: backend, clock: { benchNow })
    app.renderFrame()
    store.loadHistory()
    app.step(timeoutMs: 0)
    print("READY")
    fflush(nil)
    while readLine() != nil {}                               // until the parent closes our stdin
    exit(0)
}

// MARK: - Snapshot: the store's index written by this version (a store generated by an older one
// lacks the per-year closing times `report` uses to skip years)

if arguments.first == "--snapshot" {
    let store = try Store.open(at: value("--data")!, history: .all)
    try store.checkpoint(replacingSameSeq: true)
    exit(0)
}

// MARK: - Parent: generate or reuse, then measure in a child

let count = arguments.first.flatMap { Int($0) } ?? 500_000
let directory = value("--data") ?? "\(FileManager.default.temporaryDirectory.path)/motcua-bench-\(count)"
var generatedMs: Double?
if !FileManager.default.fileExists(atPath: "\(directory)/FORMAT") {
    let start = DispatchTime.now()
    // Several centres for the province measurements: each its own agency code and its own dossiers.
    let agency = value("--agency")
    var config = StoreConfig(agency: agency ?? "000.00.xx.H57", name: "Trung tâm PVHCC (benchmark\(agency.map { " \($0)" } ?? ""))", training: true,
                             createdAt: Instant(date: benchNow.date.adding(days: -5 * 365)))
    config.fileMode = "0660"
    let store = try Store.create(at: directory, config: config, admin: User(login: login, name: "Benchmark", role: .admin))
    let admin = try actor(store)
    for member in DemoStaff.members {
        try store.addUser(User(login: member.login, name: member.name, role: member.role, department: member.department),
                          actor: admin, now: config.createdAt)
    }
    var options = DemoGenerator.Options(count: count, seed: value("--seed").flatMap { UInt64($0) } ?? 2026, start: config.createdAt, end: benchNow)
    options.stalledShare = 0.01
    FileHandle.standardError.write(Data("generating \(count) dossiers into \(directory)…\n".utf8))
    try store.importPlan(DemoGenerator(options: options, catalogue: store.catalogue, calendar: store.calendar), actor: admin) { n in
        if n % 500_000 == 0 { FileHandle.standardError.write(Data("  \(n) journal lines\n".utf8)) }
    }
    generatedMs = milliseconds(since: start)
}
if arguments.contains("--generate-only") {              // keep a pristine copy: every measuring run adds 1,000 receipts
    print(JSONText.object([("dossiers", .int(Int64(count))), ("data", .string(directory)),
                           ("generatedMs", round1(generatedMs ?? 0))]).compact)
    exit(0)
}

// Whole-process parts first: they spawn with posix_spawn and reap with wait4 themselves.
let benchPath = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
var extraParts: [(String, JSONText)] = []
if arguments.contains("--cli") {
    let motcua = value("--motcua") ?? URL(fileURLWithPath: benchPath).deletingLastPathComponent().appendingPathComponent("motcua").path
    let snapshot = Spawn.run(benchPath, ["--snapshot", "--data", directory], environment: [:])
    FileHandle.standardError.write(Data("index snapshot rewritten by this version: \(Int(snapshot.wallMs)) ms (exit \(snapshot.exitStatus))\n".utf8))
    FileHandle.standardError.write(Data("timing motcua commands (\(motcua))…\n".utf8))
    extraParts.append(("cli", CLIBench.figures(motcua: motcua, directory: directory, now: benchNow.iso8601,
                                               runs: value("--cli-runs").flatMap(Int.init) ?? 3,
                                               checkRuns: value("--check-runs").flatMap(Int.init) ?? 1,
                                               skip: Set((value("--cli-skip") ?? "").split(separator: ",").map(String.init)))))
}
if let clerks = value("--clerks").flatMap(Int.init), clerks > 0 {
    FileHandle.standardError.write(Data("opening \(clerks) headless apps…\n".utf8))
    extraParts.append(("clerks", ClerksBench.figures(bench: benchPath, directory: directory, now: benchNow.iso8601, clerks: clerks)))
}
if arguments.contains("--skip-app") {
    var pairs: [(String, JSONText)] = [("dossiers", .int(Int64(count))), ("data", .string(directory)),
                                       ("journalMB", round1(directoryMB("\(directory)/journal"))), ("indexMB", round1(directoryMB("\(directory)/index")))]
    if let generatedMs { pairs.append(("generatedMs", round1(generatedMs))) }
    print(JSONText.object(pairs + extraParts).compact)
    exit(0)
}

// The child measures; the parent times it from spawn to READY, as a clerk's SSH login would feel it.
let child = Process()
child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
child.arguments = ["--child", "--data", directory, "--now", benchNow.iso8601]
let pipe = Pipe()
child.standardOutput = pipe
let spawned = DispatchTime.now()
try child.run()
var output = Data()
var readyAt: Double?
while true {
    let chunk = pipe.fileHandleForReading.availableData
    if chunk.isEmpty { break }
    output.append(chunk)
    if readyAt == nil, String(decoding: output, as: UTF8.self).contains("\n") { readyAt = milliseconds(since: spawned) }
}
child.waitUntilExit()
let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
guard lines.count >= 2, lines[0].hasPrefix("READY") else {
    FileHandle.standardError.write(Data("the measuring child failed: \(lines)\n".utf8))
    exit(1)
}
let ready = lines[0].split(separator: " ").compactMap { Double($0) }
let childResult = (try? JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]) ?? [:]
@MainActor func number(_ key: String) -> JSONText { .double(childResult[key] as? Double ?? Double(childResult[key] as? Int ?? 0)) }
let spawnOverhead = (readyAt ?? 0) - (ready.count == 2 ? ready[1] : 0)
var pairs: [(String, JSONText)] = [
    ("dossiers", .int(Int64(count))),
    ("openMs", round1(ready[0] + spawnOverhead)), ("firstFrameMs", round1(readyAt ?? 0)),
    ("filterKeystrokeMsP50", number("filterKeystrokeMsP50")), ("filterKeystrokeMsP99", number("filterKeystrokeMsP99")),
    ("overdueScanMs", number("overdueScanMs")), ("commitMsP50", number("commitMsP50")), ("commitMsP99", number("commitMsP99")),
    ("rssMB", number("rssMB")), ("journalMB", round1(directoryMB("\(directory)/journal"))), ("indexMB", round1(directoryMB("\(directory)/index"))),
    ("openDossiers", number("open")), ("overdueDossiers", number("overdue")), ("historyLoadMs", number("historyMs")),
    ("data", .string(directory)),
]
if let generatedMs { pairs.append(("generatedMs", round1(generatedMs))) }
print(JSONText.object(pairs + extraParts).compact)
