/// One terminal cell: a whole grapheme and its role. The cell after a double-width grapheme
/// is a continuation and holds nothing of its own.
public struct Cell: Equatable, Sendable {
    public var character: Character
    public var role: StyleRole
    public var isContinuation: Bool

    public static let blank = Cell(character: " ", role: .normal, isContinuation: false)
}

public struct CursorPosition: Hashable, Sendable {
    public let x: Int
    public let y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// The screen as plain data. Views draw here; only a backend touches the terminal, and tests
/// read it back as text plus a role mask. Width handling lives here and nowhere else.
public struct ScreenBuffer: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor shows (a focused text field), or nil to hide it.
    public var cursor: CursorPosition?
    /// Draw boxes and rules with ASCII (`-|+`) when the terminal is not UTF-8.
    public var asciiOnly = false

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: max(0, size.width * size.height))
    }

    public var bounds: Rect { Rect(size: size) }

    public subscript(x: Int, y: Int) -> Cell { cells[y * size.width + x] }

    private func inside(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < size.width && y < size.height }

    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        let i = y * size.width + x
        // Never leave half of a wide grapheme behind.
        if cells[i].isContinuation, x > 0 { cells[i - 1] = Cell(character: " ", role: cells[i - 1].role, isContinuation: false) }
        if !cells[i].isContinuation, x + 1 < size.width, cells[i + 1].isContinuation, !cell.isContinuation {
            cells[i + 1] = Cell(character: " ", role: cells[i + 1].role, isContinuation: false)
        }
        cells[i] = cell
    }

    /// Fills a rectangle with a character and role.
    public mutating func fill(_ rect: Rect, role: StyleRole, character: Character = " ") {
        for y in max(0, rect.y)..<min(size.height, rect.maxY) {
            for x in max(0, rect.x)..<min(size.width, rect.maxX) {
                set(x, y, Cell(character: character, role: role, isContinuation: false))
            }
        }
    }

    /// Changes the role of a rectangle, keeping its text.
    public mutating func paint(_ rect: Rect, role: StyleRole) {
        for y in max(0, rect.y)..<min(size.height, rect.maxY) {
            for x in max(0, rect.x)..<min(size.width, rect.maxX) { cells[y * size.width + x].role = role }
        }
    }

    /// Writes `text` from (x, y), one grapheme per cell (two for wide ones), stopping at `maxWidth`
    /// cells or the right edge. Control characters never reach the buffer (they become �).
    /// Returns the number of cells written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < size.height else { return 0 }
        let limit = min(size.width, x + (maxWidth ?? size.width))
        // Text that does not fit ends with "…", never silently cut.
        let text = TextWidth.of(text) > limit - x ? TextWidth.truncate(text, to: limit - x) : text
        var column = x
        for raw in text {
            let c = Self.safe(raw)
            let w = TextWidth.of(c)
            if w == 0 { continue }
            if column + w > limit { break }
            if column >= 0 {
                set(column, y, Cell(character: c, role: role, isContinuation: false))
                if w == 2 { set(column + 1, y, Cell(character: " ", role: role, isContinuation: true)) }
            }
            column += w
        }
        return max(0, column - x)
    }

    /// Writes `text` truncated with … or padded to exactly `width` cells.
    public mutating func put(fitting text: String, x: Int, y: Int, width: Int, role: StyleRole, alignRight: Bool = false) {
        put(TextWidth.fit(text, to: width, alignRight: alignRight), x: x, y: y, role: role, maxWidth: width)
    }

    static func safe(_ c: Character) -> Character {
        guard let v = c.unicodeScalars.first?.value else { return c }
        return v < 0x20 || (0x7F..<0xA0).contains(v) ? "\u{FFFD}" : c
    }

    // MARK: - Lines and boxes (Unicode, or ASCII when the locale is not UTF-8)

    public mutating func horizontalRule(y: Int, x: Int, width: Int, role: StyleRole) {
        put(String(repeating: asciiOnly ? "-" : "─", count: max(0, width)), x: x, y: y, role: role, maxWidth: width)
    }

    public mutating func frame(_ rect: Rect, role: StyleRole, title: String? = nil, titleRole: StyleRole? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let (h, v, tl, tr, bl, br): (Character, Character, Character, Character, Character, Character) =
            asciiOnly ? ("-", "|", "+", "+", "+", "+") : ("─", "│", "┌", "┐", "└", "┘")
        put(String(tl) + String(repeating: h, count: rect.width - 2) + String(tr), x: rect.x, y: rect.y, role: role)
        put(String(bl) + String(repeating: h, count: rect.width - 2) + String(br), x: rect.x, y: rect.maxY - 1, role: role)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put(String(v), x: rect.x, y: y, role: role)
            put(String(v), x: rect.maxX - 1, y: y, role: role)
        }
        if let title, rect.width > 4 {
            put(" \(title) ", x: rect.x + 2, y: rect.y, role: titleRole ?? role, maxWidth: rect.width - 4)
        }
    }

    // MARK: - Reading back (tests, snapshots)

    /// The screen as text, one string per row.
    public var lines: [String] {
        (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width where !self[x, y].isContinuation { line.append(self[x, y].character) }
            return line
        }
    }

    /// One role letter per cell (see `StyleRole.maskLetter`).
    public var roleMask: [String] {
        (0..<size.height).map { y in String((0..<size.width).map { self[$0, y].role.maskLetter }) }
    }

    /// Whether any row contains `text`.
    public func contains(_ text: String) -> Bool { lines.contains { $0.contains(text) } }

    /// The first (x, y) where `text` starts, counted in cells.
    public func find(_ text: String) -> CursorPosition? {
        for (y, line) in lines.enumerated() {
            guard let range = line.range(of: text) else { continue }
            return CursorPosition(x: TextWidth.of(String(line[..<range.lowerBound])), y: y)
        }
        return nil
    }
}
