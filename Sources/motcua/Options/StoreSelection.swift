import ArgumentParser

/// `--data` and `--as`: which store, and which official an admin acts for. Output format is
/// another matter (`OutputOptions`, `FormatOption`).
struct StoreSelection: ParsableArguments {
    @OptionGroup var location: StoreLocation

    @Option(name: .customLong("as"), help: "Quản trị thao tác thay cho tài khoản LOGIN (được ghi cả hai tên).")
    var actAs: String?

    var directory: String { location.directory }
}
