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
        var rows: [DossierSummary] = []
        try listing(filter, limit: limit, at: now).forEach { rows.append($0) }
        return rows
    }

    /// The same matches as `list`, in the same order, held as their sort keys and rows only: each
    /// is made a value again as `forEach` hands it over, so a full export (every dossier of five
    /// years) streams instead of keeping every value and one document of them all.
    public func listing(_ filter: DossierFilter, limit: Int? = nil, at now: Instant) throws -> DossierListing {
        let scope = try reportScope()
        store.loadCandidates(of: filter, in: scope)
        let clock = clock(at: now), role = actor.role
        let terms = SearchFolding.terms(filter.search ?? "")
        var keys: [DossierListing.Key] = []
        store.forEachCandidate(of: filter, in: scope) { summary, row in
            // Masking changes the ID, the phone and the search key only: without terms the filter
            // cannot tell, so a match is masked once, when `forEach` hands it out.
            let tested = terms.isEmpty ? summary : summary.visible(to: role)
            if filter.matches(tested, clock: clock, terms: terms) { keys.append(.init(due: tested.due, code: tested.code, row: row)) }
        }
        keys.sort { ($0.due, $0.code) < ($1.due, $1.code) }
        if let limit, keys.count > limit { keys.removeSubrange(limit...) }
        return DossierListing(keys: keys, store: store, role: role)
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

/// `Desk.listing`'s matches, earliest appointment first: the count now, the values one at a time.
public struct DossierListing {
    struct Key {
        let due: Instant
        let code: String
        let row: LoadedRow
    }

    let keys: [Key]
    let store: Store
    let role: Role

    public var count: Int { keys.count }

    /// Each match as this official may see it, in order (as the store has it now: the command
    /// line reads once; an index rebuilt meanwhile moved its rows, so those are found by code).
    public func forEach(_ body: (DossierSummary) throws -> Void) throws {
        for key in keys {
            guard let summary = store.summary(at: key.row) ?? store.summary(code: key.code) else { throw StoreError.notFound(key.code) }
            try body(summary.visible(to: role))
        }
    }
}
