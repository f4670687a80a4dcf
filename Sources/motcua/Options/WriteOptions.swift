import ArgumentParser

/// `--expect-version` and `--op`: how a write guards against lost updates and repeats.
struct WriteOptions: ParsableArguments {
    @Option(name: .customLong("expect-version"), help: "Chỉ ghi nếu hồ sơ đang ở phiên bản này (chống ghi đè).")
    var expectVersion: Int?

    @Option(name: .customLong("op"), help: "Khóa thao tác (idempotency): gửi lại cùng khóa không ghi thêm.")
    var op: String?
}
