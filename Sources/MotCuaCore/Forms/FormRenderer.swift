import Foundation

/// Prints a filled form as text (an 80-column printer or the screen) or as a standalone HTML page.
public enum FormRenderer {
    public enum Format: String, CaseIterable, Sendable { case text, html }

    public static func render(_ form: FormTemplate, _ context: FormContext, as format: Format) throws(FormError) -> String {
        switch format {
        case .text: return try text(form, context)
        case .html: return try html(form, context)
        }
    }

    /// The form's blocks with every placeholder filled; unknown placeholders are an error.
    static func blocks(_ form: FormTemplate, _ context: FormContext) throws(FormError) -> [FormBlock] {
        do { return FormLayout.blocks(try form.template.render(context.scope)) } catch {
            throw .template(id: form.id, error)
        }
    }

    // MARK: - Text

    public static func text(_ form: FormTemplate, _ context: FormContext) throws(FormError) -> String {
        let width = TextLayout.pageWidth
        var out: [String] = []
        for block in try blocks(form, context) {
            switch block {
            case .title(let s), .centered(let s):
                out += TextLayout.wrap(s, width: width).map { TextLayout.center($0, width) }
            case .right(let s):
                out += TextLayout.wrap(s, width: width).map { String(repeating: " ", count: max(0, width - $0.count)) + $0 }
            case .paragraph(let s):
                out += TextLayout.wrap(s, width: width)
            case .blank:
                out.append("")
            case .columns(let rows):
                for row in rows { out += textColumns(row, width: width) }
            case .table(let header, let rows):
                out += TextTable(header: header, rows: rows, width: width).lines()
            }
        }
        return out.map(\.trimmingTrailingSpaces).joined(separator: "\n") + "\n"
    }

    /// Equal columns side by side, each cell wrapped and centred in its column.
    static func textColumns(_ cells: [FormCell], width: Int) -> [String] {
        guard !cells.isEmpty else { return [] }
        let columnWidth = width / cells.count
        let wrapped = cells.map { cell in TextLayout.wrap(cell.text, width: columnWidth - 2) }
        let height = wrapped.map(\.count).max() ?? 0
        return (0..<height).map { line in
            wrapped.map { TextLayout.center(line < $0.count ? $0[line] : "", columnWidth) }.joined()
        }
    }

    // MARK: - HTML

    public static func html(_ form: FormTemplate, _ context: FormContext) throws(FormError) -> String {
        let blocks = try blocks(form, context)
        let margin = form.paper == .a4 ? "20mm" : "12mm"
        let size = form.paper.rawValue + (form.orientation == .landscape ? " landscape" : "")
        var out = """
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="motcua-form" content="\(escape("\(form.id); Mẫu số \(form.number); phiên bản \(form.version)"))">
        <title>\(escape(form.title))</title>
        <style>
        @page { size: \(size); margin: \(margin) }
        body { font-family: "Times New Roman", "Noto Serif", "DejaVu Serif", serif; font-size: \(form.paper == .a4 ? 13 : 12)pt; line-height: 1.35; margin: 0 }
        h1 { font-size: 1.15em; text-align: center; margin: 0.8em 0 0.3em }
        p { margin: 0.2em 0; text-align: justify }
        p.center { text-align: center }
        p.right { text-align: right; font-style: italic }
        div.gap { height: 0.8em }
        table { width: 100%; border-collapse: collapse; page-break-inside: auto }
        tr { page-break-inside: avoid }
        table.cols td { text-align: center; vertical-align: top; padding: 0 0.5em }
        table.grid th, table.grid td { border: 1px solid #000; padding: 0.2em 0.4em; vertical-align: top }
        table.grid th { font-weight: bold; text-align: center }
        </style>
        </head>
        <body>

        """
        for block in blocks {
            switch block {
            case .title(let s): out += "<h1>\(htmlText(s))</h1>\n"
            case .centered(let s): out += "<p class=\"center\">\(htmlText(s))</p>\n"
            case .right(let s): out += "<p class=\"right\">\(htmlText(s))</p>\n"
            case .paragraph(let s): out += "<p>\(htmlText(s))</p>\n"
            case .blank: out += "<div class=\"gap\"></div>\n"
            case .columns(let rows):
                out += "<table class=\"cols\">\n"
                for row in rows {
                    let share = 100 / max(1, row.count)
                    out += "<tr>" + row.map { "<td style=\"width: \(share)%\">\(htmlCell($0))</td>" }.joined() + "</tr>\n"
                }
                out += "</table>\n"
            case .table(let header, let rows):
                out += "<table class=\"grid\">\n<thead><tr>" + header.map { "<th>\(htmlText($0.text))</th>" }.joined()
                    + "</tr></thead>\n<tbody>\n"
                for row in rows {
                    let padded = row + Array(repeating: FormCell(text: ""), count: max(0, header.count - row.count))
                    out += "<tr>" + padded.map { "<td>\(htmlCell($0))</td>" }.joined() + "</tr>\n"
                }
                out += "</tbody>\n</table>\n"
            }
        }
        return out + "</body>\n</html>\n"
    }

