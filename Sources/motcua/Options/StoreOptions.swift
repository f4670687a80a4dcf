import ArgumentParser

struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "Thư mục kho dữ liệu (mặc định: biến MOTCUA_DATA, rồi /var/lib/motcua).")
    var data: String?

    @Option(name: .customLong("as"), help: "Quản trị thao tác thay cho tài khoản LOGIN (được ghi cả hai tên).")
    var actAs: String?

    @Flag(name: .long, help: "In một tài liệu JSON trên stdout.")
    var json = false

    var directory: String {
        data ?? Environment.dataDirectory ?? Environment.defaultDataDirectory
    }
}
