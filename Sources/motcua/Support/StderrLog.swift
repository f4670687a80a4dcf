import Foundation
import MotCuaStore

/// While the screen is active, stderr goes to a log file in the store (a stray message would
/// otherwise scribble over the screen); afterwards the terminal gets its stderr back.
final class StderrLog {
    let path: String
    private var saved: Int32 = -1
    private var startSize: Int64 = 0

    init(path: String) { self.path = path }

    func start() {
        // Not through a link, and only into this user's own file: in a store shared by a group,
        // a colleague could have put a link to this user's ~/.bashrc here.
        let url = URL(fileURLWithPath: path)
        guard let fd = NoFollowFiles.openLog(directory: url.deletingLastPathComponent().path, name: url.lastPathComponent, mode: 0o660) else { return }
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
