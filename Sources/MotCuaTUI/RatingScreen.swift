import MotCuaCore
import MotCuaDesk
import TerminalUI

/// The citizen's side of a counter's rating device (`motcua rate --counter N`): the dossier the
/// clerk is returning (procedure and code only, never personal data), three large choices, then
/// thanks. Pure: the runtime (`RatingDevice`) feeds it and draws it.
public struct RatingScreen: Equatable, Sendable {
    public let counter: Int
    public var awaiting: AwaitingRating?
    /// The level just recorded, shown with thanks until `thanksUntil`.
    public var thanked: Rating.Level?
    public var thanksUntil: Instant?
    public var error: String?

    public init(counter: Int) { self.counter = counter }

    public static let thanksSeconds: Int64 = 5

    /// The three choices' boxes for a screen size: side by side from 60 columns, stacked below.
    public static func boxes(for size: Size) -> [(level: Rating.Level, rect: Rect)] {
        let levels = Rating.Level.allCases
        let top = 6, bottom = size.height - 2
        let available = max(3, bottom - top)
        if size.width >= 60 {
            let gap = 2
            let width = (size.width - 4 - gap * (levels.count - 1)) / levels.count
            let height = min(9, available)
            return levels.enumerated().map { i, level in
                (level, Rect(x: 2 + i * (width + gap), y: top, width: width, height: height))
            }
        }
        let height = max(3, min(5, (available - 2) / levels.count))
        return levels.enumerated().map { i, level in
            (level, Rect(x: 1, y: top + i * (height + 1), width: size.width - 2, height: height))
        }
    }

    /// Which choice a click or touch at a cell means (the merger wires the backend's mouse events here).
    public static func choice(atX x: Int, y: Int, size: Size) -> Rating.Level? {
        boxes(for: size).first { x >= $0.rect.x && x < $0.rect.maxX && y >= $0.rect.y && y < $0.rect.maxY }?.level
    }

    public func render(size: Size, now: Instant) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: size)
        buffer.fill(Rect(size: size), role: .normal)
        buffer.put(fitting: "  ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG · Quầy \(counter)", x: 0, y: 0, width: size.width, role: .header)
        if let thanked, let until = thanksUntil, now < until {
            centred(&buffer, "Cảm ơn Ông/Bà đã đánh giá!", y: size.height / 2 - 1, size: size, role: .emphasis)
            centred(&buffer, "Ý kiến đã ghi nhận: \(thanked.vietnamese)", y: size.height / 2 + 1, size: size, role: .normal)
            return buffer
        }
        guard let awaiting else {
            centred(&buffer, "Xin chào Ông/Bà", y: size.height / 2 - 1, size: size, role: .emphasis)
            centred(&buffer, "Khi nhận kết quả, mời Ông/Bà đánh giá tại đây", y: size.height / 2 + 1, size: size, role: .muted)
            if let error { centred(&buffer, error, y: size.height - 1, size: size, role: .error) }
            return buffer
        }
        buffer.put(fitting: "  Hồ sơ \(awaiting.code)", x: 0, y: 2, width: size.width, role: .label)
        buffer.put(fitting: "  " + DisplayText.sanitize(awaiting.procedureName), x: 0, y: 3, width: size.width, role: .normal)
        buffer.put(fitting: "  Ông/Bà hài lòng với việc giải quyết hồ sơ? Nhấn phím 1, 2 hoặc 3:", x: 0, y: 4, width: size.width, role: .emphasis)
        for (level, rect) in Self.boxes(for: size) {
            buffer.frame(rect, role: level == .unsatisfied ? .warning : .border)
            let middle = rect.y + rect.height / 2
            let key = "\(level.key)"
            if rect.height >= 5 {
                centred(&buffer, key, y: middle - 1, in: rect, role: .keyName)
                centred(&buffer, level.vietnamese.uppercased(), y: middle + 1, in: rect, role: .emphasis)
            } else {
                centred(&buffer, "\(key)  \(level.vietnamese.uppercased())", y: middle, in: rect, role: .emphasis)
            }
        }
        if let error { centred(&buffer, error, y: size.height - 1, size: size, role: .error) }
        return buffer
    }

    private func centred(_ buffer: inout ScreenBuffer, _ text: String, y: Int, size: Size, role: StyleRole) {
        centred(&buffer, text, y: y, in: Rect(size: size), role: role)
    }

    private func centred(_ buffer: inout ScreenBuffer, _ text: String, y: Int, in rect: Rect, role: StyleRole) {
        let width = TextWidth.of(text)
        let x = rect.x + max(1, (rect.width - width) / 2)
        buffer.put(text, x: x, y: y, role: role, maxWidth: rect.width - 2)
    }
}
