import ArgumentParser
import MotCuaCore
import MotCuaStore

/// The repair for months that grew after they were sealed (Docs/DEPLOYMENT.md, "Tháng đã đóng bị ghi thêm").
struct ResealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reseal",
        abstract: "Sửa SEALED khi tháng đã đóng bị ghi thêm dòng (quản trị): chỉ khi phần đã ghi nhận vẫn nguyên vẹn.")

    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try StoreContext.open(store)
        let months = try context.store.resealGrownMonths(actor: context.actor, now: context.now)
        if output.json {
            Console.json(.object([("resealed", .array(months.map {
                .object([("segment", .string($0.segment)), ("recordedBytes", .int($0.recordedBytes)), ("bytes", .int($0.bytes))])
            }))]))
        } else if months.isEmpty {
            print("Mọi tháng đã đóng khớp SEALED; không cần sửa.")
        } else {
            for m in months { print("Đã đóng lại \(m.segment): \(m.recordedBytes) → \(m.bytes) byte") }
            print("SEALED cũ giữ ở journal/SEALED.before-reseal-*; chạy motcua check để kiểm tra.")
        }
    }
}
