import MotCuaCore
import TerminalUI

/// A key binding with the text the F-key bar and the help screen show: one table drives the
/// keys, the bar and the help, so the help always tells the truth.
public struct KeyBinding<Command: Equatable & Sendable>: Sendable {
    public let keys: [Key]
    public let command: Command
    /// Short label for the F-key bar (function-key bindings only).
    public let bar: String?
    public let help: String

    public init(_ keys: [Key], _ command: Command, bar: String? = nil, _ help: String) {
        self.keys = keys
        self.command = command
        self.bar = bar
        self.help = help
    }
}

public struct KeyMapTable<Command: Equatable & Sendable>: Sendable {
    public let title: String
    public let bindings: [KeyBinding<Command>]

    public func command(for key: Key) -> Command? {
        bindings.first { $0.keys.contains(key) }?.command
    }

    /// `(F2, Nhận)` pairs in order, for the bottom bar.
    public var barItems: [(key: String, label: String)] {
        bindings.compactMap { b in b.bar.map { (b.keys[0].label, $0) } }
    }

    /// Help lines: the keys, then what they do.
    public var helpLines: [(keys: String, help: String)] {
        bindings.map { ($0.keys.map(\.label).joined(separator: " / "), $0.help) }
    }
}

public enum BrowseCommand: Equatable, Sendable {
    case help, intake, transfer, resultReady, returnResult, actions, print, supervisor, report, quit
    case filter, nextPane, previousPane, open, up, down, pageUp, pageDown, top, bottom, view(QueueView), redraw
}

public enum FormCommand: Equatable, Sendable {
    case next, previous, save, cancel, toggle, explain, choose
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
        KeyBinding([.tab], .nextPane, "Sang khung kế tiếp (danh sách → chi tiết → cảnh báo)"),
        KeyBinding([.backTab], .previousPane, "Về khung trước"),
        KeyBinding([.enter], .open, "Mở toàn bộ chi tiết hồ sơ đang chọn"),
        KeyBinding([.up, .control("p")], .up, "Lên một dòng"),
        KeyBinding([.down, .control("n")], .down, "Xuống một dòng"),
        KeyBinding([.pageUp], .pageUp, "Lên một trang"),
        KeyBinding([.pageDown], .pageDown, "Xuống một trang"),
        KeyBinding([.home], .top, "Về đầu danh sách"),
        KeyBinding([.end], .bottom, "Xuống cuối danh sách"),
        KeyBinding([.control("l")], .redraw, "Vẽ lại màn hình"),
    ] + QueueView.allCases.map { v in
        KeyBinding([.character(Character(String(v.rawValue)))], .view(v), "Xem: \(v.title)")
    })

    public static let form = KeyMapTable<FormCommand>(title: "Biểu mẫu tiếp nhận và hộp thoại", bindings: [
        KeyBinding([.function(2), .control("o")], .save, bar: "Lưu", "Lưu (ghi bền xuống đĩa rồi mới báo đã lưu)"),
        KeyBinding([.function(5)], .explain, bar: "Diễn giải", "Xem diễn giải cách tính hẹn trả"),
        KeyBinding([.escape], .cancel, bar: "Hủy", "Hủy (hỏi lại nếu đã nhập)"),
        KeyBinding([.tab, .down], .next, "Sang ô kế tiếp"),
        KeyBinding([.backTab, .up], .previous, "Về ô trước"),
        KeyBinding([.enter], .choose, "Chọn mục trong danh sách / sang ô kế tiếp"),
        KeyBinding([.character(" ")], .toggle, "Đánh dấu giấy tờ; đổi lựa chọn (ở ô chữ, phím cách là chữ)"),
    ])

    /// Extra help lines that are not bindings of a table.
    public static let notes = [
        "Esc rồi số 1–9, 0: thay cho F1–F10 khi terminal (PuTTY) không gửi được phím F.",
        "Trong ô chữ, mọi phím chữ là chữ (gõ Telex/VNI bình thường); Backspace xóa một ký tự.",
        "Màu chỉ để nhấn mạnh: \"!!\" là quá hạn, \"!\" là đến hạn hôm nay/ngày mai, \"||\" là đang dừng tính giờ.",
    ]
}
