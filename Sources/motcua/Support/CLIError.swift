/// A failure with the message for the person at the keyboard and the exit status for scripts.
/// A command's `validate()` throws only `badInput` (see `Entry`): argument-parser keeps the
/// message (`description`) but not the status.
struct CLIError: Error, CustomStringConvertible {
    static let badInputStatus: Int32 = 2
    static let conflictStatus: Int32 = 3
    /// The official's role may not do this (or see that office's figures): not bad input, not a fault.
    static let forbiddenStatus: Int32 = 4

    let message: String
    let exitCode: Int32

    var description: String { message }

    static func badInput(_ message: String) -> CLIError { CLIError(message: message, exitCode: badInputStatus) }
    static func conflict(_ message: String) -> CLIError { CLIError(message: message, exitCode: conflictStatus) }
    static func failure(_ message: String) -> CLIError { CLIError(message: message, exitCode: 1) }
}
