import Foundation

/// While the screen is active, stderr goes to a log file in the store (a stray message would
/// otherwise scribble over the screen); afterwards the terminal gets its stderr back.
final class StderrLog {
    let path: String
    private var saved: Int32 = -1
    private var startSize: Int64 = 0

    init(path: String) { self.path = path }

    func start() {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o660)
        guard fd >= 0 else { return }
        startSize = Int64(lseek(fd, 0, SEEK_END))
        saved = dup(2)
        dup2(fd, 2)
        close(fd)
    }

    func stop() {
        guard saved >= 0 else { return }
        dup2(saved, 2)
        close(saved)
        saved = -1
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        if size > startSize { Console.error("motcua đã ghi thông báo lỗi vào \(path)") }
    }
}
