import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaStore

/// Runs `motcua` and turns every failure into the exit status scripts rely on:
/// 2 bad input, 3 conflict, 1 anything else; messages on stderr, nothing on stdout.
@main
enum Entry {
    static func main() {
        // Past a file-size limit (ulimit -f) a write must fail with EFBIG, reported as a full disk
        // with nothing partial left, instead of the default SIGXFSZ killing the process mid-write.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try MotCua.parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            Console.error(error.message)
            exit(error.exitCode)
        } catch let error as StoreError {
            Console.error("lỗi: \(error)")
            switch error {
            case .conflict: exit(CLIError.conflictStatus)
            default: exit(error.isBadInput ? CLIError.badInputStatus : 1)
            }
        } catch {
            let code = MotCua.exitCode(for: error)
            if code == .success { MotCua.exit(withError: error) }   // --help, --version
            Console.error(MotCua.fullMessage(for: error))
            exit(code == .validationFailure ? CLIError.badInputStatus : code.rawValue)
        }
    }
}
