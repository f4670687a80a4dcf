import Foundation
import MotCuaCore

/// Where a string lives in a table's byte arena.
struct StringRef: Hashable, Sendable {
    let offset: UInt32
    let length: UInt32
}

/// Where a journal line is, packed (12 bytes instead of 24: 500,000 dossiers have ~3 million lines).
struct PackedPosition: Hashable, Sendable {
    let segment: UInt16
    let length: UInt32
    let offset: UInt32

    init(segment: UInt16, length: UInt32, offset: UInt32) {
        self.segment = segment
        self.length = length
        self.offset = offset
    }

    init(_ p: JournalPosition) {
        segment = UInt16(truncatingIfNeeded: p.segment)
        length = UInt32(truncatingIfNeeded: p.length)
        offset = UInt32(truncatingIfNeeded: p.offset)
    }

    var position: JournalPosition { JournalPosition(segment: Int(segment), offset: Int64(offset), length: Int32(length)) }
}

/// Small strings that repeat across rows (logins, department codes) stored once.
struct Interner: Sendable {
    private(set) var strings: [String] = [""]
    private var ids: [String: UInt32] = [:]

    init() {}

    /// The interner that handed out `strings` in this order (the history image's).
    init(strings: [String]) {
        self.strings = strings.isEmpty ? [""] : strings
        for (i, s) in self.strings.enumerated().dropFirst() { ids[s] = UInt32(i) }
    }

    /// 0 stands for nil.
    mutating func id(_ s: String?) -> UInt32 {
        guard let s else { return 0 }
        if let id = ids[s] { return id }
        strings.append(s)
        ids[s] = UInt32(strings.count - 1)
        return UInt32(strings.count - 1)
    }

    func string(_ id: UInt32) -> String? { id == 0 ? nil : strings[Int(id)] }

    func existingID(_ s: String) -> UInt32? { ids[s] }
}

/// Every loaded dossier summary as columns: about 300 bytes a dossier instead of ~900 for an
/// array of `DossierSummary` values, no per-row heap objects, and scans that touch only the
/// columns they need (state, due, search key). `DossierSummary` values are made on demand.
struct DossierTable: Sendable {
    /// A time column's value for "none".
    static let none = Int64.min

    var ids: Column<UUID> = []
    var code: Column<StringRef> = []
    var name: Column<StringRef> = []
    var idNumber: Column<StringRef> = []
    var phone: Column<StringRef> = []
    var searchKey: Column<StringRef> = []
    /// Which byte classes each search key contains (`SearchTerm.mask`): most rows fail a filter on
    /// this word alone, without reading their key.
    var searchMask: Column<UInt64> = []
    /// Which letter pairs each key contains, hashed to 64 bits (`SearchTerm.pairs`).
    var searchPairs: Column<UInt64> = []
    /// Whether the row's ID number and phone are ASCII digits only (as the desk validates them):
    /// then a masked view's letter terms are decided by the masks, without reading the arena.
    /// Both are fixed at receipt, so this is set once, when the row is appended.
    var digitsOnly: Column<Bool> = []
    var procedure: Column<UInt16> = []
    var state: Column<DossierState> = []
    var channel: Column<Channel> = []
    var flagBits: Column<UInt8> = []
    var lastKind: Column<DossierEvent.Kind> = []
    var supplementCount: Column<UInt8> = []
    var holderDepartment: Column<UInt32> = []
    var holderOfficial: Column<UInt32> = []
    var lastBy: Column<UInt32> = []
    var resolvedBy: Column<UInt32> = []
    var lateDepartment: Column<UInt32> = []
    var lateOfficial: Column<UInt32> = []
    var office: Column<UInt32> = []
    var receivedAt = TimeColumn()
    var clockStart = TimeColumn()
    var due = TimeColumn()
    var statsDue = TimeColumn()
    var originalDue = TimeColumn()
    var stepDue = TimeColumn()
    var stepStartedAt = TimeColumn()
    var pausedAt = TimeColumn()
    var resolvedAt = TimeColumn()
    var closedAt = TimeColumn()
    var lastEventAt = TimeColumn()
    var version: Column<Int32> = []
    /// Pauses are rare: kept aside, by row.
    var pauseData: [Int32: ([InstantRange], [PausePeriod])] = [:]

