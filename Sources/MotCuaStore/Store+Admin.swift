import Foundation
import MotCuaCore

/// Changes to the store's own files (users, catalogue, calendar): admins only, under the writer
/// lock, each recorded in the journal for the audit trail.
extension Store {
    public func addUser(_ user: User, actor: Actor, now: Instant) throws {
        try require(actor, may: .manageUsers)
        guard UserDirectory.isValidLogin(user.login) else {
            throw StoreError.badInput("Tên đăng nhập '\(user.login)' không hợp lệ (chữ, số, dấu chấm, gạch)")
        }
        let name = Validation.clean(user.name)
        guard !name.isEmpty else { throw StoreError.badInput("Họ tên người dùng không được để trống") }
        try ensureWritable()
        try withWriteLock {
            try catchUpUnderLock()
            try reloadUsers()
            var directory = users
            var cleaned = user
            cleaned.name = name
            directory.dropRejected(user.login)
            if let existing = directory.users.firstIndex(where: { $0.login == user.login }) {
                directory.users[existing] = cleaned
            } else {
                directory.users.append(cleaned)
            }
            guard directory.users.contains(where: { $0.role == .admin }) else {
                throw StoreError.badInput("\(cleaned.login) là quản trị duy nhất của kho: không đổi sang vai trò \(cleaned.role.vietnamese) được. "
                                          + "Thêm một quản trị khác trước (motcua users add LOGIN --name \"…\" --role admin)")
            }
            var event = AdminEvent(kind: .userAdded)
            event.login = cleaned.login
            event.name = cleaned.name
            event.role = cleaned.role
            event.detail = [cleaned.office, cleaned.department].compactMap { $0 }.joined(separator: " ")
            try journalThenReplace(event, actor: actor, now: now, file: files.users, change: "thêm/sửa người dùng \(cleaned.login)") {
                try JSONFiles(fs: fs).write(directory, at: files.users, mode: config.fileModeBits, group: groupID)
            }
            users = directory
        }
    }

    public func removeUser(login: String, actor: Actor, now: Instant) throws {
        try require(actor, may: .manageUsers)
        guard login != actor.login else { throw StoreError.badInput("Không thể tự xóa tài khoản của mình") }
        try ensureWritable()
        try withWriteLock {
            try catchUpUnderLock()
            try reloadUsers()
            guard users.user(login) != nil || users.rejection(login) != nil else { throw StoreError.badInput("Không có người dùng \(login)") }
            var directory = users
            directory.dropRejected(login)
            directory.users.removeAll { $0.login == login }
            guard directory.users.contains(where: { $0.role == .admin }) else {
                throw StoreError.badInput("Kho phải còn ít nhất một quản trị")
            }
            var event = AdminEvent(kind: .userRemoved)
            event.login = login
            try journalThenReplace(event, actor: actor, now: now, file: files.users, change: "xóa người dùng \(login)") {
                try JSONFiles(fs: fs).write(directory, at: files.users, mode: config.fileModeBits, group: groupID)
            }
            users = directory
        }
    }

    /// Installs a new catalogue version (must be higher than the current one); the old one stays
    /// in `catalogue/` and old dossiers keep the procedure they were received under.
    public func installCatalogue(_ new: Catalogue, actor: Actor, now: Instant) throws {
        try require(actor, may: .manageCatalogue)
        try ensureWritable()
        try withWriteLock {
            try catchUpUnderLock()
            let current = try Store.readCatalogue(files: files, fs: fs)
            guard new.version > current.version else {
                throw StoreError.badInput("Phiên bản danh mục mới (\(new.version)) phải lớn hơn phiên bản hiện tại (\(current.version))")
            }
            var event = AdminEvent(kind: .catalogueInstalled)
            event.version = new.version
            event.detail = "\(new.procedures.count) thủ tục, hiệu lực \(new.effective.vietnamese)"
            try journalThenReplace(event, actor: actor, now: now, file: files.catalogue, change: "cài danh mục phiên bản \(new.version)") {
                let json = JSONFiles(fs: fs)
                try json.write(new, at: "\(files.catalogueVersions)/v\(new.version).json", mode: config.fileModeBits, group: groupID)
                try json.write(new, at: files.catalogue, mode: config.fileModeBits, group: groupID)
            }
            catalogue = new
        }
    }

