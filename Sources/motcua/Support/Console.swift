import Foundation
import MotCuaCore

/// stdout for results, stderr for everything said to the person.
enum Console {
    /// One JSON document on stdout: indented for a person at a terminal, one line for a pipe.
    static func json(_ value: JSONText) {
        print(isatty(1) == 1 ? value.pretty : value.compact)
    }

    static func error(_ message: String) {
        let safe = DisplayText.sanitize(message, keepNewlines: true)
        let text = safe.hasSuffix("\n") ? safe : safe + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
