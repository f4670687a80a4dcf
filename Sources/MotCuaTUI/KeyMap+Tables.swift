import MotCuaCore
import TerminalUI

// Every mode's keys. `update` dispatches from these tables; the F-key bar, the hint lines, the
// help screen (F1) and the README's key section are generated from them.

public enum BrowseCommand: Equatable, Sendable {
    case help, intake, transfer, resultReady, returnResult, actions, print, supervisor, report, quit
    case filter, escape, nextPane, previousPane, open, up, down, pageUp, pageDown, top, bottom, view(QueueView), redraw
    /// The number queue at the clerk's counter (issue 16).
    case callNext, recall, noShow, counterQueue
}

public enum FilterCommand: Equatable, Sendable {
    case keep, clear, up, down
}

/// The help screen and the full-screen detail: text that scrolls.
public enum ScrollCommand: Equatable, Sendable {
    case close, up, down, pageUp, pageDown, top
}

public enum FormCommand: Equatable, Sendable {
    case next, previous, down, up, save, cancel, toggle, explain, choose, previousChoice, nextChoice
    /// On a document row: one original more or fewer, one copy more or fewer.
    case moreOriginals, fewerOriginals, moreCopies, fewerCopies
    /// The fee was paid in cash, in full: the payment and its receipt are written with the dossier.
    case paidInCash
}

public enum CancelIntakeCommand: Equatable, Sendable {
    case discard
}

public enum ActionMenuCommand: Equatable, Sendable {
    case close, up, down, open, choose(DossierAction)
    /// Thu phí: the fee dialog, after the actions.
    case fee
    /// Số hóa giấy tờ: each paper's status, one marked scanned (asking for the file) or reused.
    case documents
}

public enum DialogCommand: Equatable, Sendable {
    case cancel, confirm, nextOrConfirm, next, previous, previousChoice, nextChoice
}

public enum PrintCommand: Equatable, Sendable {
    case close, up, down, toggleFormat, togglePrinter, print
}

public enum ReceiptCommand: Equatable, Sendable {
    case write, close, up, down, pageUp, pageDown
}

public enum SupervisorCommand: Equatable, Sendable {
    case open, nextGrouping, close, group(OverdueReport.Grouping), up, down, pageUp, pageDown
}

public enum ReportCommand: Equatable, Sendable {
    case compute, nextField, scorecard, close, previousField, previousGrouping, nextGrouping, up, down, pageUp, pageDown
}

public enum ScorecardCommand: Equatable, Sendable {
    case report, previousMonth, nextMonth, toggleRule, close, up, down, pageUp, pageDown
}

public enum QuitCommand: Equatable, Sendable {
    case quit, stay
}

public enum DraftCommand: Equatable, Sendable {
    case resume, discard, later
}

