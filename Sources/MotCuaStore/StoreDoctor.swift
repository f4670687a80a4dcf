import Foundation
import MotCuaCore

/// The store half of `motcua doctor`: format, permissions and group, who may write, the file
/// system and its free space, the journal, and the holiday calendar for this year and the next.
/// It repairs nothing (opening the store may refresh the derived index, as any command's open
/// does): every problem comes with the command that fixes it.
public struct StoreDoctor {
    public let path: String
    /// The OS account running the check (the one whose access is tested).
    public var login: String?
    /// The calendar is checked for this year and the next.
    public var year: Int
    public var month: Int
    public var fs: FileSystem
    public var system: DoctorSystem

    /// `month`: from November on, a next year without an official schedule is a warning (the
    /// government publishes it late in the year); before, it is only noted.
    public init(path: String, login: String?, year: Int, month: Int = 12, fs: FileSystem = PosixFileSystem(), system: DoctorSystem = .current) {
        self.path = path
        self.login = login
        self.year = year
        self.month = month
        self.fs = fs
        self.system = system
    }

    /// One file or directory of the store.
    struct Entry {
        let path: String
        /// Relative to the store root; empty for the root itself.
        let relative: String
        let status: FileStatus

        var permissions: UInt32 { status.mode & 0o7777 }
        var isDirectory: Bool { status.isDirectory }
        /// Sealed journal months are made read-only on purpose: they need group read, not write.
        var isReadOnly: Bool { !isDirectory && status.mode & 0o222 == 0 }
        /// Files only their owner writes (each official's log, printed forms).
        var isPersonal: Bool { !isDirectory && (relative.hasPrefix("logs/") || relative.hasPrefix("output/")) }
    }

    var files: StoreFiles { StoreFiles(root: path) }
    var quotedPath: String { ShellText.quoted(path) }

    public func run() -> [DoctorCheck] {
        let (format, usable) = formatCheck()
        guard usable else { return [format, fileSystemCheck(), spaceCheck()] }
        let config = try? JSONFiles(fs: fs).read(StoreConfig.self, at: files.config)
        let entries = walk()
        let (journal, store) = journalCheck()
        let (group, gid) = groupCheck(config: config, entries: entries)
        var checks = [format, journal, permissionsCheck(entries), group]
        checks.append(modesCheck(entries, groupConfigured: gid != nil))
        checks.append(accessCheck(entries, group: config?.group, gid: gid))
        checks.append(usersCheck())
        checks.append(fileSystemCheck())
        checks.append(spaceCheck())
        let calendar = store?.calendar ?? WorkCalendar()
        checks += [year, year + 1].map { calendarCheck(calendar, year: $0) }
        return checks
    }

    // MARK: - Format and journal

    func formatCheck() -> (DoctorCheck, Bool) {
        let initFix = "motcua init --data \(quotedPath) --agency MÃ_CƠ_QUAN --name \"Tên bộ phận một cửa\" --group motcua"
        let root: FileStatus?
        do { root = try fs.stat(path) } catch {
            return (DoctorCheck("store.format", .failure, "Không đọc được thư mục kho: \(error)",
                                fix: "ls -ld \(quotedPath)   # xem chủ, nhóm và quyền của các thư mục cha"), false)
        }
        guard let root, root.isDirectory else {
            return (DoctorCheck("store.format", .failure, "Không có thư mục kho \(path)",
                                fix: "install -d -m 2770 -g motcua \(quotedPath) && \(initFix)"), false)
        }
        // Someone outside the store's group can see the directory but not into it.
        let joinFix = "usermod -aG \(ShellText.quoted(system.groupName(root.group) ?? "motcua")) \(ShellText.quoted(login ?? "LOGIN"))   # rồi đăng xuất và đăng nhập lại"
        if !system.isRoot && !system.accessible(path, false, true) {
            return (DoctorCheck("store.format", .failure,
                                "Tài khoản \(login ?? "này") không vào được thư mục kho \(path) (quyền \(Self.octal(root.mode & 0o7777)))",
                                fix: joinFix), false)
        }
        let format: FormatFile?
        do { format = try JSONFiles(fs: fs).read(FormatFile.self, at: files.format) } catch StoreError.io(let e) where e.code == EACCES {
            return (DoctorCheck("store.format", .failure, "\(e)", fix: joinFix), false)
        } catch {
            return (DoctorCheck("store.format", .failure, "\(error)",
                                fix: "khôi phục \(ShellText.quoted(files.format)) từ bản sao lưu (nội dung: {\"store\":\"motcua\",\"format\":1})"), false)
        }
        guard let format else {
            return (DoctorCheck("store.format", .failure, "\(path) chưa phải kho motcua (thiếu tệp FORMAT)", fix: initFix), false)
        }
        guard format.store == "motcua" else {
            return (DoctorCheck("store.format", .failure, "\(files.format): không phải kho motcua (\"store\": \"\(format.store)\")",
                                fix: "dùng --data hoặc MOTCUA_DATA chỉ đúng thư mục kho motcua"), false)
        }
        guard format.format <= StoreFiles.formatVersion else {
            return (DoctorCheck("store.format", .failure,
                                "Kho \(path) có định dạng \(format.format), mới hơn bản motcua này (hỗ trợ \(StoreFiles.formatVersion))",
                                fix: "install -m 755 .build/release/motcua /usr/local/bin/motcua.new && mv /usr/local/bin/motcua.new /usr/local/bin/motcua   # bản mới hơn"), false)
        }
        return (.ok("store.format", "Kho \(path): định dạng \(format.format)"), true)
    }

