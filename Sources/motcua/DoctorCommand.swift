import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaStore
import NcursesBackend

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Kiểm tra máy chủ và kho: locale, terminal, quyền và nhóm, hệ thống tệp, dung lượng, lịch nghỉ, nhật ký.",
        discussion: """
        Không sửa gì (chỉ mở kho như mọi lệnh khác): mỗi vấn đề in kèm một dòng lệnh để quản trị sửa. Mỗi cán bộ nên tự chạy \
        bằng tài khoản của mình (quyền truy cập được kiểm tra cho tài khoản đang chạy). Mã thoát 0 khi \
        không có lỗi (cảnh báo không tính), 1 khi có lỗi.
        """)

    @OptionGroup var store: StoreOptions

    func run() throws {
        if store.actAs != nil {
            throw CLIError.badInput("doctor không dùng --as: hãy chạy bằng chính tài khoản cần kiểm tra")
        }
        let storeDoctor = StoreDoctor(path: store.directory, login: ProcessIdentity.login, year: Clock.system.now.date.year)
        let report = DoctorReport(checks: DoctorEnvironment.checks() + storeDoctor.run())
        if store.json { Console.json(report.json) } else { print(report.text) }
        if !report.ok { throw ExitCode(1) }
    }
}

/// Gathers the facts about this process's locale and terminal for `EnvironmentDoctor`.
enum DoctorEnvironment {
    static func checks() -> [DoctorCheck] {
        let env = Environment.values
        func value(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        // LC_ALL overrides LC_CTYPE, which overrides LANG.
        let variable = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { name in value(name).map { (name: name, value: $0) } }.first
        let locale = TerminalProbe.locale()
        var checks = [EnvironmentDoctor.locale(.init(variable: variable, accepted: locale.accepted, codeset: locale.codeset,
                                                     fallbackAvailable: locale.fallbackAvailable))]
        let facts = value("TERM").map { term in
            let found = TerminalProbe.capabilities(of: term)
            return EnvironmentDoctor.TerminalFacts(term: term, lookup: lookup(found.lookup), cursorAddressing: found.cursorAddressing,
                                                   colors: found.colors, missingFunctionKeys: found.missingFunctionKeys)
        }
        checks += EnvironmentDoctor.terminal(facts, isTTY: isatty(0) == 1 && isatty(1) == 1)
        // stdout first; through a pipe (`motcua doctor | less`) the terminal is still on stdin or stderr.
        let size = [1, 0, 2].lazy.compactMap { TerminalProbe.windowSize(fd: $0) }.first
        checks.append(EnvironmentDoctor.size(columns: size?.columns, rows: size?.rows))
        return checks
    }

    private static func lookup(_ value: TerminalProbe.Capabilities.Lookup) -> EnvironmentDoctor.TerminalFacts.Lookup {
        switch value {
        case .found: return .found
        case .notFound: return .notFound
        case .noDatabase: return .noDatabase
        case .hardcopy: return .hardcopy
        }
    }
}
