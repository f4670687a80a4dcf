import Foundation
import MotCuaCore

/// The head of the journal's hash chain, published outside the store (`motcua check --head`,
/// printed on the register, a file the admin copies away). Anyone who can write the store can
/// recompute the whole chain; nobody can make a rewritten journal reproduce a hash already
/// published elsewhere. `months` holds the last line of each month, so a rewrite is located to
/// a month's range of seqs.
public struct ChainHead: Equatable, Sendable {
    public struct Checkpoint: Equatable, Sendable {
        public let segment: String
        public let seq: Int64
        public let hash: String
    }

    public let agency: String
    public let at: Instant
    public let seq: Int64
    public let hash: String
    public let months: [Checkpoint]

    public var json: JSONText {
        .object([("schema", .int(1)), ("store", .string("motcua")), ("agency", .string(agency)), ("at", .string(at.iso8601)),
                 ("seq", .int(seq)), ("hash", .string(hash)),
                 ("months", .array(months.map { .object([("segment", .string($0.segment)), ("seq", .int($0.seq)), ("hash", .string($0.hash))]) }))])
    }

    /// A head file as `--head --json` wrote it; the reason in words when it is not one.
    public init(json data: Data) throws(ChainHeadError) {
        struct File: Decodable {
            struct Month: Decodable { let segment: String; let seq: Int64; let hash: String }
            let schema: Int; let store: String; let agency: String; let at: String; let seq: Int64; let hash: String; let months: [Month]?
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw ChainHeadError("không phải tệp đầu chuỗi của motcua check --head --json (\(JSONFiles.describe(error)))")
        }
        guard file.store == "motcua", file.schema == 1 else { throw ChainHeadError("không phải tệp đầu chuỗi motcua (schema 1)") }
        guard let at = Instant(iso8601: file.at) else { throw ChainHeadError("thời điểm \"at\" không hợp lệ: \(file.at)") }
        guard file.seq >= 0, file.hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw ChainHeadError("seq hoặc mã băm không hợp lệ")
        }
        self.init(agency: file.agency, at: at, seq: file.seq, hash: file.hash,
                  months: (file.months ?? []).map { Checkpoint(segment: $0.segment, seq: $0.seq, hash: $0.hash) })
    }

    init(agency: String, at: Instant, seq: Int64, hash: String, months: [Checkpoint]) {
        self.agency = agency
        self.at = at
        self.seq = seq
        self.hash = hash
        self.months = months
    }
}

public struct ChainHeadError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// What `check --against` found: whether the journal still extends the published head.
public struct HeadComparison: Sendable {
    public let ok: Bool
    public let currentSeq: Int64
    /// In Vietnamese: what matched, and where the journal diverges when it does.
    public let findings: [String]
}

extension Store {
    /// The chain's head now, with each month's last line (reads the whole journal once).
    public func chainHead(at now: Instant) throws -> ChainHead {
        let walk = try walkChain(wanted: [])
        return ChainHead(agency: config.agency, at: now, seq: walk.lastSeq, hash: walk.lastHash, months: walk.months)
    }

    /// Whether the journal still extends `head`: its line at `head.seq` (and at every month end
    /// the head lists) carries the published hash, and the chain is intact from the start.
    public func compare(with head: ChainHead) throws -> HeadComparison {
        guard head.agency == config.agency else {
            throw StoreError.badInput("Tệp đầu chuỗi là của cơ quan \(head.agency), kho này là \(config.agency)")
        }
        // The head is usually also its month's last line: one point per seq.
        let points = (head.months.filter { $0.seq != head.seq }.map { ($0.seq, $0.hash, "cuối tháng \($0.segment)") }
                      + [(head.seq, head.hash, "đầu chuỗi đã công bố")]).sorted { $0.0 < $1.0 }
        let walk = try walkChain(wanted: Set(points.map(\.0)))
        var findings: [String] = walk.damage.map { "nhật ký hỏng: \($0)" }
        var lastMatch: Int64 = 0
        for (seq, hash, label) in points {
            guard let found = walk.hashes[seq] else {
                findings.append("không còn dòng seq \(seq) (\(label)); nhật ký hiện dừng ở seq \(walk.lastSeq): bị cắt hoặc bị thay "
                                + "sau seq \(lastMatch)")
                break
            }
            guard found == hash else {
                findings.append("seq \(seq) (\(label)) có mã băm \(found), đã công bố \(hash): nhật ký bị viết lại trong khoảng "
                                + "seq \(lastMatch + 1)…\(seq)")
                break
            }
            lastMatch = seq
        }
        let ok = findings.isEmpty
        if ok {
            findings.append("nhật ký vẫn nối tiếp đầu chuỗi seq \(head.seq) công bố lúc \(head.at.iso8601) "
                            + "(\(points.count) điểm khớp; thêm \(walk.lastSeq - head.seq) dòng sau đó)")
        }
        return HeadComparison(ok: ok, currentSeq: walk.lastSeq, findings: findings)
    }

    private struct ChainWalk {
        var lastSeq: Int64 = 0
        var lastHash = ""
        var months: [ChainHead.Checkpoint] = []
        var hashes: [Int64: String] = [:]
        var damage: [String] = []
    }

    /// One pass over the journal from its first line: the head, each segment's last line, and the
    /// stored hash of the `wanted` seqs (of lines whose chain link verified).
    private func walkChain(wanted: Set<Int64>) throws -> ChainWalk {
        var cursor = JournalCursor(segment: SegmentName(year: 1970, month: 1), offset: 0, line: 0, lastSeq: 0, lastHash: "")
        var lastOfSegment: [(name: String, seq: Int64, position: JournalPosition)] = []
        var wantedPositions: [Int64: JournalPosition] = [:]
        var walk = ChainWalk()
        try journal.read(from: &cursor, apply: { line in
            let name = (line.fileName as NSString).lastPathComponent
            if lastOfSegment.last?.name == name { lastOfSegment.removeLast() }
            lastOfSegment.append((name, line.record.seq, line.position))
            if wanted.contains(line.record.seq) { wantedPositions[line.record.seq] = line.position }
        }, damaged: { damage, _ in walk.damage.append(damage.description) })
        walk.lastSeq = cursor.lastSeq
        walk.lastHash = cursor.lastHash
        for (name, seq, position) in lastOfSegment {
            walk.months.append(ChainHead.Checkpoint(segment: name, seq: seq, hash: try storedHash(at: position)))
        }
        for (seq, position) in wantedPositions { walk.hashes[seq] = try storedHash(at: position) }
        return walk
    }

    private func storedHash(at position: JournalPosition) throws -> String {
        let path = "\(files.journal)/\(SegmentName(id: position.segment).fileName)"
        let bytes: [UInt8]
        do {
            let fd = try fs.open(path, flags: O_RDONLY, mode: 0)
            defer { fs.close(fd) }
            bytes = try fs.pread(fd, count: Int(position.length), at: position.offset, path: path)
        } catch {
            throw StoreError.io(error)
        }
        return Journal.storedHash(in: bytes[...]) ?? ""
    }
}

extension Store {
    /// The last line this process has read: its seq and hash (no journal pass; what a printed
    /// register carries so that a paper copy, too, can be checked with `check --against`).
    public var chainTip: (seq: Int64, hash: String) { (cursor.lastSeq, cursor.lastHash) }
}