    /// UTF-8 bytes of every row's strings.
    var arena: Column<UInt8> = []
    var procedures: [ProcedureSnapshot] = []
    /// The numbers of the snapshots of each procedure code: hashing a whole snapshot (its Vietnamese
    /// names normalised) for every received line cost more than comparing the few of its code.
    var procedureIDs: [String: [UInt16]] = [:]
    var names = Interner()

    var count: Int { ids.count }

    /// The columns of each kind in one order, shared by `append`, `reserve` and rows files.
    static var stringColumns: [WritableKeyPath<DossierTable, Column<StringRef>>] { [\.code, \.name, \.idNumber, \.phone, \.searchKey] }
    static var nameColumns: [WritableKeyPath<DossierTable, Column<UInt32>>] {
        [\.holderDepartment, \.holderOfficial, \.lastBy, \.resolvedBy, \.lateDepartment, \.lateOfficial, \.office]
    }
    /// Positions in those lists, for reading a mapped rows file in place (MappedRows).
    static let searchKeyColumn = 4, holderColumn = 0, officeColumn = 6, receivedAtColumn = 0, closedAtColumn = 9
    static var timeColumns: [WritableKeyPath<DossierTable, TimeColumn>] {
        [\.receivedAt, \.clockStart, \.due, \.statsDue, \.originalDue, \.stepDue, \.stepStartedAt, \.pausedAt, \.resolvedAt, \.closedAt, \.lastEventAt]
    }

    init() {}

    /// A table of the given summaries (tests, small tools).
    init(summaries: [DossierSummary]) {
        for summary in summaries { append(summary) }
    }

    /// The holding department and official of a row, as one number (for counting by holder).
    func holderID(at row: Int) -> UInt64 { UInt64(holderDepartment[row]) << 32 | UInt64(holderOfficial[row]) }

    func holder(id: UInt64) -> Holder {
        Holder(department: names.string(UInt32(id >> 32)) ?? "", official: names.string(UInt32(id & 0xFFFF_FFFF)))
    }

    // MARK: - Strings

    mutating func store(_ s: String) -> StringRef {
        var copy = s
        let offset = UInt32(arena.count)
        copy.withUTF8 { arena.append(contentsOf: $0) }
        return StringRef(offset: offset, length: UInt32(arena.count) - offset)
    }

    mutating func store(bytes: UnsafeBufferPointer<UInt8>) -> StringRef {
        let offset = UInt32(arena.count)
        arena.append(contentsOf: bytes)
        return StringRef(offset: offset, length: UInt32(bytes.count))
    }

