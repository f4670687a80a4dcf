import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaStore

/// `motcua check --head` and `--against HEADFILE`: the chain's head for publishing outside the
/// store, and the proof that the journal still extends a head published earlier (Docs/SECURITY.md).
enum CheckHead {
    static func printHead(_ store: Store, json: Bool) throws {
        let head = try store.chainHead(at: try Clock.current().now)
        if json {
            Console.json(head.json)
        } else {
            print("Đầu chuỗi nhật ký kho \(head.agency) lúc \(head.at.iso8601): seq \(head.seq), mã băm \(head.hash)")
            for month in head.months { print("  \(month.segment): seq cuối \(month.seq), mã băm \(month.hash)") }
        }
    }

    /// Exit 0 when the journal extends the head, 1 when it does not (where it diverges is said),
    /// 2 when the file is not a head file (its path and why).
    static func compare(_ store: Store, headFile: String, json: Bool) throws {
        guard let data = UserFile.contents(atPath: headFile) else { throw CLIError.badInput("Không đọc được tệp đầu chuỗi \(headFile)") }
        let head: ChainHead
        do { head = try ChainHead(json: data) } catch { throw CLIError.badInput("Tệp \(headFile): \(error.description)") }
        let result = try store.compare(with: head)
        if json {
            Console.json(.object([("ok", .bool(result.ok)), ("headSeq", .int(head.seq)), ("lastSeq", .int(result.currentSeq)),
                                  ("findings", .array(result.findings.map(JSONText.string)))]))
        } else {
            for finding in result.findings { print(result.ok ? "Khớp: \(finding)" : "KHÔNG KHỚP: \(finding)") }
        }
        if !result.ok { throw ExitCode(1) }
    }
}