    func journalCheck() -> (DoctorCheck, Store?) {
        let fix = "motcua check --data \(quotedPath)"
        let store: Store
        do { store = try Store.open(at: path, fs: fs) } catch {
            let specific: String? = switch error as? StoreError {
            case .invalidFile(let file, _): "sửa \(ShellText.quoted(file)) hoặc khôi phục tệp từ bản sao lưu"
            case .insecurePermissions(let file, _): "chmod o-w \(ShellText.quoted(file))"
            default: nil
            }
            return (DoctorCheck("store.journal", .failure, "Không mở được kho: \(error)", fix: specific ?? fix), nil)
        }
        if !store.readOnlyDamage.isEmpty {
            return (DoctorCheck("store.journal", .failure,
                                "Tệp nhật ký đang dùng bị hỏng, kho chỉ cho xem, không cho ghi: \(Self.list(store.readOnlyDamage.map(\.description)))",
                                fix: fix), store)
        }
        if !store.damage.isEmpty {
            return (DoctorCheck("store.journal", .failure,
                                "Nhật ký có \(store.damage.count) chỗ hỏng: \(Self.list(store.damage.map(\.description)))", fix: fix), store)
        }
        let notices = store.notices.isEmpty ? "" : "; \(store.notices.joined(separator: "; "))"
        return (.ok("store.journal", "Nhật ký đọc được: \(store.dossierCount) hồ sơ, seq cuối \(store.lastSeq)\(notices)"), store)
    }

    // MARK: - Permissions

    /// Every file and directory under the store (bounded, in case of a symlink loop).
    func walk() -> [Entry] {
        guard let root = try? fs.stat(path) else { return [] }
        var entries = [Entry(path: path, relative: "", status: root)]
        var pending: [(dir: String, relative: String, depth: Int)] = [(path, "", 0)]
        while let next = pending.popLast(), entries.count < 50_000 {
            for name in (try? fs.listDirectory(next.dir)) ?? [] {
                let child = "\(next.dir)/\(name)", relative = next.relative.isEmpty ? name : "\(next.relative)/\(name)"
                guard let status = try? fs.stat(child) else { continue }
                entries.append(Entry(path: child, relative: relative, status: status))
                if status.isDirectory && next.depth < 4 { pending.append((child, relative, next.depth + 1)) }
            }
        }
        return entries
    }

    func permissionsCheck(_ entries: [Entry]) -> DoctorCheck {
        let open = entries.filter { $0.permissions & 0o002 != 0 }
        guard let first = open.first else {
            return .ok("store.permissions", "Không tệp hay thư mục nào cho mọi người ghi (\(entries.count) mục)")
        }
        let named = open.map { "\($0.path) (\(Self.octal($0.permissions)))" }
        return DoctorCheck("store.permissions", .failure,
                           "\(Self.list(named)) cho mọi người ghi: ai có tài khoản trên máy cũng sửa được dữ liệu",
                           fix: open.count == 1 ? "chmod o-w \(ShellText.quoted(first.path))" : "chmod -R o-w \(quotedPath)")
    }

