import Foundation

/// The input a validation issue is about (its raw value is the JSON and CLI name).
public enum ValidationField: String, Hashable, Sendable {
    case procedure, name, id, phone, address, proxy, reason, note, waybill, email
}

/// A problem with what a clerk typed, in Vietnamese, tied to the field it concerns.
public struct ValidationIssue: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public let field: ValidationField
    public let severity: Severity
    public let message: String

    public var description: String { message }

    public init(field: ValidationField, severity: Severity, message: String) {
        self.field = field
        self.severity = severity
        self.message = message
    }
}

/// Checks of applicant data; every text is normalised to NFC first.
public enum Validation {
    /// Province codes that may open a 12-digit personal ID (001–096, the 63 pre-2025 provinces).
    public static let provinceCodes: Set<String> = [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024",
        "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045",
        "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070",
        "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
        "094", "095", "096",
    ]

    /// Mobile network prefixes after the leading 0 (03x, 05x, 07x, 08x, 09x as allocated).
    static let mobilePrefixes: Set<String> = [
        "32", "33", "34", "35", "36", "37", "38", "39", "52", "55", "56", "58", "59", "70", "76", "77", "78", "79",
        "81", "82", "83", "84", "85", "86", "87", "88", "89", "90", "91", "92", "93", "94", "96", "97", "98", "99",
    ]

    public static let maxNameLength = 200
    /// Notes and reasons may be long (pasted letters); 100,000 characters bounds the journal line.
    public static let maxTextLength = 100_000

    public static func nfc(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }

    /// Trims, collapses inner runs of spaces and normalises to NFC.
    public static func clean(_ text: String) -> String {
        nfc(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    public static func name(_ raw: String, field: ValidationField = .name) -> [ValidationIssue] {
        let name = clean(raw)
        if name.isEmpty { return [ValidationIssue(field: field, severity: .error, message: "Họ tên không được để trống")] }
        if name.count > maxNameLength {
            return [ValidationIssue(field: field, severity: .error, message: "Họ tên dài quá \(maxNameLength) ký tự")]
        }
        return []
    }

    /// 12-digit personal ID with a valid province prefix; a 9-digit CMND is accepted with a warning.
    public static func idNumber(_ raw: String, field: ValidationField = .id) -> [ValidationIssue] {
        let id = raw.filter { !$0.isWhitespace }
        guard id.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return [ValidationIssue(field: field, severity: .error, message: "Số định danh chỉ gồm chữ số")]
        }
        switch id.count {
        case 12:
            guard provinceCodes.contains(String(id.prefix(3))) else {
                return [ValidationIssue(field: field, severity: .error,
                                        message: "Số định danh \(id): mã tỉnh \(id.prefix(3)) không hợp lệ")]
            }
            return []
        case 9:
            return [ValidationIssue(field: field, severity: .warning,
                                    message: "Số CMND 9 số cũ (đã hết hiệu lực từ 01/01/2025): chỉ dùng để đối chiếu")]
        default:
            return [ValidationIssue(field: field, severity: .error,
                                    message: "Số định danh phải có 12 chữ số (CMND cũ: 9 chữ số)")]
        }
    }

    /// A Vietnamese mobile (10 digits, valid prefix; +84/84 accepted) or a landline (02… 11 digits).
    public static func phone(_ raw: String, field: ValidationField = .phone) -> [ValidationIssue] {
        guard let normalised = normalisedPhone(raw) else {
            return [ValidationIssue(field: field, severity: .error, message: "Số điện thoại chỉ gồm chữ số (có thể bắt đầu bằng +84)")]
        }
        if normalised.count == 10, mobilePrefixes.contains(String(normalised.dropFirst().prefix(2))) { return [] }
        if normalised.count == 11, normalised.hasPrefix("02") { return [] }
        return [ValidationIssue(field: field, severity: .error,
                                message: "Số điện thoại \(raw) không hợp lệ: di động 10 số (03x, 05x, 07x, 08x, 09x) hoặc cố định 11 số (02…)")]
    }

    public static let maxEmailLength = 254

    /// An e-mail address a delivery command can be given as it is: ASCII without spaces, quotes or
    /// control characters, one `@`, a local part of at most 64 and a dotted domain. The address is
    /// not echoed in the message (it may hold what a terminal must not see).
    public static func email(_ raw: String) -> [ValidationIssue] {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden = Set("()<>[]\\,;:\"'`$|&*?{}!".unicodeScalars)
        let plain = text.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && $0.value < 127 && !forbidden.contains($0) }
        let ok = plain && text.count <= maxEmailLength && parts.count == 2 && !parts[0].isEmpty && parts[0].count <= 64
            && !parts[0].hasPrefix(".") && !parts[0].hasSuffix(".") && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !parts[1].hasPrefix("-") && !text.contains("..")
        return ok ? [] : [ValidationIssue(field: .email, severity: .error,
                                          message: "Thư điện tử không hợp lệ: ghi dạng ten@mien.vn (không dấu, không khoảng trắng)")]
    }

    /// `0912345678` from `+84 912 345 678`, `84912345678`, `0912.345.678`; nil when not digits.
    public static func normalisedPhone(_ raw: String) -> String? {
        var digits = raw.filter { !$0.isWhitespace && $0 != "." && $0 != "-" }
        if digits.hasPrefix("+") { digits.removeFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if digits.hasPrefix("84"), digits.count == 11 { digits = "0" + digits.dropFirst(2) }
        return digits
    }

    /// The proxy as it is stored: name and authorisation NFC and trimmed, ID without spaces, phone
    /// normalised; an empty optional field is nil.
    public static func cleanedProxy(_ proxy: Proxy) -> Proxy {
        func present(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        return Proxy(name: clean(proxy.name),
                     idNumber: present(proxy.idNumber.map { $0.filter { !$0.isWhitespace } }),
                     phone: present(proxy.phone.map { normalisedPhone($0) ?? clean($0) }),
                     authorisation: present(proxy.authorisation.map(clean)))
    }

    /// The person authorised to file (người được ủy quyền): a name, and the ID number, phone and
    /// authorisation paper checked like the applicant's when given.
    public static func proxy(_ proxy: Proxy) -> [ValidationIssue] {
        func labelled(_ issues: [ValidationIssue]) -> [ValidationIssue] {
            issues.map { ValidationIssue(field: .proxy, severity: $0.severity, message: "Người được ủy quyền: " + $0.message) }
        }
        var issues = name(proxy.name, field: .proxy)
        if let number = proxy.idNumber { issues += labelled(Validation.idNumber(number, field: .proxy)) }
        if let mobile = proxy.phone { issues += labelled(Validation.phone(mobile, field: .proxy)) }
        if let paper = proxy.authorisation {
            issues += labelled(text(paper, field: .proxy, label: "Văn bản ủy quyền", required: false))
            if paper.count > maxNameLength {
                issues.append(ValidationIssue(field: .proxy, severity: .error, message: "Người được ủy quyền: văn bản ủy quyền dài quá \(maxNameLength) ký tự"))
            }
        }
        return issues
    }

    /// A free text (reason, note, address): NFC, not empty when required, bounded.
    public static func text(_ raw: String, field: ValidationField, label: String, required: Bool) -> [ValidationIssue] {
        let text = nfc(raw).trimmingCharacters(in: .whitespacesAndNewlines)
        if required && text.isEmpty { return [ValidationIssue(field: field, severity: .error, message: "\(label) không được để trống")] }
        if text.count > maxTextLength {
            return [ValidationIssue(field: field, severity: .error, message: "\(label) dài quá \(maxTextLength) ký tự")]
        }
        return []
    }
}
