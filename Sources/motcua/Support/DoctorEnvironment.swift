import Foundation
import MotCuaCore
import MotCuaStore
import NcursesBackend

/// Gathers the facts about this process's locale and terminal for `EnvironmentDoctor`.
enum DoctorEnvironment {
    static func checks() -> [DoctorCheck] {
        let env = Environment.values
        func value(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        // LC_ALL overrides LC_CTYPE, which overrides LANG.
        let variable = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { name in value(name).map { (name: name, value: $0) } }.first
        let locale = TerminalProbe.locale()
        var checks = [EnvironmentDoctor.locale(.init(variable: variable, accepted: locale.accepted, codeset: locale.codeset,
                                                     fallbackAvailable: locale.fallbackAvailable))]
        let facts = value("TERM").map { term in
            let found = TerminalProbe.capabilities(of: term)
            return EnvironmentDoctor.TerminalFacts(term: term, lookup: lookup(found.lookup), cursorAddressing: found.cursorAddressing,
                                                   colors: found.colors, missingFunctionKeys: found.missingFunctionKeys)
        }
        checks += EnvironmentDoctor.terminal(facts, isTTY: isatty(0) == 1 && isatty(1) == 1)
        // stdout first; through a pipe (`motcua doctor | less`) the terminal is still on stdin or stderr.
        let size = [1, 0, 2].lazy.compactMap { TerminalProbe.windowSize(fd: $0) }.first
        checks.append(EnvironmentDoctor.size(columns: size?.columns, rows: size?.rows))
        return checks
    }

    private static func lookup(_ value: TerminalProbe.Capabilities.Lookup) -> EnvironmentDoctor.TerminalFacts.Lookup {
        switch value {
        case .found: return .found
        case .notFound: return .notFound
        case .noDatabase: return .noDatabase
        case .hardcopy: return .hardcopy
        }
    }
}