public enum KeyMap {
    public static let browse = KeyMapTable<BrowseCommand>(title: "Danh sách hồ sơ", bindings: [
        KeyBinding([.function(1), .character("?")], .help, bar: "Giúp", "Trợ giúp (màn hình này)"),
        KeyBinding([.function(2), .character("n")], .intake, bar: "Nhận", "Tiếp nhận hồ sơ mới"),
        KeyBinding([.function(3), .character("t")], .transfer, bar: "Chuyển", "Chuyển hồ sơ đang chọn cho phòng ban"),
        KeyBinding([.function(4), .character("k")], .resultReady, bar: "Có KQ", "Ghi nhận hồ sơ đã có kết quả"),
        KeyBinding([.function(5), .character("r")], .returnResult, bar: "Trả", "Trả kết quả cho người nộp"),
        KeyBinding([.function(6), .character("a")], .actions, bar: "Thao tác", "Mọi thao tác được phép với hồ sơ đang chọn (bổ sung, tạm dừng, từ chối, gia hạn, ghi chú…)"),
        KeyBinding([.function(7), .character("p")], .print, bar: "In", "In giấy tờ của hồ sơ (biên nhận, phiếu kiểm soát…)"),
        KeyBinding([.function(8), .character("g")], .supervisor, bar: "Giám sát", "Hồ sơ quá hạn theo phòng ban / cán bộ"),
        KeyBinding([.function(9), .character("b")], .report, bar: "Báo cáo", "Báo cáo thống kê theo kỳ"),
        KeyBinding([.function(10), .character("q")], .quit, bar: "Thoát", "Thoát motcua"),
        KeyBinding([.character("/")], .filter, "Lọc nhanh theo tên, mã, số định danh, điện thoại (không cần dấu); Esc xóa lọc"),
        KeyBinding([.escape], .escape, "Xóa lọc nhanh; khi không có lọc: Esc rồi (trong 1 giây) một số 1–9, 0 thay cho F1–F10"),
        KeyBinding([.tab], .nextPane, "Sang khung kế tiếp (danh sách → chi tiết → cảnh báo)"),
        KeyBinding([.backTab], .previousPane, "Về khung trước"),
        KeyBinding([.enter], .open, "Mở toàn bộ chi tiết hồ sơ đang chọn (ở khung Cảnh báo hạn: hồ sơ gấp nhất)"),
        KeyBinding([.up, .control("p")], .up, "Lên một dòng"),
        KeyBinding([.down, .control("n")], .down, "Xuống một dòng"),
        KeyBinding([.pageUp], .pageUp, "Lên một trang"),
        KeyBinding([.pageDown], .pageDown, "Xuống một trang"),
        KeyBinding([.home], .top, "Về đầu danh sách"),
        KeyBinding([.end], .bottom, "Xuống cuối danh sách"),
        KeyBinding([.control("l")], .redraw, "Vẽ lại màn hình"),
        KeyBinding([.character("c")], .callNext, "Hàng đợi số: gọi số tiếp theo đến quầy của bạn (ưu tiên trước)"),
        KeyBinding([.character("l")], .recall, "Hàng đợi số: gọi lại số đang gọi"),
        KeyBinding([.character("v")], .noShow, "Hàng đợi số: số đang gọi vắng mặt"),
        KeyBinding([.character("0")], .counterQueue, "Xem: hàng đợi số (ai đang chờ, chờ bao lâu)"),
    ] + QueueView.allCases.map { v in
        KeyBinding([.character(Character(String(v.rawValue)))], .view(v), "Xem: \(v.title)")
    })

    public static let filter = KeyMapTable<FilterCommand>(title: "Ô lọc nhanh (/)", bindings: [
        KeyBinding([.enter, .tab], .keep, "Giữ lọc, về danh sách"),
        KeyBinding([.escape], .clear, "Xóa lọc, về danh sách"),
        KeyBinding([.up], .up, "Giữ lọc, chọn dòng trên"),
        KeyBinding([.down], .down, "Giữ lọc, chọn dòng dưới"),
    ])

    public static let detail = KeyMapTable<ScrollCommand>(title: "Chi tiết hồ sơ (Enter); các phím F của danh sách vẫn dùng được", bindings: [
        KeyBinding([.escape, .enter], .close, "Về danh sách"),
        KeyBinding([.up], .up, "Lên một dòng"),
        KeyBinding([.down], .down, "Xuống một dòng"),
        KeyBinding([.pageUp], .pageUp, "Lên một trang"),
        KeyBinding([.pageDown, .character(" ")], .pageDown, "Xuống một trang"),
        KeyBinding([.home], .top, "Về đầu"),
    ])

    public static let help = KeyMapTable<ScrollCommand>(title: "Trợ giúp (F1)", bindings: [
        KeyBinding([.escape, .enter, .character("q"), .function(10), .function(1)], .close, bar: "Đóng", "Đóng trợ giúp"),
        KeyBinding([.pageDown, .character(" ")], .pageDown, bar: "Trang sau", "Trang sau"),
        KeyBinding([.pageUp], .pageUp, bar: "Trang trước", "Trang trước"),
        KeyBinding([.up], .up, "Lên một dòng"),
        KeyBinding([.down], .down, "Xuống một dòng"),
        KeyBinding([.home], .top, "Về đầu"),
    ])

