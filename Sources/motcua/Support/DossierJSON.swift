import MotCuaCore
import MotCuaStore

/// JSON shapes of dossiers (contracts for supervisors' scripts: keys are only ever added).
enum DossierJSON {
    static let schemaVersion = 1

    static func status(_ status: DeadlineStatus) -> JSONText {
        var pairs: [(String, JSONText)] = []
        switch status {
        case .onTrack(let left): pairs = [("status", .string("on-track")), ("workingDaysLeft", .int(Int64(left)))]
        case .dueToday: pairs = [("status", .string("due-today"))]
        case .dueWithin1: pairs = [("status", .string("due-within-1"))]
        case .dueWithin3(let left): pairs = [("status", .string("due-within-3")), ("workingDaysLeft", .int(Int64(left)))]
        case .overdue(let late): pairs = [("status", .string("overdue")), ("workingDaysLate", .int(Int64(late)))]
        case .paused(let state): pairs = [("status", .string("paused")), ("pausedFor", .string(state.rawValue))]
        case .resolved(let r):
            pairs = [("status", .string("resolved")), ("timeliness", .string(r.atInstant.rawValue)),
                     ("timelinessByDate", .string(r.atDate.rawValue))]
        case .withdrawn: pairs = [("status", .string("withdrawn"))]
        }
        pairs.append(("marker", .string(status.marker)))
        return .object(pairs)
    }

    static func holder(_ h: Holder, catalogue: Catalogue) -> JSONText {
        .object([("department", .string(h.department)), ("departmentName", .optional(catalogue.department(h.department)?.name)),
                 ("official", .optional(h.official))])
    }

    static func instant(_ i: Instant?) -> JSONText { i.map { .string($0.iso8601) } ?? .null }

    static func summary(_ d: DossierSummary, clock: DeadlineClock, catalogue: Catalogue) -> JSONText {
        .object(summaryPairs(d, clock: clock, catalogue: catalogue))
    }

    private static func summaryPairs(_ d: DossierSummary, clock: DeadlineClock, catalogue: Catalogue) -> [(String, JSONText)] {
        [
            ("code", .string(d.code)), ("id", .string(d.id.uuidString.lowercased())), ("version", .int(Int64(d.version))),
            ("state", .string(d.state.rawValue)), ("stateName", .string(d.state.vietnamese)),
            ("applicant", .object([("name", .string(d.applicantName)), ("idNumber", .optional(d.idNumber)), ("phone", .optional(d.phone))])),
            ("procedure", .object([("code", .string(d.procedure.code)), ("name", .string(d.procedure.name)),
                                   ("shortName", .string(d.procedure.shortName)), ("field", .string(d.procedure.field)),
                                   ("catalogueVersion", .int(Int64(d.procedure.catalogueVersion)))])),
            ("channel", .string(d.channel.rawValue)),
            ("holder", holder(d.holder, catalogue: catalogue)),
            ("receivedAt", instant(d.receivedAt)), ("due", instant(d.due)), ("statsDue", instant(d.statsDue)),
            ("originalDue", instant(d.originalDue)), ("stepDue", instant(d.stepDue)),
            ("pausedAt", instant(d.pausedAt)), ("resolvedAt", instant(d.resolvedAt)), ("closedAt", instant(d.closedAt)),
            ("extended", .bool(d.extended)), ("supplementCount", .int(Int64(d.supplementCount))),
            ("flags", .array(d.flags.map(\.rawValue).sorted().map(JSONText.string))),
            ("deadline", status(clock.status(of: d))),
            ("responsibleStep", d.responsibleStep(at: clock.now).map { holder($0, catalogue: catalogue) } ?? .null),
        ]
    }

