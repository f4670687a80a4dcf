import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaStore

/// A clerk process in a loop, for the multi-process and crash tests (hidden from help).
/// Every command takes the real write path (lock, catch-up, append, fdatasync) and is printed
/// as `ACK <op> <code> <kind>` only after it is durable, so a test can check nothing acknowledged is lost.
struct StressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress", abstract: "Vòng lặp ghi dùng cho kiểm thử đa tiến trình.", shouldDisplay: false)

    @Option(help: "Số lệnh.") var count = 100
    @Option(help: "receive: chỉ tiếp nhận; mixed: tiếp nhận, chuyển, bổ sung, trả.") var mix = "receive"
    @Option(name: .customLong("op-prefix"), help: "Tiền tố khóa thao tác.") var opPrefix = "stress"
    @Option(help: "Hạt giống ngẫu nhiên.") var seed: UInt64 = 1
    @Flag(help: "Chỉ đọc: làm mới liên tục cho đến khi có tệp --stop-file, rồi in DIGEST.") var reader = false
    @Option(name: .customLong("stop-file")) var stopFile: String?
    @Flag(help: "Mở kho mới rồi in DIGEST.") var digest = false
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try StoreContext.open(store)
        if digest {
            print("DIGEST \(Self.digest(context.store))")
            return
        }
        if reader {
            // A long-running clerk session: one open, then only incremental refreshes.
            var refreshes = 0
            while !FileManager.default.fileExists(atPath: stopFile ?? "") {
                try context.store.refresh()
                refreshes += 1
                usleep(20_000)
            }
            try context.store.refresh()
            print("REFRESHES \(refreshes)")
            print("DIGEST \(Self.digest(context.store))")
            return
        }
        var rng = SeededGenerator(seed: seed)
        var mine: [String] = []
        for i in 0..<count {
            let op = "\(opPrefix)-\(i)"
            var kind = "receive"
            var commit: Commit?
            // Every turn issues exactly one command: an action on one of this clerk's open
            // dossiers when the dice say so and there is one, a receipt otherwise.
            var planned: (code: String, version: Int, command: DossierCommand)?
            if mix == "mixed", !mine.isEmpty, rng.chance(0.6) {
                let code = rng.pick(mine)
                try context.store.refresh()
                if let d = context.store.summary(code: code), let command = Self.nextCommand(for: d.state, using: &rng) {
                    planned = (code, d.version, command)
                } else {
                    mine.removeAll { $0 == code }                   // closed: pick among the others next time
                }
            }
            if let (code, version, command) = planned {
                kind = command.action.rawValue
                do {
                    commit = try context.store.perform(command, on: code, expectedVersion: version, actor: context.actor, op: op, now: Clock.system.now)
                } catch StoreError.conflict {
                    print("CONFLICT \(op) \(code)")
                    continue
                }
            } else {
                let person = NameBank.person(using: &rng)
                let intake = Intake(procedureCode: "1.004873", applicant: person)
                commit = try context.store.receive(intake, actor: context.actor, op: op, now: Clock.system.now)
                if let commit { mine.append(commit.code) }
            }
            if let commit {
                print("ACK \(op) \(commit.code) \(kind)\(commit.replayed ? " replayed" : "")")
                fflush(nil)
            }
        }
    }

    static func nextCommand(for state: DossierState, using rng: inout SeededGenerator) -> DossierCommand? {
        switch state {
        case .received: return .transfer(department: "VP", official: nil)
        case .inProgress: return rng.chance(0.3) ? .requestSupplement(reason: "Thiếu giấy", documents: []) : .resultReady(note: nil)
        case .awaitingSupplement: return .supplementReceived
        case .resultReady: return .returnResult(.applicant)
        default: return nil
        }
    }

    /// Everything a clerk sees of every dossier, hashed: two processes agree iff their states do.
    static func digest(_ store: Store) -> String {
        let lines = store.summaries.sorted { $0.code < $1.code }.map { d in
            [d.code, String(d.version), d.state.rawValue, d.holder.department, d.holder.official ?? "", d.due.iso8601,
             d.closedAt?.iso8601 ?? "", d.lastBy, String(d.supplementCount)].joined(separator: "|")
        }
        return "\(lines.count):" + SHA256.hex(SHA256.hash(lines.joined(separator: "\n")))
    }
}
