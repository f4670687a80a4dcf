#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import MotCuaCore

/// The older years' rows as the table holds them in memory, column by column, each column's bytes
/// page-aligned in one file (`index/image.<gen>.bin`). A terminal app maps every column from it
/// instead of copying the years' rows files into its own memory: twelve clerks' apps then share
/// one copy of five years' history through the page cache (issue 12: PSS, not RSS). Derived like
/// every file of `index/`: written by a snapshot from the years' rows files, named with its
/// sources in HEAD, checked by CRC unless HEAD's stamp says it is the very file written, and
/// simply not used (the rows files are) when missing, stale, of another build's layout or damaged.
///
/// Layout: the sections, each at a multiple of `alignment`; then the header as JSON; then the
/// trailer: the header's offset (8 bytes, little-endian), the CRC of everything before the
/// trailer (4 bytes) and `magic` (8 bytes).
enum HistoryImage {
    static let format = 2
    static let magic = Array("MCIMAGE1".utf8)
    static let alignment = 65_536
    static let trailerSize = 20

    struct Header: Codable {
        let format: Int
        /// The rows files it was built from, by key (year), as HEAD names them.
        let sources: [String: String]
        let rows: Int
        let sections: [Section]
        let states: [String]
        let channels: [String]
        let kinds: [String]
        let names: [String]
        let agencies: [String]
        let procedures: [ProcedureSnapshot]
        let oddCodes: [String: Int32]
        let maxYear: Int
        /// Per time column, pairs: row, value (the instants outside the 32-bit range).
        let outside: [[Int64]]
        // After the index's columns, two sections of words: the pauses in the rows file encoding
        // (`RowsFile.decodePauses`), and the day counters as pairs (key, last number).
    }

    struct Section: Codable, Equatable {
        let offset: Int
        let count: Int
        let stride: Int
    }

    /// What HEAD records of an image.
    struct Reference: Codable, Equatable {
        let name: String
        let sources: [String: String]
    }
}

/// Visits every column of a table or index in one fixed order: the image's writer and its reader
/// are the same walk, so a column added to the table cannot be forgotten by one of them.
protocol ColumnVisitor {
    mutating func visit<T>(_ column: inout Column<T>) throws
}

extension DossierTable {
    mutating func visitColumns<V: ColumnVisitor>(_ visitor: inout V) throws {
        try visitor.visit(&ids)
        for column in Self.stringColumns { try visitor.visit(&self[keyPath: column]) }
        try visitor.visit(&searchMask)
        try visitor.visit(&searchPairs)
        try visitor.visit(&digitsOnly)
        try visitor.visit(&procedure)
        try visitor.visit(&state)
        try visitor.visit(&channel)
        try visitor.visit(&flagBits)
        try visitor.visit(&lastKind)
        try visitor.visit(&supplementCount)
        for column in Self.nameColumns { try visitor.visit(&self[keyPath: column]) }
        for column in Self.timeColumns { try visitor.visit(&self[keyPath: column].stored) }
        try visitor.visit(&version)
        try visitor.visit(&arena)
    }
}

/// Rows found by a sorted key column and a binary search: the image's identities and codes,
/// mapped, where a dictionary would be ~25 MB of private memory per process.
struct SortedRows<Key: Comparable> {
    var keys: Column<Key> = []
    var rows: Column<Int32> = []

    func row(_ key: Key) -> Int32? {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == key ? rows[low] : nil
    }

    init() {}

    init(_ pairs: [(Key, Int32)]) {
        let sorted = pairs.sorted { $0.0 < $1.0 }
        keys = Column(sorted.map(\.0))
        rows = Column(sorted.map(\.1))
    }

    var pairs: [(Key, Int32)] { Array(zip(keys, rows)) }
}

/// A UUID ordered by its bytes, for `SortedRows`.
struct IdentityKey: Comparable, Hashable {
    let high: UInt64
    let low: UInt64

    init(_ id: UUID) {
        let u = id.uuid
        high = [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7].reduce(0) { $0 << 8 | UInt64($1) }
        low = [u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15].reduce(0) { $0 << 8 | UInt64($1) }
    }

    static func < (a: IdentityKey, b: IdentityKey) -> Bool { (a.high, a.low) < (b.high, b.low) }
}
