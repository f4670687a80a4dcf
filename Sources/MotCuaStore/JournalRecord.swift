import Foundation
import MotCuaCore

/// A change to the store itself, kept in the journal for the audit trail.
public struct AdminEvent: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case storeCreated, userAdded, userRemoved, catalogueInstalled, calendarInstalled
        /// A form handed to the citizen was printed with their ID number and phone in full by an
        /// official whose screens show them masked (`detail`: the form and the dossier's code).
        case formPrinted
        /// A day off or make-up day of the holiday schedule whose legal basis was unconfirmed was
        /// confirmed by an admin and is applied from then on (`detail`: the date and the basis).
        case calendarConfirmed
        /// A year's official schedule published (`detail`: the year, its legal basis, the counts) or
        /// withdrawn from the store's holiday file by an admin.
        case schedulePublished, scheduleRemoved
        /// The national portal's adapter configured by an admin (`detail`: URL, endpoints, unit and
        /// user names; never the password, which stays in `sync/credentials.json`).
        case syncConfigured
        /// The delivery command of a channel of messages to citizens set by an admin (`detail`:
        /// the channel and the command's path).
        case notifyConfigured
        /// `motcua reseal`: SEALED rewritten for months that had grown after they were sealed
        /// (`detail`: each month, its recorded and its actual size).
        case sealRepaired
        /// The scan folder set by an admin (`detail`: the folder; the setting is `documents.json`).
        case documentsConfigured
        /// A counter of the number queue configured (`version`: its number, `detail`: the group
        /// letters it calls, empty for all, `login`: who staffs it), or removed (`detail` "-").
        case counterConfigured
    }

    public var kind: Kind
    public var login: String?
    public var name: String?
    public var role: Role?
    public var agency: String?
    public var version: Int?
    public var detail: String?

    enum CodingKeys: String, CodingKey { case kind = "k", login, name, role, agency, version, detail }

    public init(kind: Kind) { self.kind = kind }
}

/// One line of the journal: one command, atomically.
public struct JournalRecord: Sendable, Equatable {
    public enum Body: Sendable, Equatable {
        case dossier(id: UUID, code: String, base: Int, event: DossierEvent)
        case admin(AdminEvent)
        /// The number queue at the counters (issue 16): under `"queue"`, with schema 2.
        case queue(QueueEvent)
    }

    public let seq: Int64
    public let at: Instant
    public let by: String
    public let actingAdmin: String?
    public let terminal: String?
    /// The client's idempotency key.
    public let op: String?
    public let body: Body
    /// When the line was really written, when that differs from `at` (a back-dated receive: `at`
    /// is the paper's time, the dossier's receipt; this is the entry). Absent in older journals.
    public var entered: Instant? = nil
    /// The digest of the command the key was used for (`OperationFingerprint.digest`); absent in
    /// older journals, whose keys are matched by event kind and dossier instead.
    public var opDigest: String? = nil

    /// The time the line was written: what idempotency keys are kept by.
    public var writtenAt: Instant { entered ?? at }

    /// The queue event of this line, as the day's fold takes it.
    public var queueEntry: QueueEntry? {
        guard case .queue(let event) = body else { return nil }
        return QueueEntry(seq: seq, at: at, by: by, event: event)
    }

    public var recordedEvent: RecordedEvent? {
        guard case .dossier(let id, let code, let base, let event) = body else { return nil }
        return RecordedEvent(seq: seq, at: at, by: by, actingAdmin: actingAdmin, terminal: terminal,
                             dossier: id, code: code, version: base + 1, event: event)
    }
}

