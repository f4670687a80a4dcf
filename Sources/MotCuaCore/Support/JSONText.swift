/// A JSON value that keeps the order of object keys, so command output and journal lines
/// come out exactly as the contracts show them (and byte-identical for checksums).
public indirect enum JSONText: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONText])
    case object([(String, JSONText)])
    /// Already-encoded JSON, inserted as is.
    case raw(String)

    public static func == (lhs: JSONText, rhs: JSONText) -> Bool { lhs.compact == rhs.compact }

    /// One line, no spaces.
    public var compact: String {
        var out = ""
        write(into: &out, indent: nil, level: 0)
        return out
    }

    /// Indented with two spaces, for people.
    public var pretty: String {
        var out = ""
        write(into: &out, indent: "  ", level: 0)
        return out
    }

    private func write(into out: inout String, indent: String?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if d.isFinite, d == d.rounded(), abs(d) < 1e15 { out += String(Int64(d)) } else if d.isFinite { out += String(d) } else { out += "null" }
        case .string(let s): JSONText.quote(s, into: &out)
        case .raw(let json): out += json
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                Self.newline(&out, indent, level + 1)
                item.write(into: &out, indent: indent, level: level + 1)
            }
            Self.newline(&out, indent, level)
            out += "]"
        case .object(let pairs):
            guard !pairs.isEmpty else { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out += "," }
                Self.newline(&out, indent, level + 1)
                JSONText.quote(key, into: &out)
                out += indent == nil ? ":" : ": "
                value.write(into: &out, indent: indent, level: level + 1)
            }
            Self.newline(&out, indent, level)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: String?, _ level: Int) {
        guard let indent else { return }
        out += "\n" + String(repeating: indent, count: level)
    }

    /// Escapes quotes, backslashes and every control character, so hostile text stays inert.
    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

extension JSONText {
    /// Writes `.object(head + [(key, .array(items))])` exactly as `pretty` (or `compact`) would
    /// render it, in pieces handed to `write`, an item at a time as `items` produces them: a long
    /// list is never held as one value or one string.
    public static func writeObject(_ head: [(String, JSONText)], endingWithArray key: String, pretty: Bool,
                                   items: ((JSONText) -> Void) throws -> Void, write: (String) -> Void) rethrows {
        let indent = pretty ? "  " : nil
        // No rendered value contains a NUL (strings escape control characters): a safe seam.
        let marker = "\u{0}"
        var frame = ""
        JSONText.object(head + [(key, .raw(marker))]).write(into: &frame, indent: indent, level: 0)
        let parts = frame.components(separatedBy: marker)
        write(parts[0])
        var first = true
        try withoutActuallyEscaping(write) { write in
            try items { item in
                var out = first ? "[" : ","
                first = false
                JSONText.newline(&out, indent, 2)
                item.write(into: &out, indent: indent, level: 2)
                write(out)
            }
        }
        var close = first ? "[]" : ""
        if !first {
            JSONText.newline(&close, indent, 1)
            close += "]"
        }
        write(close + parts[1])
    }
}

extension JSONText {
    /// `nil` becomes `null`.
    public static func optional(_ s: String?) -> JSONText { s.map(JSONText.string) ?? .null }
}
