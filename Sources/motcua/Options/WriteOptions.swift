import ArgumentParser

/// `--expect-version` and `--op`: how a write guards against lost updates and repeats.
struct WriteOptions: ParsableArguments {
    @Option(name: .customLong("expect-version"), parsing: .unconditional, help: "Chỉ ghi nếu hồ sơ đang ở phiên bản này (chống ghi đè).")
    var expectVersion: Int?

    @Option(name: .customLong("op"), help: "Khóa thao tác (idempotency): gửi lại đúng lệnh này với cùng khóa (trong 30 ngày) không ghi thêm; cùng khóa cho lệnh khác bị từ chối (mã 2).")
    var op: String?

    func validate() throws {
        if let expectVersion, !(1...Int(Int32.max)).contains(expectVersion) {
            throw CLIError.badInput("--expect-version \(expectVersion): phải từ 1 đến \(Int32.max) (phiên bản hồ sơ, xem motcua show)")
        }
        if let op, op.isEmpty || op.count > 200 || op.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw CLIError.badInput("--op: khóa thao tác phải từ 1 đến 200 ký tự, không có ký tự điều khiển")
        }
    }
}