/// The exact bytes of journal lines, and their hash chain.
///
/// `{"seq":…,"at":…,"by":…,…,"ev":{…},"h":"…"}`: `h` is the first 32 hex digits of
/// SHA-256(previous line's h + this line up to `,"h":"`). The first line of each segment also
/// carries `prev`, so a segment can be verified on its own; editing any line breaks the chain.
enum JournalCodec {
    static let schemaVersion = 1
    /// Queue lines say 2, so a motcua that knows no queue names them as newer, not as corrupt.
    static let queueSchemaVersion = 2
    static let newestSchema = 2
    /// What marks a queue line (a JSON string's quotes are escaped: no text inside can hold it).
    static let queueMarker = Array(#","queue":{"#.utf8)
    static let hashMarker = Array(#","h":""#.utf8)

    private static let eventEncoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static func encode(_ r: JournalRecord, previousHash: String, carryPrevious: Bool) -> (line: [UInt8], hash: String) {
        var pairs: [(String, JSONText)] = [
            ("seq", .int(r.seq)), ("at", .string(r.at.iso8601)), ("by", .string(r.by)),
        ]
        if let entered = r.entered { pairs.append(("entered", .string(entered.iso8601))) }
        if let admin = r.actingAdmin { pairs.append(("as", .string(admin))) }
        if let tty = r.terminal { pairs.append(("tty", .string(tty))) }
        if let op = r.op { pairs.append(("op", .string(op))) }
        if let digest = r.opDigest { pairs.append(("opd", .string(digest))) }
        let payload: Data
        switch r.body {
        case .dossier(let id, let code, let base, let event):
            pairs += [("d", .string(id.uuidString.lowercased())), ("code", .string(code)), ("base", .int(Int64(base)))]
            payload = (try? eventEncoder.encode(event)) ?? Data("{}".utf8)
            pairs.append(("sv", .int(Int64(schemaVersion))))
            pairs.append(("ev", .raw(String(decoding: payload, as: UTF8.self))))
        case .admin(let event):
            payload = (try? eventEncoder.encode(event)) ?? Data("{}".utf8)
            pairs.append(("sv", .int(Int64(schemaVersion))))
            pairs.append(("admin", .raw(String(decoding: payload, as: UTF8.self))))
        case .queue(let event):
            payload = (try? eventEncoder.encode(event)) ?? Data("{}".utf8)
            pairs.append(("sv", .int(Int64(queueSchemaVersion))))
            pairs.append(("queue", .raw(String(decoding: payload, as: UTF8.self))))
        }
        if carryPrevious { pairs.append(("prev", .string(previousHash))) }
        var text = JSONText.object(pairs).compact
        text.removeLast()                                   // the closing brace: the hash goes before it
        let hash = chainHash(previous: previousHash, content: Array(text.utf8))
        text += #","h":"\#(hash)"}"# + "\n"
        return (Array(text.utf8), hash)
    }

    static func chainHash(previous: String, content: ArraySlice<UInt8>) -> String {
        var sha = MachineSHA256()
        sha.update(previous)
        content.withUnsafeBytes { sha.update($0) }
        return sha.hex(characters: 32)
    }

    static func chainHash(previous: String, content: [UInt8]) -> String { chainHash(previous: previous, content: content[...]) }

    struct Decoded {
        let record: JournalRecord
        let hash: String
        /// The `prev` a segment's first line carries.
        let carriedPrevious: String?
        /// Whether the stored hash matches `previous` + content.
        let chainValid: Bool
        let schema: Int
    }

    /// The line's keys as written; JournalLineScanner makes one by hand when it can.
    struct RawLine: Decodable, Equatable {
        let seq: Int64
        let at: Instant
        let by: String
        let `as`: String?
        let tty: String?
        let op: String?
        let entered: Instant?
        let opd: String?
        let d: String?
        let code: String?
        let base: Int?
        let sv: Int
        let ev: DossierEvent?
        let admin: AdminEvent?
        let queue: QueueEvent?
        let prev: String?
        let h: String
    }

    /// One decoder for every line: making one per line was ~15 % of a full check's CPU.
    private static let lineDecoder = JSONDecoder()

    enum DecodeFailure: Error { case notJSON(String), missingHash, unknownSchema(Int), incomplete(String) }

    /// Decodes one line (without its newline) and checks its hash against `previousHash`
    /// (nil: use the line's own `prev`, or skip the chain check if it has none).
    /// Without `checkingChain` the hash is not computed and `chainValid` is true: for a caller
    /// that verified the chain over the raw bytes already (a full check's second core).
    static func decode(_ line: ArraySlice<UInt8>, previousHash: String?, checkingChain: Bool = true) throws(DecodeFailure) -> Decoded {
        guard let markerIndex = lastIndex(of: hashMarker, in: line) else { throw .missingHash }
        let raw: RawLine
        if let scanned = JournalLineScanner.rawLine(line, decoder: lineDecoder) {
            raw = scanned
        } else {
            do {
                raw = try lineDecoder.decode(RawLine.self, from: Data(line))
            } catch {
                throw .notJSON(String(describing: error).prefix(200).description)
            }
        }
        guard raw.sv <= newestSchema else { throw .unknownSchema(raw.sv) }
        let body: JournalRecord.Body
        if let idText = raw.d, let id = UUID(fastString: idText), let code = raw.code, let base = raw.base, let event = raw.ev {
            do { try event.validate() } catch let error as EventDecodingError { throw .incomplete(error.description) } catch {
                throw .incomplete("\(error)")
            }
            body = .dossier(id: id, code: code, base: base, event: event)
        } else if let admin = raw.admin {
            body = .admin(admin)
        } else if let queue = raw.queue {
            body = .queue(queue)
        } else {
            throw .incomplete("dòng không có sự kiện")
        }
        let record = JournalRecord(seq: raw.seq, at: raw.at, by: raw.by, actingAdmin: raw.as, terminal: raw.tty,
                                   op: raw.op, body: body, entered: raw.entered, opDigest: raw.opd)
        let previous = previousHash ?? raw.prev
        let valid = !checkingChain || (previous.map { chainHash(previous: $0, content: line[line.startIndex..<markerIndex]) == raw.h } ?? true)
        return Decoded(record: record, hash: raw.h, carriedPrevious: raw.prev, chainValid: valid, schema: raw.sv)
    }

    static func lastIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = haystack.endIndex - needle.count
        while i >= haystack.startIndex {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }
}
