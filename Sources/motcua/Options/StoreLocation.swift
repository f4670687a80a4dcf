import ArgumentParser

/// `--data`: which store. `init` takes it alone; every other store command as part of `StoreSelection`.
struct StoreLocation: ParsableArguments {
    @Option(name: .customLong("data"), help: "Thư mục kho dữ liệu (mặc định: biến MOTCUA_DATA, rồi /var/lib/motcua).")
    var data: String?

    /// `--data`, else `MOTCUA_DATA`, else `/var/lib/motcua`.
    var directory: String {
        data ?? Environment.dataDirectory ?? Environment.defaultDataDirectory
    }
}
