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
    @OptionGroup var store: StoreOptions

    func run() throws {
        let context = try StoreContext.open(store)
        var rng = SeededGenerator(seed: seed)
        var mine: [String] = []
        for i in 0..<count {
            let op = "\(opPrefix)-\(i)"
            var kind = "receive"
            var commit: Commit?
            if mix == "mixed", !mine.isEmpty, rng.chance(0.6) {
                let code = rng.pick(mine)
                try context.store.refresh()
                guard let d = context.store.summary(code: code) else { continue }
                let command: DossierCommand
                switch d.state {
                case .received: command = .transfer(department: "VP", official: nil)
                case .inProgress: command = rng.chance(0.3) ? .requestSupplement(reason: "Thiếu giấy", documents: []) : .resultReady(note: nil)
                case .awaitingSupplement: command = .supplementReceived
                case .resultReady: command = .returnResult(.applicant)
                default: continue
                }
                kind = command.action.rawValue
                do {
                    commit = try context.store.perform(command, on: code, expectedVersion: d.version, actor: context.actor, op: op, now: Clock.system.now)
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
}
