import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaStore

/// Which holiday schedule the calendar commands count with: a store's own `calendar/holidays.json`
/// (and its sessions and deadline model) when there is a store, the shipped schedule otherwise.
struct CalendarSource: ParsableArguments {
    @Option(name: .customLong("data"), help: "Kho có lịch nghỉ riêng (mặc định: biến MOTCUA_DATA, rồi kho trong /etc/motcua/motcua.conf hoặc /var/lib/motcua nếu có kho; không có kho thì dùng lịch đóng gói).")
    var data: String?

    func calendar() throws -> WorkCalendar {
        if let directory = data ?? Environment.dataDirectory { return try Store.workCalendar(at: directory) }
        let fallback = Installation.storeDirectory
        guard FileManager.default.fileExists(atPath: "\(fallback)/FORMAT") else { return WorkCalendar() }
        return try Store.workCalendar(at: fallback)
    }
}
