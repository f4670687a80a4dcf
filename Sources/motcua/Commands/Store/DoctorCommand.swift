import ArgumentParser
import MotCuaCore
import MotCuaStore
import MotCuaSync

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Kiểm tra máy chủ và kho: locale, terminal, quyền và nhóm, hệ thống tệp, dung lượng, lịch nghỉ, nhật ký.",
        discussion: """
        Không sửa gì (chỉ mở kho như mọi lệnh khác): mỗi vấn đề in kèm một dòng lệnh để quản trị sửa. Mỗi cán bộ nên tự chạy \
        bằng tài khoản của mình (quyền truy cập được kiểm tra cho tài khoản đang chạy). Mã thoát 0 khi \
        không có lỗi (cảnh báo không tính), 1 khi có lỗi.
        """)

    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if store.actAs != nil {
            throw CLIError.badInput("doctor không dùng --as: hãy chạy bằng chính tài khoản cần kiểm tra")
        }
    }

    func run() throws {
        let today = Clock.system.now.date
        let storeDoctor = StoreDoctor(path: store.directory, login: ProcessIdentity.login, year: today.year, month: today.month)
        let opened = try? Store.open(at: store.directory)
        let sync = opened.map { SyncDoctor.checks(store: $0, now: Clock.system.now) } ?? []
        let report = DoctorReport(checks: DoctorEnvironment.checks() + storeDoctor.run() + [BoundaryDoctor.check(store: store.directory)] + sync
                                  + [ScanDoctor.check(store: opened)])
        if output.json { Console.json(report.json) } else { print(report.text) }
        if !report.ok { throw ExitCode(1) }
    }
}
