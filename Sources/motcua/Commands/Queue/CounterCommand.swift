import ArgumentParser
import MotCuaCore
import MotCuaDesk
import MotCuaStore

struct CounterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "counter", abstract: "Các quầy của hàng đợi số: nhóm mỗi quầy gọi, cán bộ ngồi quầy.",
        subcommands: [Set.self, List.self, Remove.self], defaultSubcommand: List.self)

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Cấu hình một quầy (quản trị).")
        @Argument(help: "Số quầy (1–99).") var number: Int
        @Option(help: "Các nhóm quầy gọi, cách nhau bằng dấu phẩy (chữ cái hoặc tên); bỏ trống: mọi nhóm.") var groups: String = ""
        @Option(help: "Cán bộ ngồi quầy (tên đăng nhập).") var official: String?
        @OptionGroup var store: StoreSelection

        func validate() throws {
            guard (1...99).contains(number) else { throw CLIError.badInput("Số quầy \(number): phải từ 1 đến 99") }
        }

        func run() throws {
            let context = try StoreContext.open(store)
            let list = groups.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let all = try context.desk.configureCounter(number, groups: list, official: official, now: context.now)
            List.show(all, desk: context.desk)
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Bỏ một quầy (quản trị).")
        @Argument(help: "Số quầy.") var number: Int
        @OptionGroup var store: StoreSelection
        func run() throws {
            let context = try StoreContext.open(store)
            List.show(try context.desk.configureCounter(number, groups: [], official: nil, remove: true, now: context.now), desk: context.desk)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Các quầy và nhóm.")
        @OptionGroup var store: StoreSelection
        func run() throws {
            let context = try StoreContext.open(store)
            List.show(try context.desk.counters(), desk: context.desk)
            print("Nhóm: " + context.desk.queueGroups.map { "\($0.letter) \($0.name)" }.joined(separator: ", "))
        }

        static func show(_ counters: [CounterSetting], desk: Desk) {
            for c in counters {
                let serves = c.groups.isEmpty ? "mọi nhóm" : "nhóm " + c.groups.joined(separator: ",")
                print("Quầy \(c.number): \(serves)" + (c.official.map { " · \(desk.officials.name($0)) (\($0))" } ?? ""))
            }
        }
    }
}

import Foundation