    func string(_ ref: StringRef) -> String {
        arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(ref.offset)..<Int(ref.offset + ref.length)]), as: UTF8.self) }
    }

    func optionalString(_ ref: StringRef) -> String? { ref.length == 0 ? nil : string(ref) }

    func code(at row: Int) -> String { string(code[row]) }
    func searchKeyRef(at row: Int) -> StringRef { searchKey[row] }

    mutating func procedureID(_ p: ProcedureSnapshot) -> UInt16 {
        if let id = procedureIDs[p.code]?.first(where: { procedures[Int($0)] == p }) { return id }
        procedures.append(p)
        procedureIDs[p.code, default: []].append(UInt16(procedures.count - 1))
        return UInt16(procedures.count - 1)
    }

    // MARK: - Rows

    static func isDigits(_ s: String?) -> Bool { isDigits(s?.utf8 ?? "".utf8) }
    static func isDigits<S: Sequence>(_ bytes: S) -> Bool where S.Element == UInt8 { bytes.allSatisfy(SearchTerm.isDigit) }

    static func time(_ i: Instant?) -> Int64 { i?.seconds ?? none }
    static func instant(_ v: Int64) -> Instant? { v == none ? nil : Instant(seconds: v) }

    static func bits(_ flags: Set<DossierFlag>, extended: Bool) -> UInt8 {
        var b: UInt8 = extended ? 0x80 : 0
        for (i, flag) in DossierFlag.allCases.enumerated() where flags.contains(flag) { b |= 1 << UInt8(i) }
        return b
    }

    /// Appends a dossier; returns its row.
    /// `procedure`: its number in `procedures`, when the caller knows it (saves hashing the snapshot).
    @discardableResult
    mutating func append(_ d: DossierSummary, procedure known: UInt16? = nil) -> Int {
        ids.append(d.id)
        code.append(store(d.code))
        name.append(store(d.applicantName))
        idNumber.append(store(d.idNumber ?? ""))
        phone.append(store(d.phone ?? ""))
        searchKey.append(store(d.searchKey))
        searchMask.append(SearchTerm.mask(of: d.searchKey.utf8))
        searchPairs.append(SearchTerm.pairs(of: d.searchKey.utf8))
        digitsOnly.append(Self.isDigits(d.idNumber) && Self.isDigits(d.phone))
        procedure.append(known ?? procedureID(d.procedure))
        holderDepartment.append(0); holderOfficial.append(0); lastBy.append(0)
        resolvedBy.append(0); lateDepartment.append(0); lateOfficial.append(0)
        office.append(names.id(d.office))
        state.append(d.state)
        channel.append(d.channel)
        lastKind.append(d.lastKind)
        flagBits.append(0)
        supplementCount.append(0)
        for column in Self.timeColumns { self[keyPath: column].append(Self.none) }   // `set` fills them
        version.append(0)
        set(d, at: count - 1)
        return count - 1
    }

    /// Room for `more` rows in every column (about 150 bytes of strings each).
    mutating func reserve(_ more: Int) {
        let n = count + more
        ids.reserveCapacity(n)
        for column in Self.stringColumns { self[keyPath: column].reserveCapacity(n) }
        for column in Self.nameColumns { self[keyPath: column].reserveCapacity(n) }
        for column in Self.timeColumns { self[keyPath: column].reserveCapacity(n) }
        searchMask.reserveCapacity(n); searchPairs.reserveCapacity(n); digitsOnly.reserveCapacity(n); procedure.reserveCapacity(n); state.reserveCapacity(n); channel.reserveCapacity(n); flagBits.reserveCapacity(n)
        lastKind.reserveCapacity(n); supplementCount.reserveCapacity(n); version.reserveCapacity(n)
        arena.reserveCapacity(arena.count + more * 150)
    }

    /// Writes everything that can change after receipt (the applicant and code never do). A name
    /// that did not change keeps its number without being hashed again: the replay writes every
    /// row back once per journal line.
    mutating func set(_ d: DossierSummary, at row: Int) {
        state[row] = d.state
        channel[row] = d.channel
        if procedures[Int(procedure[row])] != d.procedure { procedure[row] = procedureID(d.procedure) }    // acceptance
        lastKind[row] = d.lastKind
        flagBits[row] = Self.bits(d.flags, extended: d.extended)
        supplementCount[row] = UInt8(clamping: d.supplementCount)
        Self.intern(d.holder.department, into: &holderDepartment[row], names: &names)
        Self.intern(d.holder.official, into: &holderOfficial[row], names: &names)
        Self.intern(d.lastBy, into: &lastBy[row], names: &names)
        Self.intern(d.resolvedBy, into: &resolvedBy[row], names: &names)
        Self.intern(d.lateStep?.department, into: &lateDepartment[row], names: &names)
        Self.intern(d.lateStep?.official, into: &lateOfficial[row], names: &names)
        receivedAt[row] = d.receivedAt.seconds
        clockStart[row] = d.clockStart.seconds
        due[row] = d.due.seconds
        statsDue[row] = d.statsDue.seconds
        originalDue[row] = d.originalDue.seconds
        stepDue[row] = Self.time(d.stepDue)
        stepStartedAt[row] = d.stepStartedAt.seconds
        pausedAt[row] = Self.time(d.pausedAt)
        resolvedAt[row] = Self.time(d.resolvedAt)
        closedAt[row] = Self.time(d.closedAt)
        lastEventAt[row] = d.lastEventAt.seconds
        version[row] = Int32(clamping: d.version)
        if d.pauses.isEmpty && d.pauseHistory.isEmpty {
            if !pauseData.isEmpty { pauseData[Int32(row)] = nil }
        } else {
            pauseData[Int32(row)] = (d.pauses, d.pauseHistory)
        }
    }

    private static func intern(_ name: String?, into slot: inout UInt32, names: inout Interner) {
        if names.string(slot) != name { slot = names.id(name) }
    }

    /// The summary of a row, as a value.
    func summary(at row: Int) -> DossierSummary { summary(at: row, strings: true) }

    /// A row's summary for `DossierSummary.apply` and then `set`, which read and write none of the
    /// code and applicant strings: the replay's round trip per journal line without copying them.
    func summaryToUpdate(at row: Int) -> DossierSummary { summary(at: row, strings: false) }

    private func summary(at row: Int, strings: Bool) -> DossierSummary {
        let late = names.string(lateDepartment[row]).map { Holder(department: $0, official: names.string(lateOfficial[row])) }
        let pauses = pauseData.isEmpty ? nil : pauseData[Int32(row)]
        return DossierSummary(
            id: ids[row], code: strings ? string(code[row]) : "", applicantName: strings ? string(name[row]) : "",
            idNumber: strings ? optionalString(idNumber[row]) : nil, phone: strings ? optionalString(phone[row]) : nil,
            channel: channel[row], procedure: procedures[Int(procedure[row])], state: state[row],
            holder: Holder(department: names.string(holderDepartment[row]) ?? "", official: names.string(holderOfficial[row])),
            receivedAt: Instant(seconds: receivedAt[row]), clockStart: Instant(seconds: clockStart[row]),
            due: Instant(seconds: due[row]), statsDue: Instant(seconds: statsDue[row]), originalDue: Instant(seconds: originalDue[row]),
            stepDue: Self.instant(stepDue[row]), stepStartedAt: Instant(seconds: stepStartedAt[row]), pausedAt: Self.instant(pausedAt[row]),
            pauses: pauses?.0 ?? [], supplementCount: Int(supplementCount[row]), extended: flagBits[row] & 0x80 != 0,
            flags: Self.flags(flagBits[row]), lateStep: late, pauseHistory: pauses?.1 ?? [], resolvedAt: Self.instant(resolvedAt[row]),
            resolvedBy: names.string(resolvedBy[row]), closedAt: Self.instant(closedAt[row]), version: Int(version[row]),
            lastEventAt: Instant(seconds: lastEventAt[row]), lastBy: names.string(lastBy[row]) ?? "", lastKind: lastKind[row],
            searchKey: strings ? string(searchKey[row]) : "", office: names.string(office[row]))
    }

    /// The flags of a row's bits (most rows have none: no set is built for them).
    static func flags(_ bits: UInt8) -> Set<DossierFlag> {
        guard bits & 0x7F != 0 else { return [] }
        var flags = Set<DossierFlag>()
        for (i, flag) in DossierFlag.allCases.enumerated() where bits & (1 << UInt8(i)) != 0 { flags.insert(flag) }
        return flags
    }

    func version(at row: Int) -> Int { Int(version[row]) }
    func holderDepartment(at row: Int) -> String { names.string(holderDepartment[row]) ?? "" }

    // MARK: - Search

    /// The search keys as raw bytes and the terms flattened, for a scan of many rows with no
    /// per-row retain, release or bounds work.
    struct SearchKeys {
        let base: UnsafePointer<UInt8>?
        let refs: UnsafeBufferPointer<StringRef>
        let masks: UnsafeBufferPointer<UInt64>
        let pairMasks: UnsafeBufferPointer<UInt64>
        let termBytes: UnsafeBufferPointer<UInt8>
        /// Start and length of each term the masks cannot decide, in `termBytes`.
        let longTerms: [(start: Int, count: Int)]
        let mask: UInt64
        let pairs: UInt64
        /// Terms with a digit, for a role that sees ID numbers and phones masked: read against what
        /// the role sees, since the hidden digits must not match. Empty otherwise.
        let hiddenTerms: [(start: Int, count: Int)]
        /// Every term: for a row whose ID or phone holds more than ASCII digits (the masked path then
        /// reads all of them against what the role sees).
        let allTerms: [(start: Int, count: Int)]
        let masked: MaskedColumns?
        /// `masked`'s `digitsOnly`, read per row without unwrapping (and so copying) `masked`.
        let digitsOnly: UnsafePointer<Bool>?

        /// Whether every term occurs in the row's key (in what the role may see of it, when masked).
        func matches(_ row: Int) -> Bool {
            guard masks[row] & mask == mask, pairMasks[row] & pairs == pairs else { return false }
            guard !longTerms.isEmpty || digitsOnly != nil else { return true }
            guard let base, let needles = termBytes.baseAddress else { return false }
            let ref = refs[row]
            let key = base + Int(ref.offset), length = Int(ref.length)
            if let digitsOnly, !digitsOnly[row], let masked {
                return masked.matches(row, key: key, length: length, base: base, needles: needles, terms: allTerms)
            }
            for term in longTerms where !SearchTerm.occurs(needles + term.start, term.count, in: key, length) { return false }
            guard digitsOnly != nil, !hiddenTerms.isEmpty, let masked else { return true }
            return masked.matches(row, key: key, length: length, base: base, needles: needles, terms: hiddenTerms)
        }
    }

    /// Runs `body` with a matcher for `terms` (all must occur; none: every row matches).
    /// `masked`: the caller sees ID numbers and phones masked, so only their visible digits may match
    /// (every term with a digit is then read against the key: the masks know the hidden digits too).
    func withSearch<R>(_ terms: [SearchTerm], masked: Bool = false, _ body: (SearchKeys) throws -> R) rethrows -> R {
        let flat = terms.flatMap(\.bytes)
        var longTerms: [(start: Int, count: Int)] = [], hiddenTerms: [(start: Int, count: Int)] = []
        var allTerms: [(start: Int, count: Int)] = []
        var start = 0
        for term in terms {
            allTerms.append((start, term.bytes.count))
            // Masked: a term with a digit or a "*" is read against the visible key (the masks and
            // the full key hold the hidden digits, and no "*"); a term without either cannot match
            // inside an ID or a phone of ASCII digits (the rows with anything else take the masked
            // path for all).
            if masked && term.bytes.contains(where: { SearchTerm.isDigit($0) || $0 == 0x2A }) {
                hiddenTerms.append((start, term.bytes.count))
            } else if !term.decidedByMasks {
                longTerms.append((start, term.bytes.count))
            }
            start += term.bytes.count
        }
        // A "*" is in the masked key only: the full key's masks cannot hold it.
        let star = masked ? SearchTerm.mask(of: [0x2A]) : 0
        let mask = terms.reduce(0) { $0 | $1.mask } & ~star, pairs = terms.reduce(0) { $0 | SearchTerm.pairs(of: $1.bytes) }
        return try arena.withUnsafeBufferPointer { arena in
            try searchKey.withUnsafeBufferPointer { refs in
                try searchMask.withUnsafeBufferPointer { masks in
                    try searchPairs.withUnsafeBufferPointer { pairMasks in
                        try flat.withUnsafeBufferPointer { termBytes in
                            try idNumber.withUnsafeBufferPointer { ids in
                                try phone.withUnsafeBufferPointer { phones in
                                    try digitsOnly.withUnsafeBufferPointer { digitsOnly in
                                        try body(SearchKeys(base: arena.baseAddress, refs: refs, masks: masks, pairMasks: pairMasks,
                                                            termBytes: termBytes, longTerms: longTerms, mask: mask, pairs: pairs,
                                                            hiddenTerms: hiddenTerms, allTerms: allTerms,
                                                            masked: masked ? MaskedColumns(table: TableBox(self), ids: ids, phones: phones) : nil,
                                                            digitsOnly: masked ? digitsOnly.baseAddress : nil))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
