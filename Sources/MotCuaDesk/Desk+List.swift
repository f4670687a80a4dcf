import MotCuaCore
import MotCuaStore

extension Desk {
    /// `motcua list`: the dossiers of this official's office scope (as `overdue` counts them) that
    /// pass `filter`, earliest appointment first, as this official may see them. The search runs on
    /// what the official sees: a masked ID or phone matches on its visible digits only.
    ///
    /// Of older closed years only the rows that can match are read, in place from the mapped
    /// files, and only when the filter can match a closed dossier (a store opened with deferred
    /// history has every open one); rows are tested on the columns before any is made a value,
    /// and only the matches are kept.
    public func list(_ filter: DossierFilter, limit: Int? = nil, at now: Instant) throws -> [DossierSummary] {
        let scope = try reportScope()
        store.loadCandidates(of: filter, in: scope)
        let clock = clock(at: now), role = actor.role
        let terms = SearchFolding.terms(filter.search ?? "")
        var rows: [DossierSummary] = []
        store.forEachCandidate(of: filter, in: scope) { summary in
            let visible = summary.visible(to: role)
            if filter.matches(visible, clock: clock, terms: terms) { rows.append(visible) }
        }
        rows.sort { ($0.due, $0.code) < ($1.due, $1.code) }
        return limit.map { Array(rows.prefix($0)) } ?? rows
    }

    /// `motcua show`: a dossier with its history, refused when it belongs to an office outside this
    /// official's scope (the office is named, nothing of the dossier is shown).
    public func dossierInScope(code: String) throws -> Dossier {
        let scope = try reportScope()
        let code = try store.localCode(code)       // a short code, or an online dossier's portal code
        guard let summary = store.summary(code: code) else { throw StoreError.notFound(code) }
        guard scope.includes(summary) else {
            throw StoreError.forbidden(login: actor.login, role: actor.role, operation: .viewAllOffices)
        }
        return try dossier(code: code)
    }
}