    /// `show --json`: the summary, then the reception, how the due date was counted and the history.
    static func detail(_ dossier: Dossier, clock: DeadlineClock, catalogue: Catalogue, explanation: [ExplainLine],
                       lookupSecret: LookupSecret? = nil) -> JSONText {
        let r = dossier.reception
        return .object(summaryPairs(dossier.summary, clock: clock, catalogue: catalogue) + [
            ("address", .optional(r.applicant.address)), ("email", .optional(r.applicant.email)),
            ("proxy", r.proxy.map { .object([("name", .string($0.name)), ("idNumber", .optional($0.idNumber)),
                                              ("phone", .optional($0.phone)), ("authorisation", .optional($0.authorisation))]) } ?? .null),
            // Each paper with its digitisation (issue 14): the scan's path in the scan folder and its hash.
            ("documents", .array(DocumentsView(dossier).papers.map { p in
                .object([("name", .string(p.document.name)), ("originals", .int(Int64(p.document.originals))),
                         ("copies", .int(Int64(p.document.copies))), ("file", .optional(p.document.file)),
                         ("status", .string(p.record.status.rawValue)), ("scan", .optional(p.record.sha256 == nil ? nil : p.record.file)),
                         ("sha256", .optional(p.record.sha256)), ("from", .optional(p.record.from))])
            })),
            ("portalCode", .optional(r.portalCode)), ("submittedAt", instant(r.submittedAt)),
            ("explain", CalendarJSON.explanation(explanation)),
            ("events", .array(dossier.history.map(event))),
        ] + (lookupSecret.map { [("lookupSecret", JSONText.string($0.description))] } ?? []))
    }

    /// `list --json`.
    static func list(_ rows: [DossierSummary], now: Instant, clock: DeadlineClock, catalogue: Catalogue) -> JSONText {
        .object(listHead(count: rows.count, now: now) + [("dossiers", .array(rows.map { summary($0, clock: clock, catalogue: catalogue) }))])
    }

    /// The keys before `dossiers` (the last key, so a long list streams after them).
    static func listHead(count: Int, now: Instant) -> [(String, JSONText)] {
        [("schema", .int(Int64(schemaVersion))), ("now", .string(now.iso8601)), ("count", .int(Int64(count)))]
    }

    /// `receive --json`: the code and the appointment of the dossier just received, and the
    /// secret its receipt carries for the citizen's lookup (issue 16).
    static func receipt(_ commit: Commit, _ d: DossierSummary, lookupSecret: LookupSecret? = nil) -> JSONText {
        .object([
            ("code", .string(commit.code)), ("id", .string(commit.id.uuidString.lowercased())),
            ("receivedAt", .string(d.receivedAt.iso8601)), ("due", .string(d.due.iso8601)),
            ("version", .int(Int64(commit.version))), ("replayed", .bool(commit.replayed)),
        ] + (lookupSecret.map { [("lookupSecret", JSONText.string($0.description))] } ?? []))
    }

    /// An action's `--json`: where the dossier stands after it.
    static func action(_ commit: Commit, _ d: DossierSummary, catalogue: Catalogue) -> JSONText {
        .object([
            ("code", .string(d.code)), ("version", .int(Int64(commit.version))), ("seq", .int(commit.seq)),
            ("replayed", .bool(commit.replayed)), ("state", .string(d.state.rawValue)), ("due", .string(d.due.iso8601)),
            ("holder", holder(d.holder, catalogue: catalogue)),
        ])
    }

    static func event(_ rec: RecordedEvent) -> JSONText {
        var pairs: [(String, JSONText)] = [
            ("seq", .int(rec.seq)), ("at", .string(rec.at.iso8601)), ("by", .string(rec.by)),
            ("as", .optional(rec.actingAdmin)), ("terminal", .optional(rec.terminal)),
            ("version", .int(Int64(rec.version))), ("kind", .string(rec.event.kind.rawValue)),
            ("text", .string(DossierText.eventText(rec))),
        ]
        let e = rec.event
        if let v = e.department { pairs.append(("department", .string(v))) }
        if let v = e.official { pairs.append(("official", .string(v))) }
        if let v = e.reason { pairs.append(("reason", .string(v))) }
        if let v = e.documents { pairs.append(("documents", .array(v.map(JSONText.string)))) }
        if let v = e.due { pairs.append(("due", .string(v.iso8601))) }
        if let v = e.stepDue { pairs.append(("stepDue", .string(v.iso8601))) }
        if let v = e.text { pairs.append(("note", .string(v))) }
        if let v = e.returnedTo { pairs.append(("returnedTo", .string(v))) }
        if let v = e.proxyName { pairs.append(("proxyName", .string(v))) }
        if let v = e.waybill { pairs.append(("waybill", .string(v))) }
        if let v = e.flags { pairs.append(("flags", .array(v.map { .string($0.rawValue) }))) }
        return .object(pairs)
    }
}