    public static let form = KeyMapTable<FormCommand>(title: "Biểu mẫu tiếp nhận (F2)", bindings: [
        KeyBinding([.function(2), .control("o")], .save, bar: "Lưu", "Lưu (ghi bền xuống đĩa rồi mới báo đã lưu)"),
        KeyBinding([.function(5)], .explain, bar: "Diễn giải", "Xem / ẩn diễn giải cách tính hẹn trả"),
        KeyBinding([.function(6)], .paidInCash, bar: "Đã thu", "Đánh dấu / bỏ: đã thu đủ phí, lệ phí bằng tiền mặt (lưu hồ sơ kèm biên lai)"),
        KeyBinding([.escape], .cancel, bar: "Hủy", "Đóng diễn giải (F5) nếu đang mở; không thì hủy (hỏi lại nếu đã nhập)"),
        KeyBinding([.tab], .next, "Sang ô kế tiếp (ở ô thủ tục: chọn thủ tục đang sáng, như Enter)"),
        KeyBinding([.down], .down, "Sang ô kế tiếp; ở ô thủ tục: thủ tục khớp sau"),
        KeyBinding([.backTab], .previous, "Về ô trước"),
        KeyBinding([.up], .up, "Về ô trước; ở ô thủ tục: thủ tục khớp trước"),
        KeyBinding([.enter], .choose, "Chọn mục trong danh sách / sang ô kế tiếp (ở ô cuối: lưu)"),
        KeyBinding([.character(" ")], .toggle, "Đánh dấu giấy tờ; đổi lựa chọn (ở ô chữ, phím cách là chữ)"),
        KeyBinding([.left], .previousChoice, "Ở ô kênh nộp: kênh trước (ở ô chữ: lùi con trỏ)"),
        KeyBinding([.right], .nextChoice, "Ở ô kênh nộp: kênh sau (ở ô chữ: tiến con trỏ)"),
        KeyBinding([.character("+")], .moreOriginals, "Ở dòng giấy tờ: thêm một bản chính"),
        KeyBinding([.character("-")], .fewerOriginals, "Ở dòng giấy tờ: bớt một bản chính"),
        KeyBinding([.character("*")], .moreCopies, "Ở dòng giấy tờ: thêm một bản sao"),
        KeyBinding([.character("/")], .fewerCopies, "Ở dòng giấy tờ: bớt một bản sao"),
    ])

    public static let cancelIntake = KeyMapTable<CancelIntakeCommand>(title: "Hỏi lại khi hủy biểu mẫu đã nhập", bindings: [
        KeyBinding([.enter, .character("c")], .discard, "Bỏ hồ sơ đang nhập (phím khác: nhập tiếp; Esc rồi 2: lưu)"),
    ])

    /// The action menu (F6): one letter per action.
    public static let actionMenu = KeyMapTable<ActionMenuCommand>(title: "Menu thao tác (F6)", bindings: [
        KeyBinding([.escape, .function(10)], .close, "Đóng menu"),
        KeyBinding([.up], .up, "Lên một dòng"),
        KeyBinding([.down, .tab], .down, "Xuống một dòng"),
        KeyBinding([.enter], .open, "Mở thao tác đang chọn"),
    ] + ([(.transfer, "c"), (.requestSupplement, "b"), (.supplementReceived, "n"), (.suspend, "d"), (.resume, "t"),
          (.resultReady, "k"), (.returnResult, "r"), (.refuse, "f"), (.withdraw, "u"), (.extend, "g"), (.note, "h"), (.rate, "l")]
         as [(DossierAction, Character)]).map { action, letter in
        KeyBinding([.character(letter)], .choose(action), action.vietnamese.prefix(1).uppercased() + action.vietnamese.dropFirst())
    } + [KeyBinding([.character("p")], .fee, "Thu phí, lệ phí (số tiền, hình thức, biên lai)"),
         KeyBinding([.character("s")], .documents, "Số hóa giấy tờ: trạng thái từng giấy tờ; ghi đã số hóa (hỏi tệp bản quét) hoặc tái sử dụng")])

    public static let dialog = KeyMapTable<DialogCommand>(title: "Hộp thoại thao tác (F3–F6)", bindings: [
        KeyBinding([.function(2), .control("o")], .confirm, "Xác nhận (ghi bền xuống đĩa)"),
        KeyBinding([.enter], .nextOrConfirm, "Sang ô kế tiếp; ở ô cuối: xác nhận"),
        KeyBinding([.escape], .cancel, "Hủy, không ghi gì"),
        KeyBinding([.tab, .down], .next, "Sang ô kế tiếp"),
        KeyBinding([.backTab, .up], .previous, "Về ô trước"),
        KeyBinding([.left], .previousChoice, "Lựa chọn trước (phòng ban, cán bộ, người nhận; ở ô chữ: lùi con trỏ)"),
        KeyBinding([.right, .character(" ")], .nextChoice, "Lựa chọn sau (ở ô chữ: tiến con trỏ; phím cách là chữ)"),
    ])

