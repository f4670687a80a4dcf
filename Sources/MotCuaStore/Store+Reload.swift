import MotCuaCore

/// An open session (the terminal app, hours long) follows the users file, the catalogue and the
/// holiday calendar when another process changes them: the journal line of the change tells it
/// which file to read again, and a write checks the official against the users file as it is.
extension Store {
    func noteFileChange(_ kind: AdminEvent.Kind) {
        let paths: [String]
        switch kind {
        case .userAdded, .userRemoved: paths = [files.users]
        case .catalogueInstalled: paths = [files.catalogue]
        case .calendarInstalled, .calendarConfirmed, .schedulePublished, .scheduleRemoved: paths = [files.holidays]
        case .storeCreated, .formPrinted, .sealRepaired, .syncConfigured, .notifyConfigured, .documentsConfigured: paths = []
        case .counterConfigured: paths = []          // counters.json is read at every use
        }
        changedFiles.formUnion(paths)
    }

    private func inode(_ path: String) -> UInt64? { (try? fs.stat(path))??.inode }

    /// Reads again each changed file once it was replaced (a new inode); until then it waits.
    func reloadChangedFiles() throws {
        for path in changedFiles {
            let current = inode(path)
            guard current != readInodes[path] ?? nil else { continue }
            changedFiles.remove(path)
            readInodes[path] = current
            if path == files.users {
                try reloadUsers()
            } else if path == files.catalogue {
                catalogue = try Store.readCatalogue(files: files, fs: fs)
            } else if path == files.holidays {
                calendar = WorkCalendar(schedule: try Store.readSchedule(files: files, fs: fs), hours: calendar.hours, model: calendar.model)
            }
        }
    }

    /// The official as the users file has them now (under the writer lock, caught up): a
    /// removed user's open session writes nothing more, a changed role applies at once.
    func requireStill(_ actor: Actor, may operation: Permission) throws {
        guard let user = users.user(actor.login) else { throw StoreError.userRemoved(actor.login) }
        if let admin = actor.actingAdmin, users.user(admin)?.role != .admin { throw StoreError.userRemoved(admin) }
        guard AccessPolicy.allows(user.role, operation) else {
            throw StoreError.forbidden(login: user.login, role: user.role, operation: operation)
        }
    }
}