    static func htmlCell(_ cell: FormCell) -> String {
        cell.text.isEmpty ? "&nbsp;" : (cell.bold ? "<strong>\(htmlText(cell.text))</strong>" : htmlText(cell.text))
    }

    /// Escaped text with its line breaks kept.
    static func htmlText(_ s: String) -> String {
        escape(s).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>")
    }

    /// Escapes the five characters that could end an element or an attribute.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}

/// A table drawn with box characters, its columns fitted to the page; when they cannot fit,
/// each row is printed as a block of "heading: value" lines instead.
struct TextTable {
    let header: [FormCell]
    let rows: [[FormCell]]
    let width: Int

    private var columnCount: Int { header.count }

    private func cells(_ row: [FormCell]) -> [String] {
        (0..<columnCount).map { $0 < row.count ? row[$0].text : "" }
    }

    func lines() -> [String] {
        guard columnCount > 0 else { return [] }
        let all = [cells(header)] + rows.map(cells)
        // Widths follow the rows; a long heading wraps rather than widening its column.
        let headingWords = all[0].map(TextLayout.longestWord)
        let natural = (0..<columnCount).map { c in
            max(headingWords[c], all.dropFirst().map { $0[c].split(separator: "\n").map(\.count).max() ?? 0 }.max() ?? 0)
        }
        let minimum = (0..<columnCount).map { c in
            min(max(natural[c], 1), max(4, min(16, all.map { TextLayout.longestWord($0[c]) }.max() ?? 0)))
        }
        let available = width - 1 - 3 * columnCount
        guard minimum.reduce(0, +) <= available else { return stacked() }
        let widths = fairWidths(natural: natural, minimum: minimum, available: available)
        func rule(_ left: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
        }
        func draw(_ row: [String]) -> [String] {
            let wrapped = zip(row, widths).map { TextLayout.wrap($0, width: $1) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { line in
                "│" + zip(wrapped, widths).map { " " + TextLayout.fit(line < $0.count ? $0[line] : "", $1) + " " }
                    .joined(separator: "│") + "│"
            }
        }
        var out = [rule("┌", "┬", "┐")] + draw(all[0]) + [rule("├", "┼", "┤")]
        for row in all.dropFirst() { out += draw(row) }
        out.append(rule("└", "┴", "┘"))
        return out
    }

    /// Max-min fair widths: columns narrower than an equal share get their natural width, the
    /// rest share what is left (at least their minimum), the widest deficits first.
    func fairWidths(natural: [Int], minimum: [Int], available: Int) -> [Int] {
        var widths = minimum
        var open = Set(natural.indices)
        var remaining = available
        while !open.isEmpty {
            let share = remaining / open.count
            let small = open.filter { natural[$0] <= share }
            guard !small.isEmpty else { break }
            for c in small { widths[c] = max(natural[c], minimum[c]) }
            remaining -= small.reduce(0) { $0 + widths[$1] }
            open.subtract(small)
        }
        var spare = remaining - open.reduce(0) { $0 + minimum[$1] }
        if spare < 0 {
            // The narrow columns took too much: start again from the minimums, everyone open.
            widths = minimum
            open = Set(natural.indices)
            spare = available - minimum.reduce(0, +)
        }
        while spare > 0 {
            guard let c = open.filter({ widths[$0] < natural[$0] })
                .max(by: { (natural[$0] - widths[$0], $1) < (natural[$1] - widths[$1], $0) }) else { break }
            widths[c] += 1
            spare -= 1
        }
        return widths
    }

    /// One block per row: a rule with the first column, then each other column on its own lines.
    func stacked() -> [String] {
        let labels = cells(header).map { $0.replacingOccurrences(of: "\n", with: " ") }
        var out: [String] = []
        for row in rows.map(cells) {
            let title = "─── \(labels[0]): \(row[0].replacingOccurrences(of: "\n", with: " ")) "
            out.append(TextLayout.truncate(title, to: width) + String(repeating: "─", count: max(0, width - title.count)))
            for c in 1..<columnCount {
                let lines = TextLayout.wrap("\(labels[c]): \(row[c])", width: width - 4)
                out += lines.enumerated().map { ($0.offset == 0 ? "  " : "    ") + $0.element }
            }
        }
        if !rows.isEmpty { out.append(String(repeating: "─", count: width)) }
        return out
    }
}
