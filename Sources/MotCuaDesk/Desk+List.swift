import MotCuaCore
import MotCuaStore

extension Desk {
    /// `motcua list`: the dossiers of this official's office scope (as `overdue` counts them) that
    /// pass `filter`, earliest appointment first, as this official may see them. The search runs on
    /// what the official sees: a masked ID or phone matches on its visible digits only.
    public func list(_ filter: DossierFilter, limit: Int? = nil, at now: Instant) throws -> [DossierSummary] {
        let scope = try reportScope()
        let visible = scope.filter(store.summaries).map { $0.visible(to: actor.role) }
        let rows = filter.apply(visible, clock: clock(at: now))
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