    public static let print = KeyMapTable<PrintCommand>(title: "In giấy tờ (F7)", bindings: [
        KeyBinding([.enter, .function(2)], .print, "In mẫu đang chọn"),
        KeyBinding([.escape, .function(7), .function(10)], .close, "Đóng"),
        KeyBinding([.up], .up, "Mẫu trên"),
        KeyBinding([.down], .down, "Mẫu dưới"),
        KeyBinding([.character("h"), .left, .right], .toggleFormat, "Đổi định dạng: văn bản 80 cột / HTML (khổ A4 hoặc A5 của mẫu)"),
        KeyBinding([.character("l")], .togglePrinter, "Gửi / không gửi máy in (lp)"),
    ])

    public static let receipt = KeyMapTable<ReceiptCommand>(title: "Giấy tiếp nhận vừa lưu", bindings: [
        KeyBinding([.function(7), .character("w"), .character("p")], .write, bar: "Ghi tệp", "Ghi giấy tiếp nhận ra tệp để in"),
        KeyBinding([.escape, .enter, .function(10)], .close, bar: "Đóng", "Về danh sách"),
        KeyBinding([.up], .up, "Lên một dòng"),
        KeyBinding([.down], .down, "Xuống một dòng"),
        KeyBinding([.pageUp], .pageUp, "Lên 10 dòng"),
        KeyBinding([.pageDown], .pageDown, "Xuống 10 dòng"),
    ])

    public static let supervisor = KeyMapTable<SupervisorCommand>(title: "Giám sát (F8)", bindings: [
        KeyBinding([.enter], .open, bar: "Mở hồ sơ", "Mở hồ sơ đang chọn"),
        KeyBinding([.tab], .nextGrouping, bar: "Đổi nhóm", "Đổi cách nhóm (phòng ban → cán bộ → lĩnh vực)"),
        KeyBinding([.escape, .function(8), .function(10), .character("q")], .close, bar: "Quay lại", "Về danh sách"),
        KeyBinding([.character("d")], .group(.department), "Nhóm theo phòng ban đang giữ"),
        KeyBinding([.character("o")], .group(.official), "Nhóm theo cán bộ đang giữ"),
        KeyBinding([.character("f")], .group(.field), "Nhóm theo lĩnh vực"),
        KeyBinding([.up], .up, "Hồ sơ trên"),
        KeyBinding([.down], .down, "Hồ sơ dưới"),
        KeyBinding([.pageUp], .pageUp, "Lên 10 hồ sơ"),
        KeyBinding([.pageDown], .pageDown, "Xuống 10 hồ sơ"),
    ])

    public static let report = KeyMapTable<ReportCommand>(title: "Báo cáo theo kỳ (F9)", bindings: [
        KeyBinding([.enter, .function(2)], .compute, bar: "Tính", "Tính báo cáo cho kỳ đã nhập"),
        KeyBinding([.tab], .nextField, bar: "Ô sau", "Sang ô kế tiếp (từ ngày → đến ngày → nhóm)"),
        KeyBinding([.function(9)], .scorecard, bar: "Chỉ số 766", "Sang thẻ chỉ số QĐ 766 (điểm như Cổng DVCQG công bố)"),
        KeyBinding([.escape, .function(10)], .close, bar: "Quay lại", "Về danh sách"),
        KeyBinding([.backTab], .previousField, "Về ô trước"),
        KeyBinding([.left], .previousGrouping, "Ở ô nhóm: cách nhóm trước (ở ô ngày: lùi con trỏ)"),
        KeyBinding([.right, .character(" ")], .nextGrouping, "Ở ô nhóm: cách nhóm sau (ở ô ngày: tiến con trỏ / phím cách)"),
        KeyBinding([.up], .up, "Cuộn lên một dòng"),
        KeyBinding([.down], .down, "Cuộn xuống một dòng"),
        KeyBinding([.pageUp], .pageUp, "Cuộn lên 10 dòng"),
        KeyBinding([.pageDown], .pageDown, "Cuộn xuống 10 dòng"),
    ])