    /// Installs the store's own holiday schedule file (years in it replace the shipped ones).
    public func installCalendar(json bytes: [UInt8], actor: Actor, now: Instant) throws {
        try require(actor, may: .manageCalendar)
        let schedule: HolidaySchedule
        do { schedule = try HolidaySchedule(json: Data(bytes)) } catch {
            throw StoreError.badInput("Tệp lịch nghỉ không hợp lệ: \(error)")
        }
        try ensureWritable()
        try withWriteLock {
            try catchUpUnderLock()
            var event = AdminEvent(kind: .calendarInstalled)
            event.detail = "năm " + schedule.years.keys.sorted().map(String.init).joined(separator: ", ")
            try journalThenReplace(event, actor: actor, now: now, file: files.holidays, change: "cài lịch nghỉ") {
                do {
                    try fs.atomicReplace(files.holidays, with: bytes, mode: config.fileModeBits, group: groupID)
                } catch let error as SystemError {
                    throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
                }
            }
            calendar = WorkCalendar(schedule: HolidaySchedule.shipped.overridden(by: schedule), hours: calendar.hours, model: calendar.model)
        }
    }

    /// Confirms the unconfirmed day off or make-up day `date`: deadlines count it from now on.
    /// The store's `calendar/holidays.json` gets that year with the mark dropped (and the legal
    /// basis given, if any); the confirmation is journaled like the other admin changes.
    public func confirmHoliday(_ date: CivilDate, legalBasis: String?, actor: Actor, now: Instant) throws {
        try require(actor, may: .manageCalendar)
        let basis = legalBasis.map(Validation.clean).flatMap { $0.isEmpty ? nil : $0 }
        try ensureWritable()
        try withWriteLock {
            try catchUpUnderLock()
            let own = try readOwnSchedule()
            let effective = HolidaySchedule.shipped.overridden(by: own)
            guard let confirmed = effective.confirming(date, legalBasis: basis), let year = confirmed.years[date.year] else {
                let pending = (effective.years[date.year].map { $0.daysOff.filter(\.unconfirmed).map(\.date) + $0.makeupWorkdays.filter(\.unconfirmed).map(\.date) } ?? [])
                let list = pending.isEmpty ? "năm \(date.year) không có ngày nào chưa xác nhận" : "ngày chưa xác nhận: " + pending.sorted().map(\.vietnamese).joined(separator: ", ")
                throw StoreError.badInput("Ngày \(date.vietnamese) không phải ngày nghỉ hoặc làm bù đang chờ xác nhận (\(list))")
            }
            try writeOwnSchedule(own.overridden(by: HolidaySchedule(years: [year])))
            var event = AdminEvent(kind: .calendarConfirmed)
            let day = year.daysOff.first { $0.date == date }.map { "ngày nghỉ \($0.name)" }
                ?? year.makeupWorkdays.first { $0.date == date }.map { "ngày làm bù (\($0.name))" } ?? ""
            event.detail = "xác nhận \(day) \(date.vietnamese)" + (basis.map { "; căn cứ: \($0)" } ?? "")
            try appendAdmin(event, by: actor.login, at: now, actingAdmin: actor.actingAdmin, terminal: actor.terminal)
        }
    }

    /// Publishes `year`'s official schedule (built and checked by `SchedulePublication`) into the
    /// store's `calendar/holidays.json`; it replaces the shipped schedule or the Labour Code rule for
    /// that year. A year the store already has is refused: remove it first.
    public func publishSchedule(_ year: YearHolidays, actor: Actor, now: Instant) throws {
        try require(actor, may: .manageCalendar)
        try ensureWritable()
        try withWriteLock {
            try catchUpUnderLock()
            let own = try readOwnSchedule()
            if own.years[year.year] != nil {
                throw StoreError.badInput("Kho đã có lịch nghỉ riêng năm \(year.year); gỡ trước bằng: motcua calendar schedule remove \(year.year)")
            }
            try writeOwnSchedule(own.overridden(by: HolidaySchedule(years: [year])))
            var event = AdminEvent(kind: .schedulePublished)
            let bases = Set(year.daysOff.compactMap(\.legalBasis) + year.makeupWorkdays.compactMap(\.legalBasis)).sorted()
            event.detail = "năm \(year.year): \(year.daysOff.count) ngày nghỉ, \(year.makeupWorkdays.count) ngày làm bù; căn cứ: \(bases.joined(separator: "; "))"
            try appendAdmin(event, by: actor.login, at: now, actingAdmin: actor.actingAdmin, terminal: actor.terminal)
        }
    }