    func groupCheck(config: StoreConfig?, entries: [Entry]) -> (DoctorCheck, UInt32?) {
        guard let name = config?.group else {
            return (DoctorCheck("store.group", .warning,
                                "config.json không khai báo nhóm Unix: kho dùng chung cho nhiều cán bộ nên thuộc một nhóm (ví dụ motcua)",
                                fix: "thêm \"group\": \"motcua\" vào \(ShellText.quoted(files.config)) rồi: chgrp -R motcua \(quotedPath)"), nil)
        }
        let group = ShellText.quoted(name)
        guard let gid = system.groupID(name) else {
            return (DoctorCheck("store.group", .failure, "Nhóm \(name) (khai báo trong config.json) không tồn tại trên máy",
                                fix: "groupadd \(group) && chgrp -R \(group) \(quotedPath)"), nil)
        }
        let foreign = entries.filter { $0.status.group != gid }
        guard foreign.isEmpty else {
            return (DoctorCheck("store.group", .failure, "\(Self.list(foreign.map(\.path))) không thuộc nhóm \(name)",
                                fix: "chgrp -R \(group) \(quotedPath)"), gid)
        }
        return (.ok("store.group", "Mọi tệp của kho thuộc nhóm \(name) (gid \(gid))"), gid)
    }

    /// Directories 2770 (setgid: new files inherit the group), shared files 0660.
    func modesCheck(_ entries: [Entry], groupConfigured: Bool) -> DoctorCheck {
        let dirs = entries.filter(\.isDirectory)
        let closedDirs = dirs.filter { $0.permissions & 0o070 != 0o070 }
        let noSetgid = dirs.filter { $0.permissions & 0o2000 == 0 }
        let closedFiles = entries.filter { !$0.isDirectory && !$0.isReadOnly && !$0.isPersonal && $0.permissions & 0o060 != 0o060 }
        let unreadable = entries.filter { $0.isReadOnly && $0.permissions & 0o040 == 0 }
        let rootOpen = (entries.first?.permissions ?? 0) & 0o007 != 0
        var problems: [String] = [], fixes: [String] = []
        var status = DoctorCheck.Status.ok
        let groupSeverity: DoctorCheck.Status = groupConfigured ? .failure : .warning
        if !closedDirs.isEmpty || !noSetgid.isEmpty || rootOpen {
            if !closedDirs.isEmpty { problems.append("thư mục thiếu quyền nhóm rwx: \(Self.list(closedDirs.map(\.path)))") }
            if !noSetgid.isEmpty { problems.append("thư mục thiếu bit setgid: \(Self.list(noSetgid.map(\.path)))") }
            if rootOpen { problems.append("\(path) cho tài khoản ngoài nhóm truy cập (dữ liệu cá nhân của người nộp)") }
            status = max(status, closedDirs.isEmpty ? .warning : groupSeverity)
            fixes.append("find \(quotedPath) -type d -exec chmod 2770 {} +")
        }
        if !closedFiles.isEmpty {
            problems.append("tệp thiếu quyền nhóm đọc-ghi: \(Self.list(closedFiles.map(\.path)))")
            status = max(status, groupSeverity)
            fixes.append("find \(quotedPath) -type f -perm -u=w -exec chmod g+rw {} +")
        }
        if !unreadable.isEmpty {
            problems.append("tệp nhóm không đọc được: \(Self.list(unreadable.map(\.path)))")
            status = max(status, groupSeverity)
            fixes.append("find \(quotedPath) -type f -exec chmod g+r {} +")
        }
        guard status != .ok else {
            return .ok("store.modes", "Thư mục có quyền nhóm rwx và setgid, tệp dùng chung có quyền nhóm đọc-ghi (khuyến nghị 2770/0660)")
        }
        return DoctorCheck("store.modes", status, problems.joined(separator: "; ") + " (khuyến nghị: thư mục 2770, tệp 0660)",
                           fix: fixes.joined(separator: " && "))
    }

