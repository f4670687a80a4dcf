import Testing
@testable import TerminalUI

/// The hall screen's large numbers, as literal screens.
@Suite("Big block text")
struct BigTextTests {
    @Test func aTicketNumberInBlocks() {
        #expect(BigText.lines("A012") == [
            " ███  █████   █   █████",
            "█   █ █   █  ██       █",
            "█████ █   █   █   █████",
            "█   █ █   █   █   █    ",
            "█   █ █████  ███  █████",
        ])
        #expect(BigText.width("A012") == 23)
    }

    @Test func withoutUTF8AndDoubled() {
        #expect(BigText.lines("17", utf8: false) == [
            "  #   #####",
            " ##       #",
            "  #      # ",
            "  #     #  ",
            " ###    #  ",
        ])
        let big = BigText.lines("1", scale: 2)
        #expect(big.count == 10)
        #expect(big[0] == "    ██    " && big[1] == big[0])
        #expect(BigText.width("1", scale: 2) == 10)
    }

    @Test func everyDigitIsDistinctAndFiveByFive() {
        let digits = (0...9).map { BigText.lines(String($0)) }
        #expect(Set(digits).count == 10)
        #expect(digits.allSatisfy { $0.count == 5 && $0.allSatisfy { $0.count == 5 } })
        #expect(BigText.lines("?") == BigText.lines(" "))
    }
}
