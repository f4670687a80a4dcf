import ArgumentParser
import MotCuaCore
import MotCuaStore

extension CalendarCommand {
    /// A year's official schedule in the store: published by an admin with its legal basis,
    /// listed, withdrawn. The store's file overrides the shipped one for its years.
    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schedule", abstract: "Lịch nghỉ chính thức từng năm của kho: công bố, xem, gỡ (quản trị).",
            subcommands: [Add.self, List.self, Remove.self])
    }
}

extension CalendarCommand.Schedule {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Công bố lịch nghỉ chính thức một năm (thay quy tắc Bộ luật Lao động và lịch đóng gói cho năm đó).",
            discussion: """
            Ghi đủ mọi ngày nghỉ của năm (kể cả Tết Dương lịch, 30/4, 1/5, 2/9): lịch công bố thay hẳn quy tắc mặc định. \
            Ví dụ: motcua calendar schedule add 2027 --legal-basis "Thông báo 123/TB-BNV ngày 20/11/2026" \
            --off "01/01/2027=Tết Dương lịch" --off "05/02/2027-11/02/2027=Tết Nguyên đán" --makeup "20/02/2027=Làm bù cho thứ Sáu 12/02/2027"
            """)

        @Argument(help: "Năm dương lịch.") var year: Int
        @Option(name: .customLong("legal-basis"), help: "Căn cứ pháp lý: số, ngày văn bản, cơ quan ban hành.") var legalBasis: String
        @Option(name: .customLong("off"), parsing: .singleValue, help: "Đợt nghỉ NGÀY[-NGÀY]=TÊN (dd/MM/yyyy hoặc YYYY-MM-DD); thứ Bảy, Chủ nhật trong đợt tự bỏ qua; lặp lại được.")
        var off: [String] = []
        @Option(name: .customLong("makeup"), parsing: .singleValue, help: "Ngày làm bù NGÀY=TÊN (thứ Bảy hoặc Chủ nhật); lặp lại được.")
        var makeup: [String] = []
        @OptionGroup var store: StoreSelection

        func validate() throws { _ = try schedule() }

        func run() throws {
            let holidays = try schedule()
            let context = try StoreContext.open(store, history: .deferred)
            try context.store.publishSchedule(holidays, actor: context.actor, now: context.now)
            print("Đã công bố lịch nghỉ năm \(year): \(holidays.daysOff.count) ngày nghỉ, \(holidays.makeupWorkdays.count) ngày làm bù.")
        }

        private func schedule() throws -> YearHolidays {
            try Parse.year(year, option: "năm")
            guard !off.isEmpty else { throw CLIError.badInput("cần ít nhất một --off NGÀY[-NGÀY]=TÊN") }
            let spans = try off.map { text -> DaysOffSpan in
                let (dates, name) = try Self.named(text, option: "--off")
                let (start, end) = try Self.span(dates)
                return DaysOffSpan(start: start, end: end, name: name)
            }
            let days = try makeup.map { text -> (date: CivilDate, name: String) in
                let (date, name) = try Self.named(text, option: "--makeup")
                return (try Parse.date(date, option: "--makeup"), name)
            }
            do { return try SchedulePublication.year(year, daysOff: spans, makeupWorkdays: days, legalBasis: legalBasis) } catch {
                throw CLIError.badInput("Lịch nghỉ năm \(year) không hợp lệ: \(error)")
            }
        }

        /// `DATES=NAME`, the name not empty.
        static func named(_ text: String, option: String) throws -> (String, String) {
            guard let equals = text.firstIndex(of: "=") else { throw CLIError.badInput("\(option): '\(text)' cần dạng NGÀY=TÊN") }
            let name = Validation.clean(String(text[text.index(after: equals)...]))
            guard !name.isEmpty else { throw CLIError.badInput("\(option): '\(text)' thiếu tên ngày nghỉ sau dấu =") }
            return (String(text[..<equals]).trimmingCharacters(in: .whitespaces), name)
        }

        /// `DATE` or `DATE-DATE` (ISO dates contain '-' too: every cut is tried).
        static func span(_ text: String) throws -> (CivilDate, CivilDate) {
            if let single = try? Parse.date(text, option: "--off") { return (single, single) }
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            for cut in 1..<max(parts.count, 1) {
                let left = parts[..<cut].joined(separator: "-").trimmingCharacters(in: .whitespaces)
                let right = parts[cut...].joined(separator: "-").trimmingCharacters(in: .whitespaces)
                if let a = try? Parse.date(left, option: "--off"), let b = try? Parse.date(right, option: "--off") { return (a, b) }
            }
            throw CLIError.badInput("--off: '\(text)' không phải ngày hoặc đợt NGÀY-NGÀY (dd/MM/yyyy hoặc YYYY-MM-DD)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Các năm có lịch nghỉ chính thức: của kho hay đóng gói, số ngày, căn cứ.")
        @OptionGroup var store: StoreSelection
        @OptionGroup var output: OutputOptions

        func run() throws {
            let context = try StoreContext.open(store, history: .deferred)
            let own = try context.store.readOwnSchedule()
            let schedule = context.store.calendar.schedule
            let rows = schedule.years.keys.sorted().compactMap { year -> (YearHolidays, String, [String])? in
                guard let holidays = schedule.years[year] else { return nil }
                let bases = Set(holidays.daysOff.compactMap(\.legalBasis) + holidays.makeupWorkdays.compactMap(\.legalBasis)).sorted()
                return (holidays, own.years[year] != nil ? "store" : "shipped", bases)
            }
            if output.json {
                Console.json(.object([("years", .array(rows.map { row in
                    .object([("year", .int(Int64(row.0.year))), ("source", .string(row.1)),
                             ("daysOff", .int(Int64(row.0.daysOff.count))), ("makeupWorkdays", .int(Int64(row.0.makeupWorkdays.count))),
                             ("unconfirmed", .int(Int64(row.0.daysOff.filter(\.unconfirmed).count + row.0.makeupWorkdays.filter(\.unconfirmed).count))),
                             ("legalBasis", .array(row.2.map { .string($0) }))])
                }))]))
            } else {
                for (holidays, source, bases) in rows {
                    let origin = source == "store" ? "của kho" : "đóng gói"
                    print("\(holidays.year)  \(origin)  \(holidays.daysOff.count) ngày nghỉ, \(holidays.makeupWorkdays.count) ngày làm bù  — \(bases.joined(separator: "; "))")
                }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Gỡ lịch nghỉ riêng của kho cho một năm (quay về lịch đóng gói hoặc Bộ luật Lao động).")
        @Argument(help: "Năm dương lịch.") var year: Int
        @OptionGroup var store: StoreSelection

        func validate() throws { try Parse.year(year, option: "năm") }

        func run() throws {
            let context = try StoreContext.open(store, history: .deferred)
            try context.store.removeSchedule(year: year, actor: context.actor, now: context.now)
            print("Đã gỡ lịch nghỉ riêng năm \(year).")
        }
    }
}
