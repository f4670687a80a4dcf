import Foundation
import MotCuaCore

/// What a number-queue write produced: the line's event and the day's queue after it.
public struct QueueCommit: Sendable {
    public let entry: QueueEntry
    public let day: CounterQueueDay
    /// True when the idempotency key had already been used for this command: nothing was written.
    public let replayed: Bool
}

/// The number queue at the counters (issue 16): tickets are journal lines of their own, written
/// through the same lock, catch-up, append and fdatasync as a dossier's; the day's state is
/// Core's fold (`CounterQueueDay`) over that day's lines, read from the journal itself.
extension Store {
    /// The groups a ticket can be taken for: one per field of the current catalogue.
    public var queueGroups: [QueueGroup] { QueueGroup.groups(of: catalogue) }

    /// The counters as configured (`counters.json`); a store nobody configured has counter 1 for every group.
    public func counters() throws -> [CounterSetting] {
        let list = try JSONFiles(fs: fs).read([CounterSetting].self, at: files.counters)
        return (list ?? CounterSetting.fresh).sorted { $0.number < $1.number }
    }

    /// The day's queue; `now` past the day closes whoever still waits.
    public func queueDay(_ day: CivilDate, now: Instant) throws -> CounterQueueDay {
        try refresh()
        return CounterQueueDay(day: day, entries: try queueEntries(on: day), now: now)
    }

    /// One queue command: lock, catch up, key, decide on the day's fold, append + fdatasync.
    public func performQueue(_ command: QueueCommand, actor: Actor, op: String? = nil, now: Instant) throws -> QueueCommit {
        let permission: Permission = if case .issue = command { .issueTicket } else { .serveCounter }
        try require(actor, may: permission)
        try ensureWritable()
        return try withWriteLock {
            try catchUpUnderLock()
            try requireStill(actor, may: permission)
            let digest = OperationFingerprint.queue(command)
            if let op, let done = index.ops[op], now.seconds - done.writtenAt.seconds <= Store.opsRetention {
                guard done.digest == digest, done.dossier == DossierIndex.queueDossier else {
                    throw StoreError.badInput("Khóa thao tác \(op) đã dùng cho lệnh khác (seq \(done.seq), lúc \(done.at.vietnameseShort)); "
                                              + "lệnh này là \(command.vietnamese). Chưa ghi gì: dùng khóa khác cho lệnh khác")
                }
                let day = done.at.date
                let entries = try queueEntries(on: day)
                if let entry = entries.first(where: { $0.seq == done.seq }) {
                    return QueueCommit(entry: entry, day: CounterQueueDay(day: day, entries: entries, now: now), replayed: true)
                }
            }
            let entries = try queueEntries(on: now.date)
            let day = CounterQueueDay(day: now.date, entries: entries, now: now)
            let event: QueueEvent
            let configured = try counters()
            do { event = try day.decide(command, groups: queueGroups, counters: configured) } catch let error as QueueError {
                throw StoreError.queue(error)
            }
            let record = JournalRecord(seq: cursor.lastSeq + 1, at: now, by: actor.login, actingAdmin: actor.actingAdmin,
                                       terminal: actor.terminal, op: op, body: .queue(event), opDigest: op == nil ? nil : digest)
            try appendRecord(record)
            checkpointIfDue()
            let after = try queueEntries(on: now.date)
            return QueueCommit(entry: record.queueEntry!, day: CounterQueueDay(day: now.date, entries: after, now: now), replayed: false)
        }
    }

