import ArgumentParser
import MotCuaCore

/// What the citizen said, as typed on the command line: read in `validate()` so a wrong word is
/// a Vietnamese message and exit 2 before the store is opened.
enum RatingInput {
    static func level(_ text: String) throws -> Rating.Level {
        guard let level = Rating.Level(rawValue: text.lowercased()) else { throw CLIError.badInput(RatingError.unknownLevel(text).description) }
        return level
    }

    static func indices(_ text: String?) throws -> [Int]? {
        guard let text else { return nil }
        switch Rating.parseIndices(text) {
        case .success(let values): return values
        case .failure(let error): throw CLIError.badInput(error.description)
        }
    }

    static func channel(_ text: String) throws -> Rating.Channel {
        guard let channel = Rating.Channel(rawValue: text.lowercased()) else {
            throw CLIError.badInput("Kênh đánh giá \"\(text)\" không có; chọn desk (hỏi tại quầy), desk-device (thiết bị tại quầy), paper (phiếu giấy) hoặc online")
        }
        return channel
    }
}
