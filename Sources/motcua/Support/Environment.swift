import Foundation

/// The environment variables motcua reads (this module is the only place that reads them).
enum Environment {
    static var values: [String: String] { ProcessInfo.processInfo.environment }
    static var dataDirectory: String? { values["MOTCUA_DATA"].flatMap { $0.isEmpty ? nil : $0 } }
    /// Training stores only: a simulated clock.
    static var clockOverride: String? { values["MOTCUA_NOW"].flatMap { $0.isEmpty ? nil : $0 } }
    /// Training stores only: a simulated login.
    static var userOverride: String? { values["MOTCUA_USER"].flatMap { $0.isEmpty ? nil : $0 } }
    /// Training stores only: the lookup's first delay after a failure, in milliseconds (tests).
    static var lookupDelayOverride: String? { values["MOTCUA_LOOKUP_DELAY_MS"].flatMap { $0.isEmpty ? nil : $0 } }
    /// The province database's password when the `--postgres` URL carries none (as libpq reads it).
    static var postgresPassword: String? { values["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 } }
    static let defaultDataDirectory = "/var/lib/motcua"
}
