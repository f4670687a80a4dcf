import Foundation

/// The layout of a rendered form, read from line directives in the template's literal text:
///
///     # TITLE            centred heading
///     ^ text             centred line
///     > text             right-aligned line
///     = a | *b           a row of equal columns, each centred ("*" at a cell's start: bold);
///                        consecutive rows form one block (national header, signatures)
///     | a | b | c        a table row; consecutive rows form one table, the first is its heading
///     \# text            a paragraph that starts with a directive character
///     (empty line)       vertical space
///     anything else      a word-wrapped paragraph
///
/// `<br>` in the template's text breaks a line inside a paragraph or cell. Values never carry
/// directives: a `|` or `#` in an applicant's name stays text.
enum FormBlock: Hashable, Sendable {
    case title(String)
    case centered(String)
    case right(String)
    case paragraph(String)
    case blank
    case columns([[FormCell]])
    case table(header: [FormCell], rows: [[FormCell]])
}

/// A cell's text, already sanitised, with "\n" for line breaks.
struct FormCell: Hashable, Sendable {
    var text: String
    var bold = false
}

enum FormLayout {
    /// Splits rendered segments into lines and lines into blocks. Values are sanitised here,
    /// once, for both the text and the HTML renderer.
    static func blocks(_ segments: [TemplateSegment]) -> [FormBlock] {
        var blocks: [FormBlock] = []
        for line in lines(segments) {
            let (kind, rest) = directive(line)
            switch kind {
            case "#": blocks.append(.title(plain(rest)))
            case "^": blocks.append(.centered(plain(rest)))
            case ">": blocks.append(.right(plain(rest)))
            case "=":
                let row = cells(rest)
                if case .columns(let rows)? = blocks.last {
                    blocks[blocks.count - 1] = .columns(rows + [row])
                } else {
                    blocks.append(.columns([row]))
                }
            case "|":
                var row = cells(rest)
                if row.count > 1, row.last?.text.isEmpty == true, endsWithBar(rest) { row.removeLast() }
                if case .table(let header, let rows)? = blocks.last {
                    blocks[blocks.count - 1] = .table(header: header, rows: rows + [row])
                } else {
                    blocks.append(.table(header: row, rows: []))
                }
            default:
                let text = plain(rest)
                blocks.append(text.trimmingCharacters(in: .whitespaces).isEmpty ? .blank : .paragraph(text))
            }
        }
        return blocks
    }

    /// Segments cut at the line breaks of literals (a value's own line breaks stay inside it).
    static func lines(_ segments: [TemplateSegment]) -> [[TemplateSegment]] {
        var lines: [[TemplateSegment]] = [[]]
        for segment in segments {
            guard case .literal(let s) = segment else {
                lines[lines.count - 1].append(segment)
                continue
            }
            let parts = s.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if i > 0 { lines.append([]) }
                if !part.isEmpty { lines[lines.count - 1].append(.literal(String(part))) }
            }
        }
        if lines.count > 1, lines[lines.count - 1].isEmpty { lines.removeLast() }
        return lines
    }

    /// The directive character of a line (nil for a paragraph) and the line without it.
    static func directive(_ line: [TemplateSegment]) -> (Character?, [TemplateSegment]) {
        guard case .literal(let first)? = line.first, let c = first.first else { return (nil, line) }
        if c == "\\" { return (nil, [.literal(String(first.dropFirst()))] + line.dropFirst()) }
        guard "#^>=|".contains(c) else { return (nil, line) }
        let after = first.dropFirst()
        guard after.isEmpty || after.first == " " else { return (nil, line) }
        let rest = String(after.dropFirst())
        return (c, (rest.isEmpty ? [] : [.literal(rest)]) + line.dropFirst())
    }

    /// The text of segments: values sanitised (keeping their line breaks), `<br>` in literals as a break.
    static func plain(_ segments: [TemplateSegment]) -> String {
        segments.map { segment in
            switch segment {
            case .literal(let s): return DisplayText.sanitize(s).replacingOccurrences(of: "<br>", with: "\n")
            case .value(let s): return sanitizeValue(s)
            }
        }.joined()
    }

    static func sanitizeValue(_ s: String) -> String {
        DisplayText.sanitize(s.replacingOccurrences(of: "\r\n", with: "\n"), keepNewlines: true)
    }

    /// Cells separated by `|` in literals; a cell starting with `*` is bold.
    static func cells(_ segments: [TemplateSegment]) -> [FormCell] {
        var cells: [[TemplateSegment]] = [[]]
        for segment in segments {
            guard case .literal(let s) = segment else {
                cells[cells.count - 1].append(segment)
                continue
            }
            for (i, part) in s.split(separator: "|", omittingEmptySubsequences: false).enumerated() {
                if i > 0 { cells.append([]) }
                if !part.isEmpty { cells[cells.count - 1].append(.literal(String(part))) }
            }
        }
        return cells.map { segments in
            var segments = segments
            var bold = false
            if case .literal(let s)? = segments.first {
                var trimmed = Substring(s).drop(while: { $0 == " " })
                if trimmed.first == "*" {
                    bold = true
                    trimmed = trimmed.dropFirst()
                }
                segments[0] = .literal(String(trimmed))
            }
            return FormCell(text: plain(segments).trimmingCharacters(in: .whitespaces), bold: bold)
        }
    }

    private static func endsWithBar(_ segments: [TemplateSegment]) -> Bool {
        guard case .literal(let s)? = segments.last else { return false }
        return s.trimmingCharacters(in: .whitespaces).hasSuffix("|")
    }
}
