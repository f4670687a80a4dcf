import Foundation

/// An editable line of text, by grapheme. IME-safe: Telex/VNI input methods send a backspace
/// and the composed letter, so Backspace removes one whole Character; a combining mark typed
/// on its own joins the previous Character; the value is NFC.
public struct TextField: Equatable, Sendable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int
    public let limit: Int

    public init(_ text: String = "", limit: Int = 200) {
        characters = Array(text)
        cursor = characters.count
        self.limit = limit
    }

    public var text: String { String(characters).precomposedStringWithCanonicalMapping }
    public var isEmpty: Bool { characters.isEmpty }

    public mutating func insert(_ c: Character) {
        if let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1,
           scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark {
            guard cursor > 0 else { return }
            characters[cursor - 1] = Character(String(characters[cursor - 1]) + String(c))
            return
        }
        guard characters.count < limit else { return }
        characters.insert(c, at: cursor)
        cursor += 1
    }

    public mutating func insert(_ text: String) { for c in text { insert(c) } }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = characters.count }

    public mutating func clear() {
        characters = []
        cursor = 0
    }

    /// Applies an editing key; false when the key is not an editing key.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let c): insert(c)
        case .backspace, .control("h"): backspace()
        case .delete: deleteForward()
        case .left: moveLeft()
        case .right: moveRight()
        case .home, .control("a"): moveHome()
        case .end, .control("e"): moveEnd()
        case .control("u"): clear()
        default: return false
        }
        return true
    }

    /// The visible part for a field `width` cells wide, and the cursor's column in it.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }
        var start = 0
        func cells(_ range: Range<Int>) -> Int { characters[range].reduce(0) { $0 + TextWidth.of($1) } }
        while cells(start..<cursor) > width - 1 { start += 1 }
        var end = start
        while end < characters.count, cells(start..<(end + 1)) <= width { end += 1 }
        return (String(characters[start..<end]), cells(start..<cursor))
    }
}
