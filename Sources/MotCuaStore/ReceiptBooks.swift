import MotCuaCore

/// Every receipt (biên lai) number used, per agency and year, and the last number of motcua's own
/// gap-free sequence. Folded from `feePaid` lines; a snapshot keeps it so a new number is found
/// without reading the year's journal.
struct ReceiptBooks: Codable, Equatable {
    struct Book: Codable, Equatable {
        var last = 0
        /// Receipt number → the dossier it was used for.
        var used: [String: String] = [:]
    }

    /// Keyed "agency|year".
    private(set) var books: [String: Book] = [:]

    private static func key(_ agency: String, _ year: Int) -> String { "\(agency)|\(year)" }

    mutating func note(_ receipt: String, agency: String, year: Int, code: String) {
        var book = books[Self.key(agency, year)] ?? Book()
        book.used[receipt] = code
        if let n = FeeRules.ownNumber(receipt, year: year) { book.last = max(book.last, n) }
        books[Self.key(agency, year)] = book
    }

    func next(agency: String, year: Int) -> String {
        FeeRules.receiptNumber(year: year, number: (books[Self.key(agency, year)]?.last ?? 0) + 1)
    }

    func usedBy(_ receipt: String, agency: String, year: Int) -> String? { books[Self.key(agency, year)]?.used[receipt] }
}
