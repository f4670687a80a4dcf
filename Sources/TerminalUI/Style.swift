/// What a cell means, not how it looks: views pick roles, the theme picks colours.
/// Each role has a letter for the role masks of snapshot tests.
public enum StyleRole: UInt8, CaseIterable, Sendable {
    case normal, header, tab, tabActive, paneTitle, paneTitleFocused, border, columnHeader
    case selected, selectedDim, overdue, dueToday, dueSoon, paused, resolved, muted
    case label, input, inputFocused, error, warning, keyName, keyLabel, message, dialog, dialogTitle, emphasis

    public var maskLetter: Character {
        switch self {
        case .normal: return "."
        case .header: return "h"
        case .tab: return "t"
        case .tabActive: return "T"
        case .paneTitle: return "p"
        case .paneTitleFocused: return "P"
        case .border: return "b"
        case .columnHeader: return "c"
        case .selected: return "s"
        case .selectedDim: return "S"
        case .overdue: return "o"
        case .dueToday: return "y"
        case .dueSoon: return "u"
        case .paused: return "z"
        case .resolved: return "r"
        case .muted: return "m"
        case .label: return "l"
        case .input: return "i"
        case .inputFocused: return "I"
        case .error: return "e"
        case .warning: return "w"
        case .keyName: return "k"
        case .keyLabel: return "K"
        case .message: return "g"
        case .dialog: return "d"
        case .dialogTitle: return "D"
        case .emphasis: return "E"
        }
    }
}

public enum TerminalColor: Int16, Sendable {
    case terminalDefault = -1, black = 0, red, green, yellow, blue, magenta, cyan, white
}

public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let reverse = TextAttributes(rawValue: 2)
    public static let underline = TextAttributes(rawValue: 4)
    public static let dim = TextAttributes(rawValue: 8)
}

/// How a role looks on a colour terminal and on a monochrome one (`TERM=vt100`, `NO_COLOR`).
public struct RoleStyle: Hashable, Sendable {
    public let foreground: TerminalColor
    public let background: TerminalColor
    public let attributes: TextAttributes
    public let monochrome: TextAttributes

    public init(_ fg: TerminalColor = .terminalDefault, _ bg: TerminalColor = .terminalDefault,
                _ attributes: TextAttributes = [], mono: TextAttributes = []) {
        foreground = fg
        background = bg
        self.attributes = attributes
        monochrome = mono
    }
}

/// The role → style table (htop's colour schemes with a monochrome column). Colour is never the
/// only signal: deadline states also carry text markers (`!!`, `QUÁ HẠN`).
public enum Theme {
    public static func style(_ role: StyleRole) -> RoleStyle {
        switch role {
        case .normal: return RoleStyle()
        case .header: return RoleStyle(.white, .blue, [.bold], mono: [.reverse])
        case .tab: return RoleStyle()
        case .tabActive: return RoleStyle(.black, .white, [.bold], mono: [.reverse, .bold])
        case .paneTitle: return RoleStyle(.terminalDefault, .terminalDefault, [.bold], mono: [.bold])
        case .paneTitleFocused: return RoleStyle(.cyan, .terminalDefault, [.bold, .underline], mono: [.bold, .underline])
        // The terminal's own foreground: ANSI blue is faint on PuTTY's black (issue 17 #14).
        case .border: return RoleStyle(.terminalDefault)
        case .columnHeader: return RoleStyle(.terminalDefault, .terminalDefault, [.underline], mono: [.underline])
        case .selected: return RoleStyle(.black, .cyan, [], mono: [.reverse])
        case .selectedDim: return RoleStyle(.black, .white, [], mono: [.underline])
        case .overdue: return RoleStyle(.red, .terminalDefault, [.bold], mono: [.bold, .reverse])
        case .dueToday: return RoleStyle(.black, .yellow, [], mono: [.bold, .underline])
        case .dueSoon: return RoleStyle(.yellow, .terminalDefault, [.bold], mono: [.underline])
        case .paused: return RoleStyle(.cyan)
        case .resolved: return RoleStyle(.green)
        case .muted: return RoleStyle(.terminalDefault, .terminalDefault, [.dim], mono: [.dim])
        case .label: return RoleStyle(.terminalDefault, .terminalDefault, [.bold], mono: [.bold])
        case .input: return RoleStyle(.terminalDefault, .terminalDefault, [.underline], mono: [.underline])
        case .inputFocused: return RoleStyle(.black, .white, [], mono: [.reverse])
        case .error: return RoleStyle(.red, .terminalDefault, [.bold], mono: [.bold])
        case .warning: return RoleStyle(.yellow, .terminalDefault, [.bold], mono: [.bold])
        case .keyName: return RoleStyle(.terminalDefault, .terminalDefault, [.bold], mono: [.bold])
        case .keyLabel: return RoleStyle(.black, .cyan, [], mono: [.reverse])
        case .message: return RoleStyle(.green, .terminalDefault, [.bold], mono: [.bold])
        case .dialog: return RoleStyle()
        case .dialogTitle: return RoleStyle(.white, .blue, [.bold], mono: [.reverse, .bold])
        case .emphasis: return RoleStyle(.terminalDefault, .terminalDefault, [.bold], mono: [.bold])
        }
    }
}
