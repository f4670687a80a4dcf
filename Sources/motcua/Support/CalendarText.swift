import MotCuaCore

/// Text shapes of the calendar commands, for a person at a terminal.
enum CalendarText {
    static let unconfirmedMark = "[CHƯA XÁC NHẬN căn cứ pháp lý]"

    static func holidays(_ h: YearHolidays) -> String {
        var out = "Năm \(h.year): "
        out += h.source == .official ? "lịch nghỉ chính thức của cán bộ, công chức\n" : "tính theo Bộ luật Lao động 2019 (chưa có lịch chính thức)\n"
        out += "Ngày nghỉ (không kể thứ Bảy, Chủ nhật):\n"
        for day in h.daysOff {
            out += "  \(day.date.vietnameseWithWeekday.padding(toWidth: 20))\(day.name) [\(kindName(day.kind))]"
            if day.unconfirmed { out += " \(unconfirmedMark)" }
            out += "\n"
            if let basis = day.legalBasis { out += "  \(String(repeating: " ", count: 20))căn cứ: \(basis)\n" }
        }
        if !h.makeupWorkdays.isEmpty {
            out += "Ngày làm bù:\n"
            for day in h.makeupWorkdays {
                out += "  \(day.date.vietnameseWithWeekday.padding(toWidth: 20))\(day.name)"
                if day.unconfirmed { out += " \(unconfirmedMark)" }
                out += "\n"
            }
        }
        return out
    }

    static func kindName(_ kind: DayOffKind) -> String {
        switch kind {
        case .statutory: return "nghỉ lễ"
        case .compensatory: return "nghỉ bù"
        case .official: return "theo quyết định"
        }
    }

    static func due(_ r: DueComputation, explain: Bool) -> String {
        var out = "Tiếp nhận:     \(r.received.vietnameseShort)\n"
        out += "Bắt đầu tính:  \(r.effectiveStart.vietnameseShort)\n"
        out += "Hẹn trả:       \(r.due.vietnameseShort) (\(r.due.date.weekdayName))\n"
        if explain {
            out += "Diễn giải:\n"
            for line in r.explanation { out += "  \(line.text)\n" }
        }
        return out
    }

    /// A month grid: solar day, lunar day, and a mark for days off (*) and make-up days (+).
    static func month(year: Int, month: Int, calendar: WorkCalendar, today: CivilDate) -> String {
        let first = CivilDate(year, month, 1)
        var out = "Tháng \(month)/\(year)"
        if let lunar = LunarCalendar.lunarDate(for: first) {
            out += " – năm \(LunarCalendar.canChi(ofLunarYear: lunar.year)) (âm lịch)"
        }
        out += "\n"
        out += ["T2", "T3", "T4", "T5", "T6", "T7", "CN"].map { $0.padding(toWidth: 10) }.joined() + "\n"
        var cells = [String](repeating: "", count: first.isoWeekday - 1)
        var notes: [String] = []
        for day in 1...CivilDate.daysInMonth(year: year, month: month) {
            let date = CivilDate(year, month, day)
            let lunar = LunarCalendar.lunarDate(for: date)
            let lunarText = lunar.map { $0.day == 1 ? "\($0.day)/\($0.month)\($0.isLeap ? "n" : "")" : "\($0.day)" } ?? ""
            var mark = " "
            switch calendar.status(of: date) {
            case .dayOff(let off):
                mark = "*"
                notes.append("* \(date.vietnamese): \(off.name)\(off.unconfirmed ? " \(unconfirmedMark)" : "")")
            case .makeupWorkday(let makeup):
                mark = "+"
                notes.append("+ \(date.vietnamese): \(makeup.name)")
            case .weekend, .working: break
            }
            let todayMark = date == today ? ">" : " "
            cells.append("\(todayMark)\(String(day).leftPadded(2))\(mark)(\(lunarText))")
        }
        while !cells.isEmpty {
            let week = cells.prefix(7)
            out += week.map { $0.padding(toWidth: 10) }.joined().trimmingTrailingSpaces() + "\n"
            cells.removeFirst(week.count)
        }
        out += "(số trong ngoặc: ngày âm lịch; * ngày nghỉ; + ngày làm bù; > hôm nay)\n"
        for note in notes { out += note + "\n" }
        return out
    }
}