    func accessCheck(_ entries: [Entry], group: String?, gid: UInt32?) -> DoctorCheck {
        let who = login ?? "uid \(getuid())"
        let joinFix = group.map { "usermod -aG \(ShellText.quoted($0)) \(ShellText.quoted(login ?? "LOGIN"))   # rồi đăng xuất và đăng nhập lại" }
        if system.isRoot {
            return .ok("store.access", "Đang chạy bằng root: luôn đọc, ghi được; cán bộ vào kho qua motcua cài setgid nhóm \(group ?? "của kho") (không ai thuộc nhóm đó)")
        }
        if let gid, let group, !system.groups.contains(gid) {
            return DoctorCheck("store.access", .failure,
                               "Tài khoản \(who) không vào được kho: motcua chưa được cài setgid nhóm \(group) "
                               + "(chown root:\(group) motcua && chmod 2755 motcua, xem DEPLOYMENT.md §3), hoặc tài khoản chưa thuộc nhóm (cách cũ)",
                               fix: joinFix)
        }
        let denied = entries.filter { !$0.isPersonal && !system.accessible($0.path, !$0.isReadOnly, $0.isDirectory) }
        guard denied.isEmpty else {
            return DoctorCheck("store.access", .failure, "Tài khoản \(who) không đọc hoặc không ghi được: \(Self.list(denied.map(\.path)))",
                               fix: joinFix ?? "find \(quotedPath) -type d -exec chmod 2770 {} + && find \(quotedPath) -type f -perm -u=w -exec chmod g+rw {} +")
        }
        return .ok("store.access", "Tài khoản \(who) đọc, ghi được các tệp dùng chung của kho")
    }

    func usersCheck() -> DoctorCheck {
        let directory: UserDirectory
        do { directory = try JSONFiles(fs: fs).read(UserDirectory.self, at: files.users) ?? UserDirectory(users: []) } catch {
            return DoctorCheck("store.users", .failure, "\(error)", fix: "khôi phục \(ShellText.quoted(files.users)) từ bản sao lưu")
        }
        if !directory.rejected.isEmpty {
            return DoctorCheck("store.users", .failure, "\(files.users): \(Self.list(directory.rejected.map(\.reason)))",
                               fix: directory.rejected.compactMap(\.login).first.map { "motcua users add \(ShellText.quoted($0)) --name \"Họ và tên\" --role clerk" })
        }
        let orphans = directory.users.map(\.login).filter { !system.userExists($0) }
        let orphanNote = orphans.isEmpty ? "" : "; chưa có tài khoản hệ điều hành: \(Self.list(orphans))"
        let addAccount = orphans.first.map { "adduser --ingroup motcua \(ShellText.quoted($0))" }
        if system.isRoot {
            let finding = "Đang chạy bằng root: \(directory.users.count) người dùng trong users.json\(orphanNote)"
            return orphans.isEmpty ? .ok("store.users", finding) : DoctorCheck("store.users", .warning, finding, fix: addAccount)
        }
        guard let login else {
            return DoctorCheck("store.users", .warning, "Không xác định được tài khoản hệ điều hành đang chạy motcua",
                               fix: "chạy motcua bằng tài khoản cá nhân của cán bộ (ssh lan@máy-chủ)")
        }
        guard let user = directory.user(login) else {
            return DoctorCheck("store.users", .warning, "Tài khoản \(login) chưa có trong danh sách người dùng của kho\(orphanNote)",
                               fix: "motcua users add \(ShellText.quoted(login)) --name \"Họ và tên\" --role clerk   # quản trị chạy")
        }
        let finding = "Tài khoản \(login) có trong danh sách người dùng (\(user.role.vietnamese))\(orphanNote)"
        return orphans.isEmpty ? .ok("store.users", finding) : DoctorCheck("store.users", .warning, finding, fix: addAccount)
    }

    // MARK: - File system and space

    /// The store, or before `motcua init` the nearest directory above it that exists.
    var existingPath: String {
        var p = path
        while (try? fs.stat(p)) == nil, let slash = p.lastIndex(of: "/") {
            p = slash == p.startIndex ? "/" : String(p[..<slash])
        }
        return p.isEmpty ? "." : p
    }

    func fileSystemCheck() -> DoctorCheck {
        let where_ = existingPath
        guard let magic = system.fileSystemType(where_) else {
            return DoctorCheck("store.filesystem", .warning, "Không xác định được hệ thống tệp chứa \(where_)")
        }
        let move = "chuyển kho sang ổ đĩa cục bộ của máy chạy motcua (ext4 hoặc xfs); cán bộ ở xa dùng SSH vào máy đó"
        switch FileSystemKind(magic: magic) {
        case .local(let name):
            return .ok("store.filesystem", "Hệ thống tệp \(name): cục bộ, flock và ghi nối tin cậy được")
        case .caution(let name, let note):
            return DoctorCheck("store.filesystem", .warning, "Kho nằm trên \(name): \(note)", fix: move)
        case .refused(let name):
            return DoctorCheck("store.filesystem", .failure,
                               "Kho nằm trên \(name): khóa flock và ghi nối (O_APPEND) không tin cậy giữa các máy, nhật ký có thể hỏng",
                               fix: move)
        case .unknown:
            return DoctorCheck("store.filesystem", .warning,
                               "Hệ thống tệp lạ (statfs 0x\(String(magic, radix: 16, uppercase: true))): chưa kiểm chứng với motcua",
                               fix: "stat -f \(ShellText.quoted(where_))   # xem loại; nên dùng ext4 hoặc xfs")
        }
    }

