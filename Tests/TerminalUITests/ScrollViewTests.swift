import Testing
@testable import TerminalUI

@Suite("Text views scroll within their content")
struct TextViewTests {
    static let ten = TextView((1...10).map { StyledLine("dòng \($0)", $0 == 1 ? .label : .normal) })

    @Test func theOffsetIsClampedSoTheLastPageStaysFull() {
        var view = Self.ten
        #expect(view.firstLine(rows: 4) == 0 && view.visible(rows: 4) == 0..<4)
        view.scroll = 3
        #expect(view.visible(rows: 4) == 3..<7)
        view.scroll = 50
        #expect(view.firstLine(rows: 4) == 6 && view.visible(rows: 4) == 6..<10)
        #expect(view.maxScroll(rows: 4) == 6 && view.maxScroll(rows: 20) == 0)
        view.scroll = -5
        #expect(view.firstLine(rows: 4) == 0)
    }

    @Test func shortContentStartsAtTheTopWhateverTheOffset() {
        let view = TextView([("a", .normal), ("b", .muted)], scroll: 7)
        #expect(view.visible(rows: 5) == 0..<2)
    }

    @Test func itDrawsOneLinePerRowCutToTheWidthInTheLinesRoles() {
        var buffer = ScreenBuffer(size: Size(width: 9, height: 4))
        var view = Self.ten
        view.scroll = 0
        view.draw(in: &buffer, Rect(x: 1, y: 1, width: 7, height: 2))
        #expect(buffer.lines == ["         ", " dòng 1  ", " dòng 2  ", "         "])
        #expect(buffer.roleMask[1] == ".lllllll." && buffer.roleMask[2] == ".........")
        view.scroll = 99
        var end = ScreenBuffer(size: Size(width: 8, height: 2))
        view.draw(in: &end, Rect(x: 0, y: 0, width: 6, height: 2))
        #expect(end.lines == ["dòng 9  ", "dòng …  "])
    }

    @Test func plainTextSplitsAtNewlinesKeepingEmptyLines() {
        let view = TextView(text: "một\n\nba", role: .muted)
        #expect(view.lines == [StyledLine("một", .muted), StyledLine("", .muted), StyledLine("ba", .muted)])
    }
}

@Suite("List views keep the selection in their window")
struct ListViewTests {
    @Test func anOffsetWindowStartsWhereTheCallerSays() {
        let list = ListView(count: 10, selection: 9, window: .offset(4))
        #expect(list.visible(rows: 3) == 4..<7)                 // the caller keeps the selection visible
        #expect(ListView(count: 10, selection: nil, window: .offset(8)).visible(rows: 5) == 8..<10)
        #expect(ListView(count: 3, selection: nil, window: .offset(5)).visible(rows: 5).isEmpty)
    }

    @Test func aRevealingWindowMovesJustEnough() {
        #expect(ListView(count: 10, selection: 2, window: .revealing(from: 0)).visible(rows: 4) == 0..<4)
        #expect(ListView(count: 10, selection: 5, window: .revealing(from: 0)).visible(rows: 4) == 2..<6)
        #expect(ListView(count: 10, selection: 1, window: .revealing(from: 5)).visible(rows: 4) == 1..<5)
        #expect(ListView(count: 10, selection: nil, window: .revealing(from: 9)).visible(rows: 4) == 6..<10)
        #expect(ListView(count: 2, selection: 1, window: .revealing(from: 0)).visible(rows: 4) == 0..<2)
    }

    @Test func aCentredWindowIsClampedAtBothEnds() {
        #expect(ListView(count: 20, selection: 10, window: .centred).visible(rows: 5) == 8..<13)
        #expect(ListView(count: 20, selection: 1, window: .centred).visible(rows: 5) == 0..<5)
        #expect(ListView(count: 20, selection: 19, window: .centred).visible(rows: 5) == 15..<20)
        #expect(ListView(count: 3, selection: 2, window: .centred).visible(rows: 5) == 0..<3)
    }

    @Test func drawingGivesEachVisibleRowItsRectAndCanStopEarly() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 4))
        var drawn: [ListView.Row] = []
        ListView(count: 10, selection: 4, window: .centred).draw(in: &buffer, Rect(x: 1, y: 1, width: 5, height: 3)) { buffer, row in
            drawn.append(row)
            buffer.put("\(row.index)", x: row.rect.x, y: row.rect.y, role: row.isSelected ? .selected : .normal)
            return row.index < 4
        }
        #expect(drawn.map(\.index) == [3, 4])
        #expect(drawn.map(\.isSelected) == [false, true])
        #expect(drawn.last?.rect == Rect(x: 1, y: 2, width: 5, height: 1))
        #expect(buffer.lines == ["      ", " 3    ", " 4    ", "      "])
        #expect(buffer.roleMask[2] == ".s....")
    }
}
