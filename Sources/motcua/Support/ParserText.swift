import Foundation

/// argument-parser's own complaints and usage lines in Vietnamese. Its error types (`ParserError`,
/// `CommandError`) are internal to the library, so the English text it produces is matched line
/// by line; a line no pattern knows is left as it is (still exit 2).
enum ParserText {
    static func vietnamese(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }.joined(separator: "\n")
    }

    /// Compiled on each use: only a failed command line reaches here.
    private static var patterns: [(NSRegularExpression, ([String]) -> String)] { [
        (#"^Error: (.*)$"#, { "lỗi: " + message($0[1]) }),
        (#"^Help:  (.*)$"#, { "Trợ giúp:  " + $0[1] }),
        (#"^Usage: (.*)$"#, { "Cách dùng: " + $0[1] }),
        (#"^(\s*)See '(.*)' for more information\.$"#, { "\($0[1])Xem '\($0[2])' để biết thêm." }),
        (#"^(\s*)or: (.*)$"#, { "\($0[1])hoặc: " + message($0[2]) }),
        (#"^Please provide one of the following:$"#, { _ in "Hãy chọn một trong:" }),
        // The help screen's own headings and lines.
        (#"^OVERVIEW: (.*)$"#, { "TỔNG QUAN: " + $0[1] }),
        (#"^USAGE: (.*)$"#, { "CÁCH DÙNG: " + $0[1] }),
        (#"^OPTIONS:$"#, { _ in "TÙY CHỌN:" }),
        (#"^ARGUMENTS:$"#, { _ in "ĐỐI SỐ:" }),
        (#"^SUBCOMMANDS:$"#, { _ in "LỆNH CON:" }),
        (#"^(.*)Show help information\.$"#, { $0[1] + "Xem trợ giúp." }),
        (#"^(.*)Show the version\.$"#, { $0[1] + "Xem phiên bản." }),
        (#"^(.*)\(default: (.*)\)$"#, { $0[1] + "(mặc định: \($0[2]))" }),
        (#"^(.*) \(default\)(.*)$"#, { $0[1] + " (mặc định)" + $0[2] }),
        (#"^(\s*)See '(.*) help <subcommand>' for detailed help\.$"#, { "\($0[1])Xem '\($0[2]) help <lệnh-con>' để biết chi tiết." }),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) } }

    /// Compiled on each use: only a failed command line reaches here.
    private static var messages: [(NSRegularExpression, ([String]) -> String)] { [
        (#"^The value '(.*)' is invalid for '(.*?)'\. Please provide one of the following:$"#,
         { "Giá trị '\($0[1])' không hợp lệ cho '\($0[2])'. Hãy chọn một trong:" }),
        (#"^The value '(.*)' is invalid for '(.*?)'\. Please provide one of (.*)\.$"#,
         { "Giá trị '\($0[1])' không hợp lệ cho '\($0[2])'. Hãy chọn một trong: \(choices($0[3]))." }),
        (#"^The value '(.*)' is invalid for '(.*?)'(: .*)?$"#, { "Giá trị '\($0[1])' không hợp lệ cho '\($0[2])'\($0[3])" }),
        (#"^The value '(.*)' is invalid\.(.*)$"#, { "Giá trị '\($0[1])' không hợp lệ.\($0[2])" }),
        (#"^Unknown option '(.*)'\. Did you mean '(.*)'\?$"#, { "Không có tùy chọn '\($0[1])'. Có phải ý là '\($0[2])'?" }),
        (#"^Unknown option '(.*)'$"#, { "Không có tùy chọn '\($0[1])'" }),
        (#"^Missing value for '(.*)'( in '.*')?$"#, { "Thiếu giá trị cho '\($0[1])'" + ($0[2].isEmpty ? "" : " trong" + $0[2].dropFirst(3)) }),
        (#"^Unexpected argument '(.*)'$"#, { "Thừa đối số '\($0[1])'" }),
        (#"^(\d+) unexpected arguments: (.*)$"#, { "Thừa \($0[1]) đối số: \($0[2])" }),
        (#"^Missing expected argument '(.*)'$"#, { "Thiếu đối số bắt buộc '\($0[1])'" }),
        (#"^Missing one of: (.*)$"#, { "Thiếu một trong: \($0[1])" }),
        (#"^The option '(.*)' does not take any value, but '(.*)' was specified\.$"#,
         { "Tùy chọn '\($0[1])' không nhận giá trị, nhưng đã ghi '\($0[2])'." }),
        (#"^Missing required subcommand\.$"#, { _ in "Thiếu lệnh con." }),
        (#"^Invalid option: (.*)$"#, { "Tùy chọn không hợp lệ: \($0[1])" }),
        (#"^Value to be set with (.*) had already been set with (.*)$"#, { "Giá trị của \($0[1]) đã được đặt bởi \($0[2])" }),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) } }

    /// One error message (the text after `Error: `), translated when a pattern knows it.
    static func message(_ text: String) -> String { apply(messages, to: text) ?? text }

    private static func line(_ text: String) -> String { apply(patterns, to: text) ?? message(text) }

    private static func apply(_ list: [(NSRegularExpression, ([String]) -> String)], to text: String) -> String? {
        let range = NSRange(text.startIndex..., in: text)
        for (regex, make) in list {
            guard let match = regex.firstMatch(in: text, range: range) else { continue }
            let groups = (0..<match.numberOfRanges).map { i -> String in
                Range(match.range(at: i), in: text).map { String(text[$0]) } ?? ""
            }
            return make(groups)
        }
        return nil
    }

    /// `'a', 'b' or 'c'` / `'a' and 'b'` → `'a', 'b', 'c'`.
    private static func choices(_ text: String) -> String {
        text.replacingOccurrences(of: "' or '", with: "', '").replacingOccurrences(of: "' and '", with: "', '")
    }
}
