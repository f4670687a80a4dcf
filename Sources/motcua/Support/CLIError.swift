/// A failure with the message for the person at the keyboard and the exit status for scripts.
struct CLIError: Error {
    static let badInputStatus: Int32 = 2
    static let conflictStatus: Int32 = 3

    let message: String
    let exitCode: Int32

    static func badInput(_ message: String) -> CLIError { CLIError(message: message, exitCode: badInputStatus) }
    static func conflict(_ message: String) -> CLIError { CLIError(message: message, exitCode: conflictStatus) }
    static func failure(_ message: String) -> CLIError { CLIError(message: message, exitCode: 1) }
}
