import ArgumentParser
import MotCuaProvince

/// `--postgres URL`: the province's database (Docs/PROVINCE.md). Checked in `validate()`, so a
/// malformed address is bad input (exit 2) before any store or server is touched.
struct PostgresOption: ParsableArguments {
    @Option(name: .customLong("postgres"), help: ArgumentHelp(
        "Cơ sở dữ liệu tỉnh: postgres://NGƯỜI_DÙNG[:MẬT_KHẨU]@MÁY[:CỔNG]/CSDL[?sslmode=…&schema=…] (mật khẩu có thể để trong PGPASSWORD).",
        valueName: "URL"))
    var url: String

    func validate() throws {
        do { _ = try address() } catch { throw CLIError.badInput(error.description) }
    }

    func address() throws(ProvinceError) -> ProvinceAddress {
        try ProvinceAddress(url: url, environmentPassword: Environment.postgresPassword)
    }
}

extension ProvinceError {
    /// The CLI's failure for it: 2 a bad address, 4 a role not allowed, 1 the server or the journal.
    var cliError: CLIError {
        CLIError(message: description, exitCode: isBadInput ? CLIError.badInputStatus : isForbidden ? CLIError.forbiddenStatus : 1)
    }
}
