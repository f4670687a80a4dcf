import ArgumentParser

/// `--data`: which store. `init` takes it alone; every other store command as part of `StoreSelection`.
struct StoreLocation: ParsableArguments {
    @Option(name: .customLong("data"), help: "Thư mục kho dữ liệu của chính bạn, ví dụ kho đào tạo (mặc định: biến MOTCUA_DATA, rồi kho ghi trong /etc/motcua/motcua.conf, rồi /var/lib/motcua). Khi motcua được cài setgid, dùng --data hay MOTCUA_DATA thì motcua bỏ quyền nhóm của kho cơ quan.")
    var data: String?

    /// `--data`, else `MOTCUA_DATA`, else the store of the root-owned configuration, else
    /// `/var/lib/motcua`. A set-group-ID motcua has already dropped its group for the first two
    /// (`Privilege.hardenAtStart`).
    var directory: String {
        data ?? Environment.dataDirectory ?? Installation.storeDirectory
    }
}