    public static let scorecard = KeyMapTable<ScorecardCommand>(title: "Chỉ số QĐ 766 (F9 rồi F9)", bindings: [
        KeyBinding([.function(9)], .report, bar: "Báo cáo", "Về thẻ báo cáo theo kỳ"),
        KeyBinding([.left], .previousMonth, bar: "Tháng trước", "Tháng trước"),
        KeyBinding([.right], .nextMonth, bar: "Tháng sau", "Tháng sau (không quá tháng hiện tại)"),
        KeyBinding([.character("r")], .toggleRule, bar: "Cách đọc", "Đổi cách đọc quy tắc đúng hạn: theo ngày ↔ theo văn bản (so thời điểm)"),
        KeyBinding([.escape, .function(10), .character("q")], .close, bar: "Quay lại", "Về danh sách"),
        KeyBinding([.up], .up, "Cuộn lên một dòng"),
        KeyBinding([.down], .down, "Cuộn xuống một dòng"),
        KeyBinding([.pageUp], .pageUp, "Cuộn lên 10 dòng"),
        KeyBinding([.pageDown], .pageDown, "Cuộn xuống 10 dòng"),
    ])

    public static let confirmQuit = KeyMapTable<QuitCommand>(title: "Hỏi lại khi thoát (F10)", bindings: [
        KeyBinding([.enter, .character("y"), .character("c"), .function(10)], .quit, "Thoát motcua"),
        KeyBinding([.escape], .stay, "Ở lại (mọi phím khác cũng vậy)"),
    ])

    public static let draftOffer = KeyMapTable<DraftCommand>(title: "Bản nháp chưa lưu (khi mở motcua)", bindings: [
        KeyBinding([.enter], .resume, "Nhập tiếp bản nháp"),
        KeyBinding([.delete, .backspace], .discard, "Bỏ bản nháp"),
        KeyBinding([.escape], .later, "Để sau"),
    ])

    public static let counterQueue = KeyMapTable<ScrollCommand>(title: "Hàng đợi số (0)", bindings: [
        KeyBinding([.escape, .enter, .character("0")], .close, bar: "Đóng", "Về danh sách"),
        KeyBinding([.up], .up, "Lên một dòng"),
        KeyBinding([.down], .down, "Xuống một dòng"),
    ])

    /// Every table, in the order the help screen and the README list them.
    public static let all: [KeyReference] = [
        browse.reference, filter.reference, detail.reference, help.reference, form.reference, cancelIntake.reference,
        actionMenu.reference, dialog.reference, print.reference, receipt.reference, supervisor.reference, report.reference,
        scorecard.reference,
        confirmQuit.reference, draftOffer.reference, counterQueue.reference,
    ]

    /// Extra help lines that are not bindings of a table.
    public static let notes = [
        "Esc rồi số 1–9, 0 trong vòng 1 giây: thay cho F1–F10 khi terminal (PuTTY) không gửi được phím F.",
        "Trong ô chữ, mọi phím chữ là chữ (gõ Telex/VNI bình thường); Backspace xóa một ký tự.",
        "Cửa sổ dưới 80×24: chỉ hiện lời nhắc phóng to, nhưng mọi phím vẫn giữ nghĩa của màn hình đang mở (ở danh sách F10/q vẫn hỏi lại trước khi thoát; trong ô chữ, q là chữ).",
        "Màu chỉ để nhấn mạnh: \"!!\" là quá hạn, \"!\" là đến hạn hôm nay/ngày mai, \"||\" là đang dừng tính giờ.",
        "Số ngày \"còn/trễ\" là ngày làm việc (không tính thứ Bảy, Chủ nhật, ngày lễ); cột \"Hạn\" ghi giờ thay cho ngày khi hạn là hôm nay, trước giờ hết làm việc.",
    ]
}

// MARK: - Hint lines, generated from the tables

