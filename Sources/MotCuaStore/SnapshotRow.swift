import Foundation
import MotCuaCore

/// One dossier summary as a positional JSON array in a snapshot rows file:
/// `[id, code, name, idNumber, phone, channel, procedure#, state, holderDept, holderOfficial,
///   receivedAt, clockStart, due, statsDue, originalDue, stepDue, stepStartedAt, pausedAt, [[pauseStart, pauseEnd]…],
///   supplementCount, extended, [flags], lateStep [dept, official] | null, resolvedAt, closedAt,
///   version, lastEventAt, lastBy, lastKind, searchKey, [[pauseStart, pauseEnd|null, kind]…], resolvedBy,
///   [segment, offset, length, …], office | null]`, instants as epoch seconds. The office came
/// last and later: rows written before it end after the positions and read as no office.
enum SnapshotRow {
    static func encode(_ d: DossierSummary, positions: [JournalPosition], procedure: Int) -> String {
        func t(_ i: Instant) -> JSONText { .int(i.seconds) }
        func t(_ i: Instant?) -> JSONText { i.map { .int($0.seconds) } ?? .null }
        return JSONText.array([
            .string(d.id.uuidString.lowercased()), .string(d.code), .string(d.applicantName), .optional(d.idNumber), .optional(d.phone),
            .string(d.channel.rawValue), .int(Int64(procedure)), .string(d.state.rawValue),
            .string(d.holder.department), .optional(d.holder.official),
            t(d.receivedAt), t(d.clockStart), t(d.due), t(d.statsDue), t(d.originalDue), t(d.stepDue), t(d.stepStartedAt), t(d.pausedAt),
            .array(d.pauses.map { .array([t($0.start), t($0.end)]) }),
            .int(Int64(d.supplementCount)), .int(d.extended ? 1 : 0),
            .array(d.flags.map(\.rawValue).sorted().map(JSONText.string)),
            d.lateStep.map { .array([.string($0.department), .optional($0.official)]) } ?? .null,
            t(d.resolvedAt), t(d.closedAt),
            .int(Int64(d.version)), t(d.lastEventAt), .string(d.lastBy), .string(d.lastKind.rawValue), .string(d.searchKey),
            .array(d.pauseHistory.map { .array([t($0.start), t($0.end), .string($0.kind.rawValue)]) }),
            .optional(d.resolvedBy),
            .array(positions.flatMap { [JSONText.int(Int64($0.segment)), .int($0.offset), .int(Int64($0.length))] }),
            .optional(d.office),
        ]).compact
    }

    /// The summary, its journal positions and its procedure's number in the file's header.
    static func decode(_ s: inout RowScanner, procedures: [ProcedureSnapshot]) throws -> (DossierSummary, [JournalPosition], Int) {
        func instant() throws -> Instant { Instant(seconds: try s.int()) }
        func optionalInstant() throws -> Instant? { try s.optionalInt().map(Instant.init(seconds:)) }
        func next() { s.comma() }
        func bad(_ what: String) -> RowScanner.Malformed { RowScanner.Malformed(offset: s.index, expected: what) }

        try s.expect(91)
        guard let id = UUID(fastString: try s.string()) else { throw bad("uuid") }
        next(); let code = try s.string()
        next(); let name = try s.string()
        next(); let idNumber = try s.optionalString()
        next(); let phone = try s.optionalString()
        next(); guard let channel = Channel(rawValue: try s.string()) else { throw bad("kênh") }
        next(); let p = Int(try s.int())
        guard procedures.indices.contains(p) else { throw bad("thủ tục") }
        next(); guard let state = DossierState(rawValue: try s.string()) else { throw bad("trạng thái") }
        next(); let holderDepartment = try s.string()
        next(); let holderOfficial = try s.optionalString()
        next(); let receivedAt = try instant()
        next(); let clockStart = try instant()
        next(); let due = try instant()
        next(); let statsDue = try instant()
        next(); let originalDue = try instant()
        next(); let stepDue = try optionalInstant()
        next(); let stepStartedAt = try instant()
        next(); let pausedAt = try optionalInstant()
        next(); try s.expect(91)
        var pauses: [InstantRange] = []
        while !s.endOfArray() {
            try s.expect(91)
            let a = try instant(); next(); let b = try instant()
            try s.expect(93)
            pauses.append(InstantRange(start: a, end: b))
            next()
        }
        next(); let supplementCount = Int(try s.int())
        next(); let extended = try s.int() != 0
        next(); try s.expect(91)
        var flags = Set<DossierFlag>()
        while !s.endOfArray() {
            guard let flag = DossierFlag(rawValue: try s.string()) else { throw bad("cờ") }
            flags.insert(flag)
            next()
        }
        next()
        var lateStep: Holder?
        if !s.isNull() {
            try s.expect(91)
            let department = try s.string(); next(); let official = try s.optionalString()
            try s.expect(93)
            lateStep = Holder(department: department, official: official)
        }
        next(); let resolvedAt = try optionalInstant()
        next(); let closedAt = try optionalInstant()
        next(); let version = Int(try s.int())
        next(); let lastEventAt = try instant()
        next(); let lastBy = try s.string()
        next(); guard let lastKind = DossierEvent.Kind(rawValue: try s.string()) else { throw bad("loại sự kiện") }
        next(); let searchKey = try s.string()
        next(); try s.expect(91)
        var pauseHistory: [PausePeriod] = []
        while !s.endOfArray() {
            try s.expect(91)
            let start = try instant(); next()
            let end = try optionalInstant(); next()
            guard let kind = DossierState(rawValue: try s.string()) else { throw bad("loại tạm dừng") }
            try s.expect(93)
            pauseHistory.append(PausePeriod(start: start, end: end, kind: kind))
            next()
        }
        next(); let resolvedBy = try s.optionalString()
        next(); try s.expect(91)
        var positions: [JournalPosition] = []
        while !s.endOfArray() {
            let segment = Int(try s.int()); next()
            let offset = try s.int(); next()
            let length = Int32(try s.int()); next()
            positions.append(JournalPosition(segment: segment, offset: offset, length: length))
        }
        var office: String?
        if s.peek() == 44 {
            next()
            office = try s.optionalString()
        }
        try s.expect(93)
        let summary = DossierSummary(
            id: id, code: code, applicantName: name, idNumber: idNumber, phone: phone, channel: channel, procedure: procedures[p],
            state: state, holder: Holder(department: holderDepartment, official: holderOfficial), receivedAt: receivedAt,
            clockStart: clockStart, due: due, statsDue: statsDue, originalDue: originalDue, stepDue: stepDue,
            stepStartedAt: stepStartedAt, pausedAt: pausedAt, pauses: pauses, supplementCount: supplementCount, extended: extended,
            flags: flags, lateStep: lateStep, pauseHistory: pauseHistory, resolvedAt: resolvedAt, resolvedBy: resolvedBy,
            closedAt: closedAt, version: version,
            lastEventAt: lastEventAt, lastBy: lastBy, lastKind: lastKind, searchKey: searchKey, office: office)
        return (summary, positions, p)
    }
}
