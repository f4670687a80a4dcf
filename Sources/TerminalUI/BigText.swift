/// Text in large block letters for a hall screen read across a room: every glyph is 5 cells wide
/// and 5 rows high (`scale` 2: 10 × 10), drawn with `█` (or `#` where the terminal is not UTF-8),
/// one blank column between glyphs. Only digits, A–Z and a space are drawn; anything else is blank.
public enum BigText {
    public static let height = 5

    /// The rows of `text`, all of the same width.
    public static func lines(_ text: String, scale: Int = 1, utf8: Bool = true) -> [String] {
        let block: Character = utf8 ? "█" : "#"
        var rows = Array(repeating: "", count: height)
        for (i, ch) in text.uppercased().enumerated() {
            let glyph = font[ch] ?? blank
            for r in 0..<height {
                if i > 0 { rows[r] += " " }
                rows[r] += String(glyph[r].map { $0 == "#" ? block : " " })
            }
        }
        guard scale > 1 else { return rows }
        return rows.flatMap { row in
            Array(repeating: String(row.flatMap { Array(repeating: $0, count: scale) }), count: scale)
        }
    }

    /// The width `text` takes.
    public static func width(_ text: String, scale: Int = 1) -> Int {
        let n = text.count
        return n == 0 ? 0 : (n * 6 - 1) * max(1, scale)
    }

    static let blank = Array(repeating: "     ", count: height)

    static let font: [Character: [String]] = [
        "0": ["#####", "#   #", "#   #", "#   #", "#####"],
        "1": ["  #  ", " ##  ", "  #  ", "  #  ", " ### "],
        "2": ["#####", "    #", "#####", "#    ", "#####"],
        "3": ["#####", "    #", " ####", "    #", "#####"],
        "4": ["#   #", "#   #", "#####", "    #", "    #"],
        "5": ["#####", "#    ", "#####", "    #", "#####"],
        "6": ["#####", "#    ", "#####", "#   #", "#####"],
        "7": ["#####", "    #", "   # ", "  #  ", "  #  "],
        "8": ["#####", "#   #", "#####", "#   #", "#####"],
        "9": ["#####", "#   #", "#####", "    #", "#####"],
        "A": [" ### ", "#   #", "#####", "#   #", "#   #"],
        "B": ["#### ", "#   #", "#### ", "#   #", "#### "],
        "C": [" ####", "#    ", "#    ", "#    ", " ####"],
        "D": ["#### ", "#   #", "#   #", "#   #", "#### "],
        "E": ["#####", "#    ", "#### ", "#    ", "#####"],
        "F": ["#####", "#    ", "#### ", "#    ", "#    "],
        "G": [" ####", "#    ", "#  ##", "#   #", " ####"],
        "H": ["#   #", "#   #", "#####", "#   #", "#   #"],
        "I": [" ### ", "  #  ", "  #  ", "  #  ", " ### "],
        "J": ["  ###", "   # ", "   # ", "#  # ", " ##  "],
        "K": ["#   #", "#  # ", "###  ", "#  # ", "#   #"],
        "L": ["#    ", "#    ", "#    ", "#    ", "#####"],
        "M": ["#   #", "## ##", "# # #", "#   #", "#   #"],
        "N": ["#   #", "##  #", "# # #", "#  ##", "#   #"],
        "O": [" ### ", "#   #", "#   #", "#   #", " ### "],
        "P": ["#### ", "#   #", "#### ", "#    ", "#    "],
        "Q": [" ### ", "#   #", "# # #", "#  # ", " ## #"],
        "R": ["#### ", "#   #", "#### ", "#  # ", "#   #"],
        "S": [" ####", "#    ", " ### ", "    #", "#### "],
        "T": ["#####", "  #  ", "  #  ", "  #  ", "  #  "],
        "U": ["#   #", "#   #", "#   #", "#   #", " ### "],
        "V": ["#   #", "#   #", "#   #", " # # ", "  #  "],
        "W": ["#   #", "#   #", "# # #", "## ##", "#   #"],
        "X": ["#   #", " # # ", "  #  ", " # # ", "#   #"],
        "Y": ["#   #", " # # ", "  #  ", "  #  ", "  #  "],
        "Z": ["#####", "   # ", "  #  ", " #   ", "#####"],
    ]
}
