import MotCuaCore

/// Everything the command line prints goes through here: in this module it stands in for Swift's
/// `print`. Stored text (a procedure code with ESC or BEL from a hand-edited catalogue, a name)
/// is shown with control pictures (␛, ␇), as the terminal app shows it; line breaks stay.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    Swift.print(DisplayText.sanitize(text, keepNewlines: true), terminator: terminator)
}
