/// Fitting text into fixed-width terminal and printer columns. Widths count Characters: stored
/// text is NFC, so a Vietnamese letter with its marks is one Character and one column.
/// (East Asian wide characters would take two columns; the desk does not meet them.)
public enum TextLayout {
    /// The width of an ordinary terminal and of a dot-matrix printer line.
    public static let pageWidth = 80

    /// Cuts `text` to `width` Characters, ending with "…" when something was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return String(text.prefix(width - 1)) + "…"
    }

    /// Truncated, then padded with spaces on the right (or on the left when `right`).
    public static func fit(_ text: String, _ width: Int, right: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let pad = String(repeating: " ", count: max(0, width - cut.count))
        return right ? pad + cut : cut + pad
    }

    /// Centred in `width`, extra space on the right; text wider than `width` is returned as is.
    public static func center(_ text: String, _ width: Int) -> String {
        let free = width - text.count
        guard free > 0 else { return text }
        return String(repeating: " ", count: free / 2) + text + String(repeating: " ", count: free - free / 2)
    }

    /// Word-wrapped lines of at most `width` Characters. "\n" forces a break; a word longer
    /// than the width is split. An empty text gives one empty line.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                var word = Substring(word)
                while word.count > width {
                    if !line.isEmpty { lines.append(line); line = "" }
                    lines.append(String(word.prefix(width)))
                    word = word.dropFirst(width)
                }
                if line.isEmpty {
                    line = String(word)
                } else if line.count + 1 + word.count <= width {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = String(word)
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// The longest word of `text`, in Characters.
    static func longestWord(_ text: String) -> Int {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(\.count).max() ?? 0
    }

    /// `85,3%`: a percentage with one decimal and the Vietnamese decimal comma.
    public static func percent(_ rate: Double) -> String {
        let tenths = Int((rate * 1000).rounded())
        return "\(tenths / 10),\(tenths % 10)%"
    }

    /// A bar of `width` cells, "█" for the share done and "░" for the rest.
    public static func bar(_ rate: Double, width: Int) -> String {
        let filled = min(width, max(0, Int((rate * Double(width)).rounded())))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }
}

extension Instant {
    /// `dd/MM/yyyy HH:mm`, Vietnam time: how spreadsheets and the register show an instant.
    public var dayMonthYearTime: String {
        let s = secondOfDay
        return "\(date.vietnamese) \(CivilDate.pad(s / 3600, 2)):\(CivilDate.pad(s / 60 % 60, 2))"
    }

    /// `dd/MM HH:mm`, for narrow columns.
    var dayMonthTime: String {
        let s = secondOfDay, d = date
        return "\(CivilDate.pad(d.day, 2))/\(CivilDate.pad(d.month, 2)) \(CivilDate.pad(s / 3600, 2)):\(CivilDate.pad(s / 60 % 60, 2))"
    }
}
