import ArgumentParser
import MotCuaCore

struct CallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call", abstract: "Gọi số tiếp theo đến quầy (ưu tiên trước, rồi theo thứ tự lấy số); không còn ai chờ: mã 1.")
    @OptionGroup var options: CounterOptions
    func run() throws { try options.perform({ .call(counter: $0) }, done: "Mời") }
}

struct RecallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall", abstract: "Gọi lại số đang gọi ở quầy, hoặc (--number) một số đã đánh dấu vắng mặt.")
    @OptionGroup var options: CounterOptions
    @Option(help: "Số đã vắng mặt cần gọi lại (ví dụ A012).") var number: String?
    func run() throws { try options.perform({ .recall(counter: $0, number: number) }, done: "Gọi lại") }
}

struct NoShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "no-show", abstract: "Đánh dấu số đang gọi ở quầy là vắng mặt.")
    @OptionGroup var options: CounterOptions
    func run() throws { try options.perform({ .noShow(counter: $0) }, done: "Vắng mặt") }
}

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Bắt đầu phục vụ số đang gọi ở quầy; --done: xong phục vụ.")
    @OptionGroup var options: CounterOptions
    @Flag(help: "Xong phục vụ (thời gian phục vụ = xong − bắt đầu).") var done = false
    func run() throws {
        if done {
            try options.perform({ .finish(counter: $0) }, done: "Xong phục vụ")
        } else {
            try options.perform({ .start(counter: $0) }, done: "Đang phục vụ")
        }
    }
}
