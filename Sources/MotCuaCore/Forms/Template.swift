import Foundation

/// A value a form template can use.
public enum TemplateValue: Hashable, Sendable {
    case text(String)
    /// Rows for `{{#name}}…{{/name}}`. `fields` are the names every row defines, so a misspelt
    /// placeholder inside the section is reported even when there are no rows.
    case list([TemplateScope], fields: Set<String>)
    /// An optional group, e.g. `{{#proxy}}…{{/proxy}}`: rendered once when present.
    case record(TemplateScope?, fields: Set<String>)
}

/// The named values of a template, or of one row of a section.
public struct TemplateScope: Hashable, Sendable {
    public private(set) var values: [String: TemplateValue] = [:]

    public init() {}

    public subscript(name: String) -> TemplateValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    public mutating func set(_ name: String, _ text: String) { values[name] = .text(text) }
}

/// A piece of rendered template: text written in the template, or a value put in by a placeholder.
/// Layout directives (`|` between table cells…) are read only from literals, so a value can never add one.
public enum TemplateSegment: Hashable, Sendable {
    case literal(String)
    case value(String)
}

public enum TemplateError: Error, Equatable, CustomStringConvertible {
    case syntax(String)
    /// Placeholders or sections with no value: an error, never silently empty.
    case unknownPlaceholders([String])
    /// A list or group used where text is expected.
    case notText([String])

    public var description: String {
        switch self {
        case .syntax(let message): return "Mẫu in sai cú pháp: \(message)"
        case .unknownPlaceholders(let names): return "Mẫu in dùng tên không có dữ liệu: \(names.joined(separator: ", "))"
        case .notText(let names): return "Mẫu in dùng danh sách ở chỗ cần một giá trị: \(names.joined(separator: ", "))"
        }
    }
}

/// A small Mustache-like template: `{{name}}` (with `{{name|upper}}`), sections `{{#name}}…{{/name}}`
/// over lists, optional groups and non-empty text, and inverted sections `{{^name}}…{{/name}}`.
/// A section tag alone on its line takes the line with it.
public struct Template: Hashable, Sendable {
    indirect enum Node: Hashable, Sendable {
        case literal(String)
        case placeholder(name: String, upper: Bool)
        case section(name: String, inverted: Bool, body: [Node])
    }

    let nodes: [Node]

    public init(_ source: String) throws(TemplateError) {
        nodes = try Template.parse(Template.trimStandalone(Template.tokenize(source)))
    }

    /// Renders with `scope`, or lists every unknown name. Sections not rendered are still checked.
    public func render(_ scope: TemplateScope) throws(TemplateError) -> [TemplateSegment] {
        var walk = Walk()
        walk.run(nodes, frames: [.scope(scope)], emit: true)
        if !walk.unknown.isEmpty { throw .unknownPlaceholders(walk.unknown.sorted()) }
        if !walk.notText.isEmpty { throw .notText(walk.notText.sorted()) }
        return walk.output
    }

    // MARK: - Parsing

    enum Token: Hashable {
        case literal(String)
        case variable(String, upper: Bool)
        case open(String, inverted: Bool)
        case close(String)

        var isSectionTag: Bool {
            switch self {
            case .open, .close: return true
            case .literal, .variable: return false
            }
        }
    }

    static func tokenize(_ source: String) throws(TemplateError) -> [Token] {
        var tokens: [Token] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { tokens.append(.literal(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw .syntax("thiếu \"}}\" sau \"\(rest[open.lowerBound...].prefix(30))\"")
            }
            let tag = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            tokens.append(try token(tag))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { tokens.append(.literal(String(rest))) }
        return tokens
    }

    private static func token(_ tag: String) throws(TemplateError) -> Token {
        func name(_ text: Substring) throws(TemplateError) -> String {
            let valid = !text.isEmpty && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
            }
            guard valid else { throw .syntax("tên không hợp lệ \"{{\(tag)}}\"") }
            return String(text)
        }
        switch tag.first {
        case "#": return .open(try name(tag.dropFirst()), inverted: false)
        case "^": return .open(try name(tag.dropFirst()), inverted: true)
        case "/": return .close(try name(tag.dropFirst()))
        default:
            let parts = tag.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw .syntax("\"{{\(tag)}}\" có nhiều bộ lọc") }
            if parts.count == 2 && parts[1] != "upper" { throw .syntax("bộ lọc không có: \"\(parts[1])\"") }
            return .variable(try name(parts[0]), upper: parts.count == 2)
        }
    }

