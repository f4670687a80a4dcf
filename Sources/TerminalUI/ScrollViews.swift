/// A line of text and the role it is drawn in.
public struct StyledLine: Equatable, Sendable {
    public var text: String
    public var role: StyleRole
    /// The first `leadWidth` cells are drawn in `leadRole` instead ("Hẹn trả: 17:00 04/11/2026" plain
    /// before a red "!! QUÁ HẠN"): a label that keeps its look is not sent again when the rest changes.
    public var leadWidth: Int
    public var leadRole: StyleRole

    public init(_ text: String, _ role: StyleRole = .normal, lead: (width: Int, role: StyleRole) = (0, .normal)) {
        self.text = text
        self.role = role
        leadWidth = lead.width
        leadRole = lead.role
    }
}

/// Lines of text with roles, shown from a scroll offset. The offset is clamped to the content
/// when drawn, so the last page stays full and scrolling past the end shows the end.
public struct TextView: Equatable, Sendable {
    public var lines: [StyledLine]
    public var scroll: Int

    public init(_ lines: [StyledLine], scroll: Int = 0) {
        self.lines = lines
        self.scroll = scroll
    }

    public init(_ lines: [(String, StyleRole)], scroll: Int = 0) {
        self.init(lines.map { StyledLine($0.0, $0.1) }, scroll: scroll)
    }

    /// Plain text, one line per newline, all in one role.
    public init(text: String, role: StyleRole = .normal, scroll: Int = 0) {
        self.init(text.split(separator: "\n", omittingEmptySubsequences: false).map { StyledLine(String($0), role) }, scroll: scroll)
    }

    /// The largest offset that still fills `rows` rows.
    public func maxScroll(rows: Int) -> Int { max(0, lines.count - max(0, rows)) }

    /// The first line shown in `rows` rows: the offset clamped to the content.
    public func firstLine(rows: Int) -> Int { max(0, min(scroll, maxScroll(rows: rows))) }

    /// The indices of the lines shown in `rows` rows.
    public func visible(rows: Int) -> Range<Int> {
        let first = firstLine(rows: rows)
        return first..<min(lines.count, first + max(0, rows))
    }

    /// Draws the visible lines, one per row of `rect`, each cut or padded to its width.
    public func draw(in buffer: inout ScreenBuffer, _ rect: Rect) {
        for (row, index) in visible(rows: rect.height).enumerated() {
            let line = lines[index]
            buffer.put(fitting: line.text, x: rect.x, y: rect.y + row, width: rect.width, role: line.role)
            if line.leadWidth > 0 {
                buffer.paint(Rect(x: rect.x, y: rect.y + row, width: min(line.leadWidth, rect.width), height: 1), role: line.leadRole)
            }
        }
    }
}

/// A list window: which rows of a list of `count` show in a given height, and which is selected.
/// The rows are drawn by the caller (lists have columns); the window is computed here.
public struct ListView: Equatable, Sendable {
    public enum Window: Equatable, Sendable {
        /// From an offset the caller keeps (the reducer moves it with the selection).
        case offset(Int)
        /// From an offset, moved just enough for the selection to show, clamped to the content.
        case revealing(from: Int)
        /// The selection in the middle, clamped to the content.
        case centred
    }

    /// One row to draw: its index in the list, its rectangle, whether it is the selection.
    public struct Row: Equatable, Sendable {
        public let index: Int
        public let rect: Rect
        public let isSelected: Bool
    }

    public var count: Int
    public var selection: Int?
    public var window: Window

    public init(count: Int, selection: Int?, window: Window) {
        self.count = count
        self.selection = selection
        self.window = window
    }

    /// The first row shown in `rows` rows.
    public func firstRow(rows: Int) -> Int {
        let rows = max(0, rows)
        let last = max(0, count - rows)
        switch window {
        case .offset(let offset):
            return max(0, offset)
        case .revealing(let from):
            var first = from
            if let selection {
                if selection < first { first = selection }
                if selection >= first + rows { first = selection - rows + 1 }
            }
            return max(0, min(first, last))
        case .centred:
            return max(0, min((selection ?? 0) - rows / 2, last))
        }
    }

    /// The indices of the rows shown in `rows` rows.
    public func visible(rows: Int) -> Range<Int> {
        let first = min(count, firstRow(rows: rows))
        return first..<min(count, first + max(0, rows))
    }

    /// Calls `row` for each visible row, top to bottom, one terminal row each; `row` returns false
    /// to stop early (rows not fetched yet).
    public func draw(in buffer: inout ScreenBuffer, _ rect: Rect, _ row: (inout ScreenBuffer, Row) -> Bool) {
        for (offset, index) in visible(rows: rect.height).enumerated() {
            let line = Row(index: index, rect: Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: 1),
                           isSelected: index == selection)
            if !row(&buffer, line) { return }
        }
    }
}
