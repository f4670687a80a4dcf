import ArgumentParser
import MotCuaCore
import MotCuaDesk
import MotCuaStore

struct ReceiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive", abstract: "Tiếp nhận hồ sơ: cấp mã, tính hẹn trả, ghi bền rồi mới báo kết quả.")

    @Option(help: "Mã thủ tục trong danh mục (xem: motcua catalogue list).") var procedure: String
    @Option(help: "Họ tên người nộp.") var name: String
    @Option(help: "Số định danh cá nhân (CCCD 12 số; CMND 9 số cũ được ghi nhận kèm cảnh báo).") var id: String
    @Option(help: "Số điện thoại.") var phone: String
    @Option(help: "Địa chỉ.") var address: String?
    @Option(help: "Thư điện tử của người nộp (không bắt buộc): nhận thông báo qua kênh email (motcua notify).") var email: String?
    @Option(help: "Kênh nộp: direct (trực tiếp), postal (bưu chính), online (trực tuyến).") var channel: String = "direct"
    @Option(parsing: .singleValue, help: "Giấy tờ đã nhận (lặp lại được); mặc định: các giấy tờ bắt buộc của thủ tục.")
    var documents: [String] = []
    @Option(name: .customLong("proxy-name"), help: "Người nộp thay (ủy quyền).") var proxyName: String?
    @Option(name: .customLong("proxy-id"), help: "Số định danh người nộp thay.") var proxyID: String?
    @Option(name: .customLong("proxy-phone"), help: "Số điện thoại người nộp thay.") var proxyPhone: String?
    @Option(name: .customLong("proxy-document"), help: "Văn bản ủy quyền (số, ngày, nơi chứng thực), in trên giấy tiếp nhận.")
    var proxyDocument: String?
    @Option(name: .customLong("received-at"), help: "Thời điểm nhận hồ sơ giấy nếu trước bây giờ (dd/MM/yyyy HH:mm hoặc ISO 8601).") var receivedAt: String?
    @Option(help: "Số thứ tự công dân được gọi đến quầy (ví dụ A012); mặc định: số quầy của bạn đang phục vụ.") var ticket: String?
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions
    @OptionGroup var write: WriteOptions

    func validate() throws { _ = try intake() }

    func run() throws {
        let context = try StoreContext.open(store)
        let received = try context.desk.receive(try intake(), op: write.op, now: context.now)
        // Saved already: a key that cannot be made (full disk) leaves the receipt without a secret, not the command failed.
        let secret = try? context.desk.lookupSecret(of: received.dossier.summary)
        if output.json {
            Console.json(DossierJSON.receipt(received.commit, received.dossier.summary, lookupSecret: secret))
        } else {
            print(DossierText.receipt(received.commit, received.dossier.summary, lookupSecret: secret), terminator: "")
        }
    }

    /// The dossier as the options describe it (the channel and the time checked).
    private func intake() throws -> Intake {
        guard let channel = Channel(rawValue: channel) else {
            throw CLIError.badInput("--channel: '\(channel)' không hợp lệ (direct, postal, online)")
        }
        if proxyName == nil, proxyID != nil || proxyPhone != nil || proxyDocument != nil {
            throw CLIError.badInput("--proxy-id, --proxy-phone, --proxy-document cần kèm --proxy-name (họ tên người được ủy quyền)")
        }
        if let ticket, ticket.range(of: "^[A-Za-z][0-9]{3,4}$", options: .regularExpression) == nil {
            throw CLIError.badInput("--ticket '\(ticket)': số thứ tự là một chữ cái và ba chữ số (ví dụ A012)")
        }
        if let email, let issue = Validation.email(email).first { throw CLIError.badInput("--email: \(issue.message). Chưa ghi gì") }
        var intake = Intake(
            procedureCode: procedure,
            applicant: Person(name: name, idNumber: id, phone: phone, address: address, email: email),
            proxy: proxyName.map { Proxy(name: $0, idNumber: proxyID, phone: proxyPhone, authorisation: proxyDocument) },
            channel: channel,
            documents: documents.isEmpty ? nil : documents.map { ReceivedDocument(name: $0, originals: 1, copies: 0) },
            receivedAt: try receivedAt.map { try Parse.instant($0, option: "--received-at") })
        intake.ticket = ticket?.uppercased()
        return intake
    }
}