    /// Removes the indentation and line break around a section tag that stands alone on its line,
    /// so line-based templates do not print empty lines for their loops and conditions.
    static func trimStandalone(_ tokens: [Token]) -> [Token] {
        func literal(_ i: Int) -> String? {
            guard tokens.indices.contains(i), case .literal(let s) = tokens[i] else { return nil }
            return s
        }
        var trimEnd = Set<Int>(), trimStart = Set<Int>()
        for (i, token) in tokens.enumerated() where token.isSectionTag {
            let before: Bool
            if i == 0 {
                before = true
            } else if let s = literal(i - 1) {
                let line = s.lastIndex(of: "\n").map { s[s.index(after: $0)...] } ?? (i - 1 == 0 ? Substring(s) : nil)
                before = line.map { $0.allSatisfy { $0 == " " || $0 == "\t" } } ?? false
            } else {
                before = false
            }
            let after: Bool
            if i == tokens.count - 1 {
                after = true
            } else if let s = literal(i + 1) {
                let line = s.firstIndex(of: "\n").map { s[..<$0] } ?? (i + 1 == tokens.count - 1 ? Substring(s) : nil)
                after = line.map { $0.allSatisfy { $0 == " " || $0 == "\t" } } ?? false
            } else {
                after = false
            }
            if before && after {
                if i > 0 { trimEnd.insert(i - 1) }
                if i < tokens.count - 1 { trimStart.insert(i + 1) }
            }
        }
        return tokens.enumerated().map { i, token in
            guard case .literal(var s) = token else { return token }
            if trimStart.contains(i) {
                if let newline = s.firstIndex(of: "\n") { s = String(s[s.index(after: newline)...]) } else { s = "" }
            }
            if trimEnd.contains(i) {
                if let newline = s.lastIndex(of: "\n") { s = String(s[...newline]) } else { s = "" }
            }
            return .literal(s)
        }
    }

    static func parse(_ tokens: [Token]) throws(TemplateError) -> [Node] {
        var stack: [(name: String, inverted: Bool, nodes: [Node])] = [("", false, [])]
        for token in tokens {
            switch token {
            case .literal(let s):
                if !s.isEmpty { stack[stack.count - 1].nodes.append(.literal(s)) }
            case .variable(let name, let upper):
                stack[stack.count - 1].nodes.append(.placeholder(name: name, upper: upper))
            case .open(let name, let inverted):
                stack.append((name, inverted, []))
            case .close(let name):
                guard stack.count > 1, let top = stack.last, top.name == name else {
                    throw .syntax("thẻ đóng {{/\(name)}} không khớp thẻ mở")
                }
                stack.removeLast()
                stack[stack.count - 1].nodes.append(.section(name: name, inverted: top.inverted, body: top.nodes))
            }
        }
        guard stack.count == 1 else { throw .syntax("thiếu thẻ đóng {{/\(stack[stack.count - 1].name)}}") }
        return stack[0].nodes
    }

    // MARK: - Rendering

    private enum Frame {
        case scope(TemplateScope)
        /// The names of a section's rows, when the section is only checked.
        case fields(Set<String>)
        /// Inside a checked-only section of unknown shape: every name is accepted.
        case anything
    }

    private enum Lookup {
        case value(TemplateValue)
        case knownWithoutValue
        case missing
    }

    private struct Walk {
        var output: [TemplateSegment] = []
        var unknown = Set<String>()
        var notText = Set<String>()

        func lookup(_ name: String, _ frames: [Frame]) -> Lookup {
            for frame in frames.reversed() {
                switch frame {
                case .scope(let scope): if let value = scope[name] { return .value(value) }
                case .fields(let fields): if fields.contains(name) { return .knownWithoutValue }
                case .anything: return .knownWithoutValue
                }
            }
            return .missing
        }

        mutating func append(_ segment: TemplateSegment) {
            if case .literal(let s) = segment, case .literal(let previous)? = output.last {
                output[output.count - 1] = .literal(previous + s)
            } else {
                output.append(segment)
            }
        }

        mutating func run(_ nodes: [Node], frames: [Frame], emit: Bool) {
            for node in nodes {
                switch node {
                case .literal(let s):
                    if emit { append(.literal(s)) }
                case .placeholder(let name, let upper):
                    switch lookup(name, frames) {
                    case .value(.text(let s)): if emit { append(.value(upper ? s.uppercased() : s)) }
                    case .value: notText.insert(name)
                    case .knownWithoutValue: break
                    case .missing: unknown.insert(name)
                    }
                case .section(let name, let inverted, let body):
                    section(name, inverted: inverted, body: body, frames: frames, emit: emit)
                }
            }
        }

        mutating func section(_ name: String, inverted: Bool, body: [Node], frames: [Frame], emit: Bool) {
            switch lookup(name, frames) {
            case .missing:
                unknown.insert(name)
                run(body, frames: frames + [.anything], emit: false)
            case .knownWithoutValue:
                run(body, frames: frames + [.anything], emit: false)
            case .value(.text(let s)):
                run(body, frames: frames, emit: emit && (s.isEmpty == inverted))
            case .value(.record(let scope, let fields)):
                if let scope, !inverted {
                    run(body, frames: frames + [.scope(scope)], emit: emit)
                } else {
                    run(body, frames: frames + [.fields(fields)], emit: emit && inverted && scope == nil)
                }
            case .value(.list(let rows, let fields)):
                if inverted || rows.isEmpty {
                    run(body, frames: frames + [.fields(fields)], emit: emit && inverted && rows.isEmpty)
                } else {
                    for row in rows { run(body, frames: frames + [.scope(row)], emit: emit) }
                }
            }
        }
    }
}