    static let minimumFreeBytes: Int64 = 100 << 20
    static let comfortableFreeBytes: Int64 = 1 << 30

    func spaceCheck() -> DoctorCheck {
        let where_ = existingPath
        guard let bytes = system.availableBytes(where_) else {
            return DoctorCheck("store.space", .warning, "Không đọc được dung lượng trống của \(where_)")
        }
        let shown = Self.formatBytes(bytes)
        let fix = "du -xh --max-depth=2 \(ShellText.quoted(where_)) | sort -h | tail   # tìm thứ chiếm chỗ, rồi giải phóng hoặc mở rộng ổ"
        if bytes < Self.minimumFreeBytes {
            return DoctorCheck("store.space", .failure, "Chỉ còn \(shown) trống: sắp không lưu được hồ sơ (dưới 100 MB)", fix: fix)
        }
        if bytes < Self.comfortableFreeBytes {
            return DoctorCheck("store.space", .warning, "Còn \(shown) trống (dưới 1 GB)", fix: fix)
        }
        return .ok("store.space", "Còn \(shown) trống")
    }

    /// `523 MB`, `12,3 GB` (binary units, as `df -h`; Vietnamese decimal comma).
    static func formatBytes(_ bytes: Int64) -> String {
        if bytes < 1 << 30 { return "\(bytes >> 20) MB" }
        let tenths = (bytes * 10 + (1 << 29)) >> 30
        return "\(tenths / 10),\(tenths % 10) GB"
    }

    // MARK: - Calendar

    func calendarCheck(_ calendar: WorkCalendar, year: Int) -> DoctorCheck {
        let name = "calendar.\(year)"
        let target = ShellText.quoted(files.holidays)
        guard let holidays = calendar.holidays(in: year) else {
            return DoctorCheck(name, .warning, "Năm \(year) nằm ngoài khoảng lịch được hỗ trợ")
        }
        guard holidays.source == .official else {
            if year > self.year && month < 11 {
                return .ok(name, "Chưa có lịch nghỉ chính thức năm \(year) (thường công bố cuối năm; nhắc từ tháng 11)")
            }
            return DoctorCheck(name, .warning,
                               "Chưa có lịch nghỉ chính thức năm \(year): hạn trả đang tính theo Bộ luật Lao động (chưa có ngày nghỉ hoán đổi, làm bù)",
                               fix: "công bố lịch năm \(year) (quản trị): motcua calendar schedule add \(year) --legal-basis \"SỐ VĂN BẢN\" --off NGÀY[-NGÀY]=TÊN …, hoặc sao chép tệp lịch nghỉ chính thức (có năm \(year)) vào \(target)")
        }
        let unconfirmed = holidays.daysOff.filter(\.unconfirmed).map(\.date) + holidays.makeupWorkdays.filter(\.unconfirmed).map(\.date)
        guard unconfirmed.isEmpty else {
            return DoctorCheck(name, .warning,
                               "Lịch nghỉ năm \(year) có \(unconfirmed.count) ngày chưa xác nhận căn cứ pháp lý, chưa áp dụng vào hạn trả: \(unconfirmed.sorted().map(\.vietnamese).joined(separator: ", "))",
                               fix: "đối chiếu văn bản gốc rồi xác nhận (quản trị): motcua calendar confirm \(unconfirmed.sorted()[0].vietnamese) --legal-basis \"SỐ VĂN BẢN\"")
        }
        return .ok(name, "Lịch nghỉ năm \(year): chính thức, \(holidays.daysOff.count) ngày nghỉ, \(holidays.makeupWorkdays.count) ngày làm bù")
    }

    // MARK: - Text

    /// The first three, then how many more: a finding stays one line.
    static func list(_ items: [String]) -> String {
        items.count <= 3 ? items.joined(separator: ", ") : items.prefix(3).joined(separator: ", ") + " và \(items.count - 3) mục khác"
    }

    static func octal(_ mode: UInt32) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
