import Foundation
import MotCuaCore

/// stdout for results, stderr for everything said to the person.
enum Console {
    /// One JSON document on stdout: indented for a person at a terminal, one line for a pipe.
    static func json(_ value: JSONText) {
        print(isatty(1) == 1 ? value.pretty : value.compact)
    }

    /// `json(.object(head + [(key, .array(items))]))`, written an item at a time.
    static func json(_ head: [(String, JSONText)], endingWithArray key: String,
                     items: ((JSONText) -> Void) throws -> Void) rethrows {
        try JSONText.writeObject(head, endingWithArray: key, pretty: isatty(1) == 1, items: items) { print($0, terminator: "") }
        print()
    }

    static func error(_ message: String) {
        let safe = DisplayText.sanitize(message, keepNewlines: true)
        let text = safe.hasSuffix("\n") ? safe : safe + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
