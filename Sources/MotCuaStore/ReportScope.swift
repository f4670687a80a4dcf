import MotCuaCore

/// Which dossiers an official's reports and overdue lists cover. A store is split by office once
/// any user has an office: then clerks and officers see their own office's dossiers (those
/// received there; no office means the central desk) and only supervisors and admins see all
/// offices, or pick one.
public enum ReportScope: Equatable, Sendable {
    case all
    case office(String?)

    public func includes(_ summary: DossierSummary) -> Bool {
        switch self {
        case .all: return true
        case .office(let office): return summary.office == office
        }
    }

    public func filter(_ summaries: [DossierSummary]) -> [DossierSummary] {
        self == .all ? summaries : summaries.filter(includes)
    }

    /// For report headers: nil when the report covers everything.
    public var vietnamese: String? {
        switch self {
        case .all: return nil
        case .office(let office): return "Đơn vị: \(office ?? "bộ phận một cửa trung tâm")"
        }
    }

    /// For JSON: the office, "" for the central desk, nil for all.
    public var officeKey: String? {
        switch self {
        case .all: return nil
        case .office(let office): return office ?? ""
        }
    }
}

extension Store {
    /// Whether any user belongs to an office.
    public var isSplitByOffice: Bool { users.users.contains { $0.office != nil } }

    /// The scope of `actor`'s reports; `office` asks for one office ("" for the central desk).
    /// Asking for another office than one's own needs the `viewAllOffices` permission.
    public func reportScope(for actor: Actor, office requested: String? = nil) throws -> ReportScope {
        let wanted = requested.map { $0.isEmpty ? nil : $0 }
        if AccessPolicy.allows(actor.role, .viewAllOffices) { return wanted.map { .office($0) } ?? .all }
        guard isSplitByOffice else {
            if wanted != nil { throw StoreError.forbidden(login: actor.login, role: actor.role, operation: .viewAllOffices) }
            return .all
        }
        if let wanted, wanted != actor.office {
            throw StoreError.forbidden(login: actor.login, role: actor.role, operation: .viewAllOffices)
        }
        return .office(actor.office)
    }
}

extension DossierTable {
    /// The interned id of the scope's office for the queue scan; nil for every office. An office
    /// no row belongs to gets an id no row has.
    func officeID(_ scope: ReportScope) -> UInt32? {
        switch scope {
        case .all: return nil
        case .office(nil): return 0
        case .office(let office?): return names.existingID(office) ?? UInt32.max
        }
    }
}
