import MotCuaCore

extension DossierTable {
    /// The live filter for a role that sees ID numbers and phones masked (`*********234`): a term
    /// may match the name and code, and only the digits the mask shows. Matching the full key
    /// would let "0234", "1234", … recover a hidden ID digit by digit.
    ///
    /// A key is `fold(name) | fold(code) | id | phone` (`DossierSummary.searchKey`); when the ID and
    /// phone are ASCII and sit verbatim at its end, the visible part is the key without that tail
    /// plus the masked values. Otherwise the masked key is rebuilt as the summary's own masking does.
    struct MaskedColumns {
        /// Boxed: this value is copied where it is unwrapped, and the table is a few hundred bytes.
        let tableBox: TableBox
        let ids: UnsafeBufferPointer<StringRef>
        let phones: UnsafeBufferPointer<StringRef>

        var table: DossierTable { tableBox.table }

        init(table: TableBox, ids: UnsafeBufferPointer<StringRef>, phones: UnsafeBufferPointer<StringRef>) {
            tableBox = table
            self.ids = ids
            self.phones = phones
        }

        func matches(_ row: Int, key: UnsafePointer<UInt8>, length: Int, base: UnsafePointer<UInt8>,
                     needles: UnsafePointer<UInt8>, terms: [(start: Int, count: Int)]) -> Bool {
            let id = UnsafeBufferPointer(start: base + Int(ids[row].offset), count: Int(ids[row].length))
            let phone = UnsafeBufferPointer(start: base + Int(phones[row].offset), count: Int(phones[row].length))
            let tail = 3 + id.count + 3 + phone.count
            guard length >= tail, id.allSatisfy({ $0 < 0x80 }), phone.allSatisfy({ $0 < 0x80 }),
                  Self.endsWith(key, length, id, phone) else {
                return rebuiltKeyMatches(row, needles: needles, terms: terms)
            }
            let visible = length - tail
            return Self.withMasked(id) { maskedID in
                Self.withMasked(phone) { maskedPhone in
                    terms.allSatisfy { term in
                        let needle = needles + term.start
                        return SearchTerm.occurs(needle, term.count, in: key, visible)
                            || SearchTerm.occurs(needle, term.count, in: maskedID.baseAddress!, maskedID.count)
                            || SearchTerm.occurs(needle, term.count, in: maskedPhone.baseAddress!, maskedPhone.count)
                    }
                }
            }
        }

        /// Whether the key ends with ` | id | phone`, byte for byte (no allocation: it runs per row).
        static func endsWith(_ key: UnsafePointer<UInt8>, _ length: Int, _ id: UnsafeBufferPointer<UInt8>,
                             _ phone: UnsafeBufferPointer<UInt8>) -> Bool {
            var at = length - (3 + id.count + 3 + phone.count)
            func separator() -> Bool {
                defer { at += 3 }
                return key[at] == 0x20 && key[at + 1] == 0x7C && key[at + 2] == 0x20        // " | "
            }
            func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
                for b in bytes {
                    if key[at] != b { return false }
                    at += 1
                }
                return true
            }
            return separator() && value(id) && separator() && value(phone)
        }

        /// The value as `PersonalData.mask` shows it (ASCII: one byte a character), in a scratch buffer.
        static func withMasked<R>(_ value: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(value.count, 1)) { buffer in
                let hidden = value.count > 3 ? value.count - 3 : value.count
                for i in 0..<value.count { buffer[i] = i < hidden ? 42 : value[i] }     // 42: "*"
                return body(UnsafeBufferPointer(rebasing: buffer[0..<value.count]))
            }
        }

        /// The slow, exact path for an ID or phone that is not plain ASCII: the masked summary's key.
        func rebuiltKeyMatches(_ row: Int, needles: UnsafePointer<UInt8>, terms: [(start: Int, count: Int)]) -> Bool {
            let key = Array(DossierSummary.searchKey(
                name: table.string(table.name[row]), code: table.code(at: row),
                idNumber: PersonalData.mask(table.string(ids[row])), phone: PersonalData.mask(table.string(phones[row])),
                portalCode: portalCode(row)).utf8)
            return key.withUnsafeBufferPointer { key in
                guard let start = key.baseAddress else { return terms.allSatisfy { $0.count == 0 } }
                return terms.allSatisfy { SearchTerm.occurs(needles + $0.start, $0.count, in: start, key.count) }
            }
        }

        /// An online dossier's portal code: its key's fifth part (`DossierSummary.searchKey`).
        func portalCode(_ row: Int) -> String? {
            let parts = table.string(table.searchKey[row]).components(separatedBy: " | ")
            return parts.count >= 5 ? parts[4...].joined(separator: " | ") : nil
        }
    }
}

/// A table behind a reference, for a value that would otherwise copy all its columns' storage.
final class TableBox: @unchecked Sendable {
    let table: DossierTable
    init(_ table: DossierTable) { self.table = table }
}