    /// Configures counter `number` (admin): the group letters it calls (empty: all) and who staffs
    /// it; `remove` takes it away. Journal line first, then `counters.json`.
    public func configureCounter(_ number: Int, groups: [String], official: String?, remove: Bool = false,
                                 actor: Actor, now: Instant) throws -> [CounterSetting] {
        try require(actor, may: .manageCounters)
        guard (1...99).contains(number) else { throw StoreError.badInput("Số quầy \(number): phải từ 1 đến 99. Chưa ghi gì") }
        let known = queueGroups
        var letters: [String] = []
        for text in groups {
            guard let g = QueueGroup.find(text, in: known) else { throw StoreError.queue(.unknownGroup(text, known)) }
            if !letters.contains(g.letter) { letters.append(g.letter) }
        }
        try ensureWritable()
        return try withWriteLock {
            try catchUpUnderLock()
            try reloadUsers()
            if let official, users.user(official) == nil {
                throw StoreError.badInput("Không có cán bộ \"\(official)\" trong danh sách người dùng của kho. Chưa ghi gì")
            }
            var list = try counters()
            if remove {
                guard list.contains(where: { $0.number == number }) else { throw StoreError.queue(.unknownCounter(number, list.map(\.number))) }
                list.removeAll { $0.number == number }
            } else {
                // One official staffs one counter: moving them frees the other.
                if let official { for i in list.indices where list[i].official == official { list[i].official = nil } }
                list.removeAll { $0.number == number }
                list.append(CounterSetting(number: number, groups: letters, official: official))
                list.sort { $0.number < $1.number }
            }
            var event = AdminEvent(kind: .counterConfigured)
            event.version = number
            event.login = remove ? nil : official
            event.detail = remove ? "-" : letters.joined(separator: ",")
            try journalThenReplace(event, actor: actor, now: now, file: files.counters, change: "cấu hình quầy \(number)") {
                try JSONFiles(fs: fs).write(list, at: files.counters, mode: config.fileModeBits, group: groupID)
            }
            return list
        }
    }

    /// Under the lock, for a receive: the ticket named (it must be today's), or the one the
    /// clerk's own counter has called or is serving.
    func ticketToLink(_ named: String?, actor: Actor, now: Instant) throws -> String? {
        // A clerk who staffs no counter and names no ticket costs no read of the day's queue.
        let counter = named == nil ? (try? counters())?.first(where: { $0.official == actor.login }) : nil
        if named == nil && counter == nil { return nil }
        let day = CounterQueueDay(day: now.date, entries: try queueEntries(on: now.date), now: now)
        if let named {
            let number = Validation.clean(named).uppercased()
            guard day.ticket(number) != nil else { throw StoreError.queue(.unknownTicket(number)) }
            return number
        }
        return counter.flatMap { day.current(counter: $0.number)?.number }
    }

    // MARK: - The day's lines

    /// Keeps a loaded day current with a line just applied (read earlier by the scan: skipped).
    func noteQueue(_ entry: QueueEntry) {
        let day = entry.at.date
        guard var list = queueDays[day] else { return }
        if let last = list.last, entry.seq <= last.seq { return }
        list.append(entry)
        queueDays[day] = list
    }

    /// The queue lines of `day`: read once from the journal's segments from that month on (only
    /// lines carrying the queue's key are decoded), then followed line by line.
    func queueEntries(on day: CivilDate) throws -> [QueueEntry] {
        if let list = queueDays[day] { return list }
        var found: [QueueEntry] = []
        let segments = ((try? journal.segments()) ?? []).filter { $0 >= SegmentName(day) }
        for segment in segments {
            let bytes: [UInt8]
            do { bytes = try fs.readFile(journal.path(segment)) ?? [] } catch { throw StoreError.io(error) }
            var start = 0
            while let end = bytes[start...].firstIndex(of: 10) {
                let line = bytes[start..<end]
                start = end + 1
                guard line.withUnsafeBytes({ SearchTerm.occurs(JournalCodec.queueMarker, in: $0) }),
                      let decoded = try? JournalCodec.decode(line, previousHash: nil),
                      let entry = decoded.record.queueEntry, entry.at.date == day else { continue }
                found.append(entry)
            }
        }
        found.sort { $0.seq < $1.seq }
        queueDays[day] = found
        return found
    }
}
