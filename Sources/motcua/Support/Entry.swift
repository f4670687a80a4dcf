import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaStore

/// Runs `motcua` and turns every failure into the exit status scripts rely on:
/// 2 bad input, 3 conflict, 4 not allowed for this official's role, 1 anything else; messages on stderr, nothing on stdout.
@main
enum Entry {
    static func main() {
        // Past a file-size limit (ulimit -f) a write must fail with EFBIG, reported as a full disk
        // with nothing partial left, instead of the default SIGXFSZ killing the process mid-write.
        signal(SIGXFSZ, SIG_IGN)
        // Set-group-ID to the store's group: no core dumps, terminfo variables gone, and the group
        // dropped at once when the user names a store path of their own.
        Privilege.hardenAtStart(arguments: CommandLine.arguments)
        var command: ParsableCommand
        do {
            command = try MotCua.parseAsRoot()
        } catch {
            exitParsing(error)
        }
        do {
            try command.run()
        } catch {
            exitRunning(error)
        }
    }

    /// What parsing throws: `--version` and some `--help` (exit 0); the parser's own complaints, printed
    /// with the usage; what a command's `validate()` throws, a `CLIError.badInput` that
    /// argument-parser hands back as a plain failure, printed as its message alone.
    private static func exitParsing(_ error: Error) -> Never {
        let code = MotCua.exitCode(for: error)
        if code == .success { exitWithHelp(error) }
        if code == .failure {
            Console.error(ParserText.message(MotCua.message(for: error)))
            exit(CLIError.badInputStatus)
        }
        Console.error(ParserText.vietnamese(MotCua.fullMessage(for: error)))
        exit(code == .validationFailure ? CLIError.badInputStatus : code.rawValue)
    }

    private static func exitRunning(_ error: Error) -> Never {
        switch error {
        case let error as CLIError:
            Console.error(error.message)
            exit(error.exitCode)
        case let error as StoreError:
            Console.error("lỗi: \(error)")
            if Privilege.droppedForUserPath, case .io = error {
                Console.error("(motcua đã bỏ quyền nhóm vì --data/MOTCUA_DATA chỉ dùng cho kho của chính bạn; bỏ chúng để dùng kho của cơ quan)")
            }
            switch error {
            case .conflict: exit(CLIError.conflictStatus)
            case .forbidden, .userRemoved: exit(CLIError.forbiddenStatus)
            default: exit(error.isBadInput ? CLIError.badInputStatus : 1)
            }
        case let error as SystemError:
            Console.error("lỗi: \(StoreError.io(error))")
            exit(1)
        default:
            // `motcua help …` and `--help` after a subcommand parse as a help command whose run() asks for
            // the help (exit 0); check and doctor throw ExitCode(1).
            let code = MotCua.exitCode(for: error)
            if code == .success { exitWithHelp(error) }
            Console.error(ParserText.vietnamese(MotCua.fullMessage(for: error)))
            exit(code == .validationFailure ? CLIError.badInputStatus : code.rawValue)
        }
    }

    /// `--help`, `help …` and `--version`: the text on stdout, its headings in Vietnamese, exit 0.
    private static func exitWithHelp(_ error: Error) -> Never {
        let text = ParserText.vietnamese(MotCua.fullMessage(for: error))
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        exit(0)
    }
}
