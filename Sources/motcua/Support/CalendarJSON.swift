import MotCuaCore

/// JSON shapes of the calendar commands (contracts: keep the keys).
enum CalendarJSON {
    static func holidays(_ h: YearHolidays) -> JSONText {
        .object([
            ("year", .int(Int64(h.year))),
            ("source", .string(h.source.rawValue)),
            ("daysOff", .array(h.daysOff.map { day in
                var pairs: [(String, JSONText)] = [
                    ("date", .string(day.date.iso)), ("name", .string(day.name)), ("kind", .string(day.kind.rawValue)),
                    ("legalBasis", .optional(day.legalBasis)),
                ]
                if day.unconfirmed { pairs.append(("unconfirmed", .bool(true))) }
                return .object(pairs)
            })),
            ("makeupWorkdays", .array(h.makeupWorkdays.map { day in
                var pairs: [(String, JSONText)] = [
                    ("date", .string(day.date.iso)), ("name", .string(day.name)), ("legalBasis", .optional(day.legalBasis)),
                ]
                if day.unconfirmed { pairs.append(("unconfirmed", .bool(true))) }
                return .object(pairs)
            })),
        ])
    }

    static func explanation(_ lines: [ExplainLine]) -> JSONText {
        .array(lines.map { line in
            var pairs: [(String, JSONText)] = [("kind", .string(line.kind.rawValue)), ("date", .string(line.date.iso))]
            if line.kind == .counted || line.kind == .paused { pairs.append(("hours", .double(Double(line.seconds) / 3600))) }
            if let reason = line.reason { pairs.append(("reason", .string(reason))) }
            if let name = line.name { pairs.append(("name", .string(name))) }
            pairs.append(("text", .string(line.text)))
            return .object(pairs)
        })
    }
}
