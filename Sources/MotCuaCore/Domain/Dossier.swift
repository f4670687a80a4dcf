import Foundation

/// A dossier with everything: the summary, what was received, and its whole history.
/// Built from the journal on demand (detail pane, `show`, printed forms).
public struct Dossier: Hashable, Sendable {
    public internal(set) var summary: DossierSummary
    public internal(set) var reception: Reception
    public internal(set) var history: [RecordedEvent]

    public init(events: [RecordedEvent]) throws {
        guard let first = events.first, let reception = first.event.reception else {
            throw EventDecodingError("hồ sơ không có sự kiện tiếp nhận")
        }
        var summary = try DossierSummary(received: first)
        for rec in events.dropFirst() { summary.apply(rec) }
        self.summary = summary
        // An accepted online dossier: the reception as the clerk accepted it.
        self.reception = events.last { $0.event.kind == .accepted }?.event.reception ?? reception
        history = events
    }

    public var id: UUID { summary.id }
    public var code: String { summary.code }

    /// The latest extension (Mẫu 04), if any.
    public var extensionEvent: RecordedEvent? { history.last { $0.event.kind == .extended } }

    /// Each hand-over, for the process control slip: who gave, who received, when, and how the step ended.
    public func handOvers(calendar: WorkCalendar) -> [HandOver] {
        var result: [HandOver] = []
        // An online dossier's process starts when the desk accepted it.
        let start = history.lastIndex { $0.event.kind == .accepted } ?? history.startIndex
        guard start < history.endIndex else { return [] }
        var holder = Holder(department: Catalogue.deskCode, official: history[start].by)
        var stepDue = history[start].event.stepDue
        for rec in history[(start + 1)...] {
            switch rec.event.kind {
            case .transferred, .resultReady:
                let receiver = rec.event.kind == .transferred
                    ? Holder(department: rec.event.department ?? "", official: rec.event.official)
                    : Holder(department: Catalogue.deskCode, official: rec.by)
                let timeliness = stepDue.map { Resolution.classify(finished: rec.at, due: $0).atInstant }
                result.append(HandOver(at: rec.at, from: holder, to: receiver, by: rec.by, stepTimeliness: timeliness,
                                       kind: rec.event.kind))
                holder = receiver
                stepDue = rec.event.stepDue
            case .resumed, .supplementReceived:
                if let s = rec.event.stepDue { stepDue = s }
            default:
                break
            }
        }
        return result
    }
}

/// One row of the process control slip (phiếu kiểm soát quá trình giải quyết hồ sơ).
public struct HandOver: Hashable, Sendable {
    public let at: Instant
    public let from: Holder
    public let to: Holder
    public let by: String
    /// How the giving step ended against its budget.
    public let stepTimeliness: Timeliness?
    public let kind: DossierEvent.Kind
}
