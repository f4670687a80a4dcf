import MotCuaCore
import MotCuaDesk
import MotCuaStore

/// JSON shapes of fees, documents and the cash book (the contract of `motcua fees --json`).
enum FeeJSON {
    static func entry(_ e: FeeEntry) -> JSONText {
        .object([
            ("kind", .string(e.kind.rawValue)), ("amount", .int(Int64(e.amount))),
            ("method", e.method.map { .string($0.rawValue) } ?? .null), ("receipt", e.receipt.map { .string($0) } ?? .null),
            ("reason", e.reason.map { .string($0) } ?? .null), ("by", .string(e.by)), ("at", .string(e.at.iso8601)),
        ])
    }

    static func account(code: String, _ a: FeeAccount) -> JSONText {
        .object([
            ("code", .string(code)),
            ("due", .int(Int64(a.due))), ("paid", .int(Int64(a.paid))), ("outstanding", .int(Int64(a.outstanding))),
            ("gross", .int(Int64(a.gross))), ("exempted", .int(Int64(a.exempted))),
            ("lines", .array(a.lines.map { l in
                .object([("name", .string(l.name)), ("amount", .int(Int64(l.amount))),
                         ("fullAmount", l.fullAmount.map { .int(Int64($0)) } ?? .null),
                         ("basis", l.basis.map { .string($0) } ?? .null), ("note", l.note.map { .string($0) } ?? .null)])
            })),
            ("payments", .array(a.payments.map(entry))),
            ("refunds", .array(a.entries.filter { $0.kind == .refund }.map(entry))),
            ("exemptions", .array(a.entries.filter { $0.kind == .exemption }.map(entry))),
        ])
    }

    static func documents(_ v: DocumentsView) -> JSONText {
        .object([
            ("documents", .array(v.papers.map { p in
                .object([("index", .int(Int64(p.index))), ("name", .string(p.document.name)),
                         ("originals", .int(Int64(p.document.originals))), ("copies", .int(Int64(p.document.copies))),
                         ("status", .string(p.record.status.rawValue)), ("file", p.record.file.map { .string($0) } ?? .null),
                         ("sha256", p.record.sha256.map { .string($0) } ?? .null), ("from", p.record.from.map { .string($0) } ?? .null)])
            })),
            ("result", v.result.map { r in
                .object([("form", .string(r.form.rawValue)), ("code", r.code.map { .string($0) } ?? .null),
                         ("file", r.file.map { .string($0) } ?? .null), ("sha256", r.sha256.map { .string($0) } ?? .null)])
            } ?? .null),
        ])
    }

    static func cashbook(_ book: Cashbook, name: (String) -> String) -> JSONText {
        .object([
            ("date", .string(book.date.iso)),
            ("total", .int(Int64(book.total))),
            ("count", .int(Int64(book.lines.count))),
            ("byMethod", .object(PaymentMethod.allCases.map { ($0.rawValue, .int(Int64(book.total(of: $0)))) })),
            ("totals", .array(book.totals.map { t in
                .object([("by", .string(t.clerk)), ("name", .string(name(t.clerk))), ("method", .string(t.method.rawValue)),
                         ("count", .int(Int64(t.count))), ("amount", .int(Int64(t.amount)))])
            })),
            ("lines", .array(book.lines.map { l in
                .object([("at", .string(l.at.iso8601)), ("code", .string(l.code)), ("receipt", l.receipt.map { .string($0) } ?? .null),
                         ("kind", .string(l.kind.rawValue)), ("amount", .int(Int64(l.amount))), ("method", .string(l.method.rawValue)),
                         ("by", .string(l.by)), ("procedure", .string(l.procedure))])
            })),
        ])
    }
}

/// Text shapes of the same, sanitised.
enum FeeText {
    static func account(code: String, _ a: FeeAccount) -> String {
        func s(_ t: String) -> String { DisplayText.sanitize(t) }
        var out = "Phí, lệ phí hồ sơ \(s(code))\n"
        if a.lines.isEmpty { out += "  (không có khoản phí, lệ phí nào)\n" }
        for l in a.lines {
            out += "  \(s(l.name)): \(Money.text(l.amount))"
            if let full = l.fullAmount { out += " (giảm từ \(Money.text(full)) khi nộp trực tuyến)" }
            if let basis = l.basis ?? l.note { out += " — \(s(basis))" }
            out += "\n"
        }
        if a.exempted > 0 { out += "  Miễn, giảm: \(Money.text(a.exempted))\n" }
        out += "Phải nộp: \(Money.text(a.due)) — đã nộp: \(Money.text(a.paid)) — còn thiếu: \(Money.text(a.outstanding))\n"
        for e in a.entries {
            let what: String
            switch e.kind {
            case .payment: what = "Thu \(Money.text(e.amount)), \(e.method?.vietnamese ?? ""), biên lai \(s(e.receipt ?? ""))"
            case .refund: what = "Hoàn \(Money.text(e.amount)): \(s(e.reason ?? ""))"
            case .exemption: what = "Miễn, giảm \(Money.text(e.amount)): \(s(e.reason ?? ""))"
            }
            out += "  \(e.at.vietnameseShort)  \(what) (\(s(e.by)))\n"
        }
        return out
    }
}
