import Foundation
import MotCuaCore

/// A loaded dossier's row in the table, so a listing can keep rows instead of values.
public struct LoadedRow: Hashable, Sendable {
    let row: Int32
    let generation: Int
}

/// `motcua list` reads the columns first and makes values only of the rows that can pass, one at a
/// time: at 500,000 dossiers making every row a value (and keeping them) cost ~300 MB and a second.
extension Store {
    /// Whether the loaded rows are enough for `filter`: a deferred open loads every dossier that is
    /// not closed, so a filter that admits only those needs no older year.
    public static func needsClosedDossiers(_ filter: DossierFilter) -> Bool {
        if filter.overdueOnly || filter.dueWithinWorkingDays != nil { return false }      // running only
        guard let states = filter.states else { return true }
        return states.contains { $0.isClosed }
    }

    /// Calls `body` with each loaded dossier in `scope` that can pass `filter`, made into a value,
    /// and its row (to make it again later without keeping it, `summary(at:)`).
    /// The test here is a necessary condition read from the columns (state, holder, office, and
    /// the raw search key containing each term without `*`, which a masked key's match implies);
    /// the caller applies the exact filter to what the official sees.
    public func forEachCandidate(of filter: DossierFilter, in scope: ReportScope, _ body: (DossierSummary, LoadedRow) -> Void) {
        settlePending()
        let table = index.table
        let office = table.officeID(scope)
        let holder = filter.holder.flatMap { $0.isEmpty ? nil : (table.names.existingID($0) ?? UInt32.max) }
        let runningOnly = filter.overdueOnly || filter.dueWithinWorkingDays != nil
        // '*' is what a masked ID or phone shows; a term with it can match only the masked key.
        let terms = SearchFolding.terms(filter.search ?? "").filter { !$0.contains("*") }.map { Array($0.utf8) }
        table.arena.withUnsafeBufferPointer { arena in
            for row in 0..<table.count {
                let state = table.state[row]
                if let states = filter.states, !states.contains(state) { continue }
                if runningOnly && !state.isRunning { continue }
                if let office, table.office[row] != office { continue }
                if let holder, table.holderDepartment[row] != holder { continue }
                if !terms.isEmpty {
                    let key = table.searchKey[row]
                    let bytes = UnsafeBufferPointer(rebasing: arena[Int(key.offset)..<Int(key.offset + key.length)])
                    guard terms.allSatisfy({ SearchTerm.occurs($0, in: UnsafeRawBufferPointer(bytes)) }) else { continue }
                }
                body(table.summary(at: row), LoadedRow(row: Int32(row), generation: reloadCount))
            }
        }
    }

    /// The dossier at a row `forEachCandidate` handed out, made into a value again; nil when the
    /// index was rebuilt since (rows moved). Rows only ever append otherwise, so a row keeps its dossier.
    public func summary(at row: LoadedRow) -> DossierSummary? {
        guard row.generation == reloadCount, Int(row.row) < index.table.count else { return nil }
        return index.table.summary(at: Int(row.row))
    }
}
