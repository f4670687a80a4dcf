/// The reports as ordered JSON (`--json`), with `"schema": 1` and the counting rules.
extension OverdueReport {
    public func json(groupedBy grouping: Grouping = .department) -> JSONText {
        .object([
            ("schema", .int(1)),
            ("report", .string("overdue")),
            ("now", .string(now.iso8601)),
            ("rules", .array(OverdueReport.rules.map(JSONText.string))),
            ("counts", .object([
                ("overdue", .int(Int64(overdue.count))),
                ("dueToday", .int(Int64(dueToday.count))),
                ("dueWithin1", .int(Int64(dueWithin1.count))),
            ])),
            ("overdue", .array(overdue.map(\.json))),
            ("dueToday", .array(dueToday.map(\.json))),
            ("dueWithin1", .array(dueWithin1.map(\.json))),
            ("groupedBy", .string(grouping.rawValue)),
            ("groups", .array(groups(by: grouping).map { group in
                .object([
                    ("key", .string(group.key)),
                    ("name", .string(group.name)),
                    ("count", .int(Int64(group.count))),
                    ("codes", .array(group.rows.map { .string($0.code) })),
                ])
            })),
        ])
    }
}

extension OverdueRow {
    public var json: JSONText {
        .object([
            ("code", .string(code)),
            ("applicant", .string(applicant)),
            ("procedure", .object([("code", .string(procedureCode)), ("shortName", .string(procedureShortName))])),
            ("field", .string(field)),
            ("holder", .object([
                ("department", .string(holder.department)),
                ("departmentName", .string(holderDepartmentName)),
                ("official", .optional(holder.official)),
                ("officialName", .optional(holderOfficialName)),
            ])),
            ("responsibleStep", responsibleStep.map { step in
                .object([("department", .string(step.department)), ("official", .optional(step.official))])
            } ?? .null),
            ("workingDaysLate", .int(Int64(workingDaysLate))),
            ("due", .string(due.iso8601)),
            ("extended", .bool(extended)),
            ("receivedAt", .string(receivedAt.iso8601)),
        ])
    }
}

extension PeriodReport {
    public func json() -> JSONText {
        .object([
            ("schema", .int(1)),
            ("report", .string("period")),
            ("from", .string(from.iso)),
            ("to", .string(to.iso)),
            ("start", .string(start.iso8601)),
            ("end", .string(end.iso8601)),
            ("workingDays", .int(Int64(workingDays))),
            ("groupedBy", .string(grouping.rawValue)),
            ("rules", .array(rules.map(JSONText.string))),
            ("reconciles", .bool(reconciles)),
            ("rows", .array(rows.map { $0.counts.json(group: .string($0.key), name: $0.name) })),
            ("total", total.json(group: .null, name: "Tổng cộng")),
        ])
    }
}

extension PeriodCounts {
    func json(group: JSONText, name: String) -> JSONText {
        func n(_ value: Int) -> JSONText { .int(Int64(value)) }
        /// A ratio rounded to 4 decimals (0.8533), or null.
        func rate(_ value: Double?) -> JSONText { value.map { .double(($0 * 10_000).rounded() / 10_000) } ?? .null }
        return .object([
            ("group", group),
            ("groupName", .string(name)),
            ("carriedOver", n(carriedOver)),
            ("received", n(received)),
            ("receivedByChannel", .object([("direct", n(receivedDirect)), ("postal", n(receivedPostal)), ("online", n(receivedOnline))])),
            ("resolved", n(resolved)),
            ("early", n(early)),
            ("onTime", n(onTime)),
            ("late", n(late)),
            ("earlyByDate", n(earlyByDate)),
            ("onTimeByDate", n(onTimeByDate)),
            ("lateByDate", n(lateByDate)),
            ("refused", n(refused)),
            ("withdrawn", n(withdrawn)),
            ("pending", n(pending)),
            ("pendingWithinTime", n(pendingWithinTime)),
            ("pendingOverdue", n(pendingOverdue)),
            ("pausedSupplement", n(pausedSupplement)),
            ("pausedSuspension", n(pausedSuspension)),
            ("returned", n(returned)),
            ("lateWithApology", n(lateWithApology)),
            ("secondSupplement", n(secondSupplement)),
            ("onTimeRate", rate(onTimeRate)),
            ("onTimeRateByDate", rate(onTimeRateByDate)),
        ])
    }
}