extension KeyMap {
    /// The status line of the list.
    static let browseHint = browse.hint([
        KeyHint(.up, .down, label: "chọn"), KeyHint(.open, label: "mở"), KeyHint(.nextPane, label: "đổi khung"),
        KeyHint(.filter, label: "lọc"), KeyHint(QueueView.hinted.map { .view($0) }, label: "đổi danh sách"),
        KeyHint(.help, label: "trợ giúp"),
    ], between: "  ")
    /// After the filter, once it is kept.
    static let keptFilterHint = browse.hint([KeyHint(.filter, label: "sửa"), KeyHint(.escape, label: "xóa")], between: ", ")
    static let detailPaneHint = browse.hint([KeyHint(.open, label: "xem đầy đủ")], key: ": ")
    static let filterHint = filter.hint([KeyHint(.keep, label: "giữ lọc"), KeyHint(.clear, label: "xóa lọc")], key: ": ", between: "  ")
    static let detailHint = detail.hint([KeyHint(.up, .down, .pageUp, .pageDown, label: "cuộn", separator: " "), KeyHint(.close, label: "quay lại")])
    static let formHint = form.hint([
        KeyHint(.next, .down, label: "ô sau"), KeyHint(.previous, .up, label: "ô trước"),
        KeyHint(.save, label: "lưu", allKeys: true, separator: " hoặc "), KeyHint(.cancel, label: "hủy"),
    ])
    static let procedureListHint = form.hint([KeyHint(.up, .down, label: "chọn"), KeyHint(.choose, label: "")])
    static let channelHint = form.hint([KeyHint(.previousChoice, .nextChoice, label: "đổi")])
    static let documentsHint = form.hint([KeyHint(.toggle, label: "đánh dấu")])
    static let documentCountsHint = form.hint([KeyHint(.moreOriginals, .fewerOriginals, label: "bản chính", separator: " "),
                                                KeyHint(.moreCopies, .fewerCopies, label: "bản sao", separator: " ")])
    static let explainHint = form.hint([KeyHint(.explain, label: "diễn giải")], key: ": ")
    static let cancelIntakeHint = cancelIntake.hint([KeyHint(.discard, label: "bỏ")], key: ": ")
    static let emptyMenuHint = actionMenu.hint([KeyHint(.close, label: "đóng")], key: ": ")
    static let dialogHint = dialog.hint([
        KeyHint(.nextOrConfirm, .confirm, label: "xác nhận"), KeyHint(.next, label: "ô sau"),
        KeyHint(.previousChoice, .nextChoice, label: "đổi lựa chọn"), KeyHint(.cancel, label: "hủy"),
    ])
    static let printFormatHint = print.hint([KeyHint(.toggleFormat, label: "đổi")])
    static let printHint = print.hint([KeyHint(.togglePrinter, label: "đổi"), KeyHint(.print, label: "in"), KeyHint(.close, label: "đóng")])
    static let receiptHint = receipt.hint([KeyHint(.write, label: "ghi ra tệp để in"), KeyHint(.close, label: "về danh sách")], key: ": ")
    static let supervisorHint = supervisor.hint([
        KeyHint(.nextGrouping, label: "đổi nhóm"), KeyHint(.open, label: "mở hồ sơ"), KeyHint(.close, label: "quay lại"),
    ])
    static let reportHint = report.hint([
        KeyHint(.nextField, label: "chuyển ô"), KeyHint(.previousGrouping, .nextGrouping, label: "đổi nhóm"),
        KeyHint(.compute, label: "tính"), KeyHint(.up, .down, label: "cuộn"), KeyHint(.close, label: "quay lại"),
    ])
    static let scorecardHint = scorecard.hint([
        KeyHint(.previousMonth, .nextMonth, label: "tháng"), KeyHint(.toggleRule, label: "cách đọc"),
        KeyHint(.report, label: "báo cáo"), KeyHint(.close, label: "quay lại"),
    ])
    static let confirmQuitHint = confirmQuit.hint([KeyHint(.quit, label: "thoát"), KeyHint(.stay, label: "ở lại")], key: ": ", between: "   ")
    static let draftOfferHint = draftOffer.hint([
        KeyHint(.resume, label: "nhập tiếp"), KeyHint(.discard, label: "bỏ bản nháp"), KeyHint(.later, label: "để sau"),
    ], key: ": ", between: "   ")
    /// The "too small" notice over the list: its keys still work there.
    static let tooSmallHint = browse.hint([KeyHint(.quit, label: "để thoát", allKeys: true, separator: " hoặc ")])
}

// MARK: - The README's key section

extension KeyMap {
    /// The key section of README.md: every table as a markdown table, then the notes. A test
    /// compares it with the README (`MOTCUA_UPDATE_README=1` rewrites the README's copy).
    public static func markdownReference() -> String {
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        func keys(_ label: String) -> String {
            label.components(separatedBy: " / ").map { $0.count == 1 && $0.allSatisfy(\.isASCII) ? "`\($0)`" : cell($0) }
                .joined(separator: " / ")
        }
        var out: [String] = []
        for table in all {
            out += ["#### \(table.title)", "", "| Phím | Tác dụng |", "|---|---|"]
            out += table.lines.map { "| \(keys($0.keys)) | \(cell($0.help)) |" }
            out.append("")
        }
        out += notes.map { "- \($0)" }
        return out.joined(separator: "\n")
    }
}
