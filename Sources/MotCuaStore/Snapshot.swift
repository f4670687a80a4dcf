import Foundation
import MotCuaCore

extension Store {
    /// Loads the index: for now a full replay of the journal.
    func loadSnapshotAndReplay() throws {
        try reloadFromScratch()
    }
}
