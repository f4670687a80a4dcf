import ArgumentParser
import MotCuaCore

extension ResultForm: ExpressibleByArgument {}

struct ReturnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "return", abstract: "Trả kết quả cho người nộp, người được ủy quyền hoặc qua bưu chính.")
    @Option(name: .customLong("to-proxy"), help: "Họ tên người được ủy quyền nhận.") var toProxy: String?
    @Option(help: "Số vận đơn bưu chính.") var post: String?
    @Option(help: "Đánh giá của người dân khi nhận: very-satisfied, satisfied, unsatisfied (ghi cùng lần trả).") var rating: String?
    @Option(help: "Kèm --rating: năm chỉ số 2/1/0 (tiêu chí 1, 2, 3, 4, 7 của TT 01/2018).") var indices: String?
    @Option(help: "Hình thức kết quả trao: paper (bản giấy), electronic (điện tử), both (cả hai).") var form: ResultForm?
    @Flag(name: .customLong("unpaid-ok"), help: "Trả dù hồ sơ còn phí, lệ phí chưa thu (đã xác nhận); không có cờ này lệnh bị từ chối (mã 2).")
    var unpaidOK = false
    @OptionGroup var action: ActionOptions

    func validate() throws {
        if toProxy != nil && post != nil { throw CLIError.badInput("chọn một trong --to-proxy, --post") }
        if let rating { _ = try RatingInput.level(rating) }
        if indices != nil && rating == nil { throw CLIError.badInput("--indices đi kèm --rating") }
        _ = try RatingInput.indices(indices)
    }

    func run() throws {
        let method: ReturnMethod = toProxy.map { .proxy(name: $0) } ?? post.map { .post(waybill: $0) } ?? .applicant
        var rated: ReturnRating?
        if let rating {
            // One journal line: the return and the rating told to the clerk there.
            rated = .given(Rating(level: try RatingInput.level(rating), indices: try RatingInput.indices(indices), channel: .desk))
        }
        try action.performReturn(method, form: form, rating: rated, allowUnpaid: unpaidOK)
    }
}