    /// Removes `year` from the store's own holiday file: the shipped schedule (or the Labour Code
    /// rule) applies to that year again.
    public func removeSchedule(year: Int, actor: Actor, now: Instant) throws {
        try require(actor, may: .manageCalendar)
        try ensureWritable()
        try withWriteLock {
            try catchUpUnderLock()
            let own = try readOwnSchedule()
            guard own.years[year] != nil else {
                let owned = own.years.keys.sorted().map(String.init).joined(separator: ", ")
                throw StoreError.badInput("Kho không có lịch nghỉ riêng năm \(year)\(owned.isEmpty ? "" : " (có: \(owned))"); lịch đóng gói không gỡ được")
            }
            try writeOwnSchedule(HolidaySchedule(years: own.years.values.filter { $0.year != year }))
            var event = AdminEvent(kind: .scheduleRemoved)
            event.detail = "năm \(year)"
            try appendAdmin(event, by: actor.login, at: now, actingAdmin: actor.actingAdmin, terminal: actor.terminal)
        }
    }

    /// The store's own holiday file (empty when it has none).
    public func readOwnSchedule() throws -> HolidaySchedule {
        guard let bytes = try Store.readBytes(files.holidays, fs: fs) else { return HolidaySchedule() }
        do { return try HolidaySchedule(json: Data(bytes)) } catch {
            throw StoreError.invalidFile(path: files.holidays, reason: "\(error)")
        }
    }

    /// Replaces the store's own holiday file and this process's calendar (under the writer lock).
    func writeOwnSchedule(_ file: HolidaySchedule) throws {
        let bytes: [UInt8]
        do { bytes = Array(try file.json(years: Array(file.years.keys))) } catch {
            throw StoreError.badInput("Không ghi được lịch nghỉ: \(error)")
        }
        do {
            try fs.atomicReplace(files.holidays, with: bytes, mode: config.fileModeBits, group: groupID)
        } catch {
            throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
        }
        calendar = WorkCalendar(schedule: HolidaySchedule.shipped.overridden(by: file), hours: calendar.hours, model: calendar.model)
    }

    /// Records in the journal that `actor` printed `form` of dossier `code` with the citizen's
    /// personal data in full (the audit trail of the one place masking does not apply).
    public func recordFormPrinted(_ form: String, code: String, actor: Actor, now: Instant) throws {
        try ensureWritable()
        try withWriteLock {
            try catchUpUnderLock()
            var event = AdminEvent(kind: .formPrinted)
            event.detail = "\(form) \(code): in đầy đủ số định danh và điện thoại cho người nộp"
            try appendAdmin(event, by: actor.login, at: now, actingAdmin: actor.actingAdmin, terminal: actor.terminal)
        }
    }

    /// The audit line first, durable, then the file that makes the change live: a failure in
    /// between leaves a journal line for a change not (yet) applied — never a live change with no
    /// line — and says so; running the same command again applies it.
    func journalThenReplace(_ event: AdminEvent, actor: Actor, now: Instant, file: String, change: String,
                            _ replace: () throws -> Void) throws {
        try requireStill(actor, may: Self.permission(for: event.kind))
        try appendAdmin(event, by: actor.login, at: now, actingAdmin: actor.actingAdmin, terminal: actor.terminal)
        do { try replace() } catch {
            throw StoreError.recordedNotApplied(file: file, change: change, seq: cursor.lastSeq, cause: Self.cause(of: error))
        }
    }

    /// The right an admin change needs, checked again under the lock against the users file as it is.
    static func permission(for kind: AdminEvent.Kind) -> Permission {
        switch kind {
        case .userAdded, .userRemoved, .storeCreated: return .manageUsers
        case .catalogueInstalled: return .manageCatalogue
        case .calendarInstalled, .calendarConfirmed, .schedulePublished, .scheduleRemoved, .sealRepaired, .formPrinted: return .manageCalendar
        case .syncConfigured: return .configureSync
        case .notifyConfigured: return .configureNotifications
        case .documentsConfigured: return .configureDocuments
        case .counterConfigured: return .manageCounters
        }
    }

    /// The system error behind a store error, in words for the administrator.
    static func cause(of error: Error) -> String {
        switch error {
        case StoreError.diskFull(let e), StoreError.io(let e): return "\(e)"
        default: return "\(error)"
        }
    }

    func reloadUsers() throws {
        if let fresh = try JSONFiles(fs: fs).read(UserDirectory.self, at: files.users) { users = fresh }
    }
}
