/// The queue figures as the supervisor reads them: a text table, JSON and CSV.
extension QueueFigures {
    public static let stateNames: [QueueTicket.State: String] = [
        .waiting: "Đang chờ", .called: "Đã gọi", .serving: "Đang phục vụ", .finished: "Đã phục vụ",
        .noShow: "Vắng mặt", .closed: "Hết ngày",
    ]

    private static let headers = ["Phiếu", "Phục vụ", "Vắng", "Chờ TB", "Chờ P90", "P.vụ TB", "P.vụ P90"]

    private func cells(_ r: Row) -> [String] {
        [String(r.tickets), String(r.served), String(r.noShows), Self.duration(r.waitAverage), Self.duration(r.waitP90),
         Self.duration(r.serviceAverage), Self.duration(r.serviceP90)]
    }

    /// Rows of the summary: the day, each counter, each official (`names`: login → full name).
    public func summaryLines(names: [String: String] = [:]) -> [String] {
        let w = 20
        var out = [TextLayout.fit("Theo", w) + Self.headers.map { TextLayout.fit($0, 9, right: true) }.joined()]
        let rows = [total] + byCounter.map(\.row) + byOfficial.map { r in
            var named = r
            named = Row(key: names[r.key] ?? r.key, tickets: r.tickets, served: r.served, noShows: r.noShows, waitAverage: r.waitAverage,
                        waitP90: r.waitP90, serviceAverage: r.serviceAverage, serviceP90: r.serviceP90)
            return named
        }
        for r in rows { out.append(TextLayout.fit(r.key, w) + cells(r).map { TextLayout.fit($0, 9, right: true) }.joined()) }
        return out
    }

    /// Each ticket: number, issue and call times, counter, waiting and service, state, dossier.
    public func ticketLines(dossiers: [String: String] = [:]) -> [String] {
        var out = ["Số    Ưu tiên Lấy   Gọi   Quầy Chờ    P.vụ   Trạng thái   Hồ sơ"]
        for t in tickets {
            out.append([TextLayout.fit(t.number, 6), TextLayout.fit(t.priority ? "có" : "", 8),
                        TextLayout.fit(t.issuedAt.clockText, 6), TextLayout.fit(t.calledAt?.clockText ?? "—", 6),
                        TextLayout.fit(t.counter.map(String.init) ?? "—", 5), TextLayout.fit(Self.duration(t.waitingSeconds), 7),
                        TextLayout.fit(Self.duration(t.serviceSeconds), 7), TextLayout.fit(Self.stateNames[t.state] ?? "", 13),
                        dossiers[t.number] ?? ""].joined().trimmingTrailingSpaces)
        }
        return out
    }

    public func text(names: [String: String] = [:], dossiers: [String: String] = [:]) -> String {
        var lines = ["Hàng đợi ngày \(day.vietnamese) (thời gian: phút:giây; chờ = gọi − lấy số, phục vụ = xong − bắt đầu)", ""]
        lines += summaryLines(names: names)
        lines += ["", "Từng phiếu:"] + ticketLines(dossiers: dossiers)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func seconds(_ s: Int64?) -> JSONText { s.map { .int($0) } ?? .null }

    private func json(_ r: Row) -> JSONText {
        .object([("key", .string(r.key)), ("tickets", .int(Int64(r.tickets))), ("served", .int(Int64(r.served))),
                 ("noShows", .int(Int64(r.noShows))), ("waitAverageSeconds", Self.seconds(r.waitAverage)),
                 ("waitP90Seconds", Self.seconds(r.waitP90)), ("serviceAverageSeconds", Self.seconds(r.serviceAverage)),
                 ("serviceP90Seconds", Self.seconds(r.serviceP90))])
    }

    public func json(dossiers: [String: String] = [:]) -> JSONText {
        .object([
            ("schema", .int(1)), ("report", .string("queue")), ("date", .string(day.iso)), ("total", json(total)),
            ("byCounter", .array(byCounter.map { c in
                if case .object(let pairs) = json(c.row) { return .object([("counter", .int(Int64(c.counter)))] + pairs) }
                return json(c.row)
            })),
            ("byOfficial", .array(byOfficial.map(json))),
            ("tickets", .array(tickets.map { t in Self.ticketJSON(t, dossier: dossiers[t.number]) })),
        ])
    }

    public static func ticketJSON(_ t: QueueTicket, dossier: String? = nil) -> JSONText {
        .object([
            ("number", .string(t.number)), ("group", .string(t.group)), ("groupName", .string(t.groupName)),
            ("priority", .bool(t.priority)), ("issuedAt", .string(t.issuedAt.iso8601)), ("state", .string(t.state.rawValue)),
            ("counter", t.counter.map { .int(Int64($0)) } ?? .null), ("calledAt", t.calledAt.map { .string($0.iso8601) } ?? .null),
            ("official", t.official.map(JSONText.string) ?? .null), ("recalls", .int(Int64(t.recalls))),
            ("waitingSeconds", seconds(t.waitingSeconds)), ("serviceSeconds", seconds(t.serviceSeconds)),
            ("dossier", dossier.map(JSONText.string) ?? .null),
        ])
    }

    public func csv(dossiers: [String: String] = [:]) -> CSVDocument {
        var doc = CSVDocument(header: ["Số phiếu", "Nhóm", "Ưu tiên", "Lấy số lúc", "Gọi lúc", "Quầy", "Cán bộ",
                                       "Chờ (giây)", "Phục vụ (giây)", "Trạng thái", "Hồ sơ"])
        for t in tickets {
            doc.append([.text(t.number), .text(t.groupName), .text(t.priority ? "có" : ""), .instant(t.issuedAt), .instant(t.calledAt),
                        t.counter.map { .int($0) } ?? .empty, .text(t.official ?? ""),
                        t.waitingSeconds.map { .int(Int($0)) } ?? .empty, t.serviceSeconds.map { .int(Int($0)) } ?? .empty,
                        .text(Self.stateNames[t.state] ?? ""), .text(dossiers[t.number] ?? "")])
        }
        return doc
    }
}
