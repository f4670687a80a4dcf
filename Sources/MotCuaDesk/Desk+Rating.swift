import Foundation
import MotCuaCore
import MotCuaStore

/// The dossier a counter's rating device is asking the citizen about.
public struct AwaitingRating: Equatable, Sendable {
    public let code: String
    public let procedureName: String
    public let returnedAt: Instant
    /// The official who returned it (the rating is theirs).
    public let official: String
}

extension Desk {
    /// How long after the return a counter's device still asks about that dossier.
    public static let ratingDeviceWindowSeconds: Int64 = 30 * 60

    /// The citizen's rating of a returned dossier, once. The official rated is who returned it.
    public func rate(code: String, rating: Rating, op: String? = nil, now: Instant) throws -> Performed {
        try perform(.rate(rating), on: code, op: op, now: now)
    }

    /// A rating command completed with what only the desk knows: whom it rates (the official who
    /// returned the dossier, or the clerk returning it now), the department and the procedure.
    func completingRating(_ command: DossierCommand, on code: String) throws -> DossierCommand {
        switch command {
        case .rate(let rating):
            let subject = RatingSubject(history: try store.dossier(code: code).history)
            return .rate(subject.complete(rating))
        case .returnWith(let method, let form, .given(let rating)?):
            let subject = RatingSubject(history: try store.dossier(code: code).history)
            return .returnWith(method, form: form, rating: .given(subject.complete(rating, official: actor.login)))
        default:
            return command
        }
    }

    /// The rating recorded for a dossier, nil when the citizen has not rated it.
    public func rating(code: String) throws -> Rating? {
        RatingSubject(history: try store.dossier(code: code).history).rating
    }

    /// The newest dossier returned at `counter` with the device asked to rate it, not rated yet,
    /// returned less than `ratingDeviceWindowSeconds` ago; nil when there is none.
    public func awaitingRating(counter: Int, now: Instant) throws -> AwaitingRating? {
        let since = now.seconds - Desk.ratingDeviceWindowSeconds
        let segment = SegmentName(Instant(seconds: since).date)
        let returned = try store.dossierEvents(after: 0, from: segment).last {
            $0.event.kind == .returned && $0.event.ratingCounter == counter && $0.at.seconds >= since
        }
        guard let returned, let summary = store.summary(code: returned.code), !summary.flags.contains(.rated) else { return nil }
        return AwaitingRating(code: returned.code, procedureName: summary.procedure.name, returnedAt: returned.at, official: returned.by)
    }
}

extension Desk {
    /// Every rating recorded in the journal (at return or after it), for reports and the portal's
    /// monthly aggregate; dossiers outside the official's office scope are left out. With `since`,
    /// only the months from then are read (a rating is dated when it is recorded).
    public func ratings(office: String? = nil, since: CivilDate? = nil) throws -> (ratings: [RatedDossier], scope: ReportScope) {
        try store.require(actor, may: .viewReports)
        let scope = try reportScope(office: office)
        let rated = try store.dossierEvents(after: 0, from: since.map(SegmentName.init)).compactMap { rec -> RatedDossier? in
            guard let rating = rec.event.rating, rec.event.kind == .rated || rec.event.kind == .returned else { return nil }
            guard let summary = store.summary(code: rec.code), scope.includes(summary) else { return nil }
            return RatedDossier(code: rec.code, at: rec.at, rating: rating)
        }
        return (rated, scope)
    }

    public func ratingReport(from: CivilDate, to: CivilDate, by grouping: RatingReport.Grouping, office: String? = nil) throws
        -> (report: RatingReport, scope: ReportScope) {
        let (rated, scope) = try ratings(office: office, since: from)
        let catalogue = store.catalogue, officials = self.officials
        let report = RatingReport(rated, from: from, to: to, by: grouping) { grouping, key in
            switch grouping {
            case .official: return officials.names[key] ?? key
            case .department: return catalogue.department(key)?.name ?? key
            case .procedure: return catalogue.procedure(key)?.name ?? key
            case .none: return key
            }
        }
        return (report, scope)
    }

    /// `DongBoDanhGia` for one month, in the portal's shape.
    public func dongBoDanhGia(year: Int, month: Int) throws -> JSONText {
        let catalogue = store.catalogue
        return DongBoDanhGia.records(try ratings().ratings, year: year, month: month, unitCode: store.config.agency,
                                     unitName: store.config.name) { catalogue.procedure($0)?.name ?? $0 }
    }
}
