import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaTUI
import TerminalUI

@Suite("Key tables: one source for the keys, the bar, the hints and the help")
struct KeyMapTests {
    /// A key bound twice in one table would never reach its second binding.
    func expectEachKeyOnce<C>(_ table: KeyMapTable<C>, sourceLocation: SourceLocation = #_sourceLocation) {
        var seen: [Key: Int] = [:]
        for binding in table.bindings { for key in binding.keys { seen[key, default: 0] += 1 } }
        let twice = seen.filter { $0.value > 1 }.map(\.key.label).sorted()
        #expect(twice.isEmpty, "\(table.title): \(twice) bound more than once", sourceLocation: sourceLocation)
    }

    @Test func noKeyIsBoundTwiceInATable() {
        expectEachKeyOnce(KeyMap.browse)
        expectEachKeyOnce(KeyMap.filter)
        expectEachKeyOnce(KeyMap.detail)
        expectEachKeyOnce(KeyMap.help)
        expectEachKeyOnce(KeyMap.form)
        expectEachKeyOnce(KeyMap.cancelIntake)
        expectEachKeyOnce(KeyMap.actionMenu)
        expectEachKeyOnce(KeyMap.dialog)
        expectEachKeyOnce(KeyMap.print)
        expectEachKeyOnce(KeyMap.receipt)
        expectEachKeyOnce(KeyMap.supervisor)
        expectEachKeyOnce(KeyMap.report)
        expectEachKeyOnce(KeyMap.scorecard)
        expectEachKeyOnce(KeyMap.confirmQuit)
        expectEachKeyOnce(KeyMap.draftOffer)
        expectEachKeyOnce(KeyMap.counterQueue)
        #expect(KeyMap.all.count == 16)
    }

    @Test func everyActionHasItsOwnLetterInTheMenuTable() {
        let letters = DossierAction.allCases.map(ActionMenu.letter)
        #expect(!letters.contains("?"))
        #expect(Set(letters).count == DossierAction.allCases.count)
        for action in DossierAction.allCases {
            #expect(KeyMap.actionMenu.command(for: .character(ActionMenu.letter(action))) == .choose(action))
        }
    }

    @Test func keysJoinIntoShortLabels() {
        #expect(Key.hintLabel([.up, .down], separator: "/") == "↑↓")
        #expect(Key.hintLabel([.up, .down, .pageUp, .pageDown], separator: " ") == "↑↓ PgUp PgDn")
        #expect(Key.hintLabel((1...8).map { .character(Character(String($0))) }, separator: "/") == "1–8")
        #expect(Key.hintLabel([.character("1"), .character("3"), .character("4")], separator: ",") == "1,3,4")
        #expect(Key.hintLabel([.tab, .down], separator: "/") == "Tab/↓")
        #expect(Key.hintLabel([.function(2), .control("o")], separator: " hoặc ") == "F2 hoặc Ctrl-O")
    }

    @Test func aHintLeavesOutCommandsTheTableDoesNotBind() {
        let table = KeyMapTable<QuitCommand>(title: "t", bindings: [KeyBinding([.enter], .quit, "Thoát")])
        #expect(table.hint([KeyHint(.quit, label: "thoát"), KeyHint(.stay, label: "ở lại")], key: ": ") == "Enter: thoát")
    }

    /// The hint lines say what they said when they were written by hand.
    @Test(arguments: [
        (KeyMap.browseHint, "↑↓ chọn  Enter mở  Tab đổi khung  / lọc  1–8 đổi danh sách  F1 trợ giúp"),
        (KeyMap.keptFilterHint, "/ sửa, Esc xóa"),
        (KeyMap.filterHint, "Enter: giữ lọc  Esc: xóa lọc"),
        (KeyMap.detailPaneHint, "Enter: xem đầy đủ"),
        (KeyMap.detailHint, "↑↓ PgUp PgDn cuộn · Esc quay lại"),
        (KeyMap.formHint, "Tab/↓ ô sau · Shift-Tab/↑ ô trước · F2 hoặc Ctrl-O lưu · Esc hủy"),
        (KeyMap.procedureListHint, "↑↓ chọn · Enter"),
        (KeyMap.channelHint, "←→ đổi"),
        (KeyMap.documentsHint, "Space đánh dấu"),
        (KeyMap.explainHint, "F5: diễn giải"),
        (KeyMap.cancelIntakeHint, "Enter: bỏ"),
        (KeyMap.emptyMenuHint, "Esc: đóng"),
        (KeyMap.dialogHint, "Enter/F2 xác nhận · Tab ô sau · ←→ đổi lựa chọn · Esc hủy"),
        (KeyMap.printFormatHint, "h đổi"),
        (KeyMap.printHint, "l đổi · Enter in · Esc đóng"),
        (KeyMap.receiptHint, "F7: ghi ra tệp để in · Esc: về danh sách"),
        (KeyMap.supervisorHint, "Tab đổi nhóm · Enter mở hồ sơ · Esc quay lại"),
        (KeyMap.reportHint, "Tab chuyển ô · ←→ đổi nhóm · Enter tính · ↑↓ cuộn · Esc quay lại"),
        (KeyMap.confirmQuitHint, "Enter: thoát   Esc: ở lại"),
        (KeyMap.draftOfferHint, "Enter: nhập tiếp   Del: bỏ bản nháp   Esc: để sau"),
        (KeyMap.tooSmallHint, "F10 hoặc q để thoát"),
    ])
    func hintLines(generated: String, expected: String) {
        #expect(generated == expected)
    }
}
