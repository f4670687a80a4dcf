import ArgumentParser
import MotCuaCore
import MotCuaDesk
import MotCuaStore

struct TicketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket", abstract: "Cấp số thứ tự cho công dân (như máy lấy số): số theo ngày và nhóm, ví dụ A012.")

    @Option(help: "Nhóm (lĩnh vực): chữ cái (A) hoặc tên không dấu (\"ho tich\"); xem motcua queue.") var group: String
    @Flag(help: "Ưu tiên (người cao tuổi, người khuyết tật, phụ nữ có thai): được gọi trước.") var priority = false
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions
    @Option(name: .customLong("op"), help: "Khóa thao tác (idempotency): bấm lại cùng khóa không cấp thêm số.") var op: String?

    func validate() throws {
        if group.trimmingCharacters(in: .whitespaces).isEmpty { throw CLIError.badInput("--group: chưa chọn nhóm") }
    }

    func run() throws {
        let context = try StoreContext.open(store)
        let commit = try context.desk.issueTicket(group: group, priority: priority, op: op, now: context.now)
        if output.json {
            QueueText.printCommit(commit, json: true, done: "")
        } else {
            let waiting = commit.day.waiting(groups: [commit.entry.event.group ?? ""]).count - 1
            print("Số \(commit.entry.event.number) — \(commit.entry.event.groupName ?? "")\(priority ? " (ưu tiên)" : "") — "
                  + "lấy lúc \(commit.entry.at.clockText); \(max(0, waiting)) người chờ trước")
        }
    }
}

import Foundation
