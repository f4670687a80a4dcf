/// One planned action of a simulated desk: who does what, when, to which dossier.
public struct PlannedStep: Sendable {
    public enum Action: Sendable {
        case receive(Intake)
        case command(DossierCommand)
    }

    public let at: Instant
    public let by: String
    /// The dossier's number in the plan (receipt order), to route later steps to its code.
    public let dossier: Int
    public let action: Action
}

/// The officials of a demo store.
public enum DemoStaff {
    public struct Member: Sendable {
        public let login: String
        public let name: String
        public let role: Role
        public let department: String?
    }

    public static let members: [Member] = [
        Member(login: "lan", name: "Lê Thị Lan", role: .clerk, department: "MC"),
        Member(login: "minh", name: "Trần Văn Minh", role: .clerk, department: "MC"),
        Member(login: "hoa", name: "Nguyễn Thị Hoa", role: .officer, department: "VP"),
        Member(login: "tuan", name: "Phạm Anh Tuấn", role: .officer, department: "KT"),
        Member(login: "thu", name: "Hồ Thị Thu", role: .officer, department: "VHXH"),
        Member(login: "quang", name: "Đặng Văn Quang", role: .officer, department: "DD"),
        Member(login: "son", name: "Võ Trường Sơn", role: .officer, department: "CA"),
        Member(login: "hung", name: "Hoàng Trọng Hùng", role: .supervisor, department: "LD"),
    ]

    static let clerks = members.filter { $0.role == .clerk }.map(\.login)

    static func official(of department: String) -> String {
        members.first { $0.department == department && $0.role != .clerk }?.login ?? clerks[0]
    }
}

/// Generates a realistic desk history in time order, lazily, so a benchmark of 500,000 dossiers
/// never holds the whole plan in memory. The same generator feeds `motcua demo` and `motcua-bench`.
public struct DemoGenerator: Sequence, IteratorProtocol {
    public struct Options: Sendable {
        public var count: Int
        public var seed: UInt64
        /// Receipts fall between these instants; steps later than `end` are dropped (still open).
        public var start: Instant
        public var end: Instant
        /// Share of dossiers received in the last `stallWindowDays` that stop moving (some become overdue).
        public var stalledShare: Double = 0.25
        public var stallWindowDays = 45

        public init(count: Int, seed: UInt64, start: Instant, end: Instant) {
            self.count = count
            self.seed = seed
            self.start = start
            self.end = end
        }
    }

    let options: Options
    let calendar: WorkCalendar
    let procedures: [Procedure]
    let weights: [Int]
    var rng: SeededGenerator
    var pending = StepHeap()
    var day: CivilDate
    var generated = 0
    var sequence = 0
    var workingDaysLeft: Int

    public init(options: Options, catalogue: Catalogue, calendar: WorkCalendar) {
        self.options = options
        self.calendar = calendar
        procedures = catalogue.procedures
        // The desk's daily mix: certification and civil status dominate, land and construction are rarer.
        weights = catalogue.procedures.map { p in
            switch p.field {
            case "Chứng thực": return 12
            case "Hộ tịch": return 5
            case "Cư trú": return 4
            case "Đất đai": return 3
            default: return 2
            }
        }
        rng = SeededGenerator(seed: options.seed)
        day = options.start.date
        var days = 0
        var d = options.start.date
        while d <= options.end.date { if calendar.isWorkingDay(d) { days += 1 }; d = d.adding(days: 1) }
        workingDaysLeft = Swift.max(1, days)
    }

    public mutating func next() -> PlannedStep? {
        while true {
            if let top = pending.peek, generated >= options.count || top.at < Instant(date: day) {
                return pending.pop()
            }
            guard generated < options.count, day <= options.end.date else { return pending.pop() }
            generateDay()
            day = day.adding(days: 1)
        }
    }

    /// Receipts of one working day, spread through its sessions.
    private mutating func generateDay() {
        guard calendar.isWorkingDay(day) else { return }
        let remaining = options.count - generated
        let average = Double(remaining) / Double(workingDaysLeft)
        var n = Swift.min(remaining, Int((average * Double.random(in: 0.7...1.3, using: &rng)).rounded()))
        workingDaysLeft -= 1
        if workingDaysLeft <= 0 { n = remaining }
        let latest = options.end.adding(seconds: -60)
        let times = (0..<n).map { _ in Swift.min(randomWorkingInstant(on: day), latest) }.sorted()
        for t in times {
            planDossier(number: generated, receivedAt: t)
            generated += 1
        }
    }

    private mutating func randomWorkingInstant(on date: CivilDate) -> Instant {
        let sessions = calendar.hours.sessions
        let total = sessions.reduce(0) { $0 + $1.end.minutes - $1.start.minutes }
        var minute = Int.random(in: 0..<total, using: &rng)
        for s in sessions {
            let length = s.end.minutes - s.start.minutes
            if minute < length {
                return Instant(date: date, secondOfDay: (s.start.minutes + minute) * 60 + Int.random(in: 0..<60, using: &rng))
            }
            minute -= length
        }
        return Instant(date: date, time: sessions[0].start)
    }

    private mutating func pickProcedure() -> Procedure {
        let total = weights.reduce(0, +)
        var r = Int.random(in: 0..<total, using: &rng)
        for (i, w) in weights.enumerated() {
            if r < w { return procedures[i] }
            r -= w
        }
        return procedures[0]
    }

    /// Working time as a share of a budget, mostly within it, sometimes over it.
    private mutating func spend(_ budget: ProcessingTime) -> Int64 {
        let seconds = Double(calendar.workingSeconds(of: budget) ?? calendar.hours.dayLength)
        let factor = rng.chance(0.88) ? Double.random(in: 0.25...0.95, using: &rng) : Double.random(in: 1.05...2.2, using: &rng)
        return Int64(seconds * factor)
    }

    private func later(_ t: Instant, _ seconds: Int64) -> Instant { calendar.adding(workingSeconds: Swift.max(60, seconds), to: t).due }

    private mutating func planDossier(number: Int, receivedAt t0: Instant) {
        let procedure = pickProcedure()
        let clerk = rng.pick(DemoStaff.clerks)
        var channel = Channel.direct
        if rng.chance(0.1) { channel = .postal } else if rng.chance(0.15) { channel = .online }
        let applicant = NameBank.person(using: &rng)
        let proxy = rng.chance(0.08) ? Proxy(name: NameBank.person(using: &rng).name) : nil
        var steps: [(Instant, String, PlannedStep.Action)] = [
            (t0, clerk, .receive(Intake(procedureCode: procedure.code, applicant: applicant, proxy: proxy, channel: channel))),
        ]
        let due = calendar.due(from: t0, processing: procedure.processing).due
        let recent = options.end.seconds - t0.seconds < Int64(options.stallWindowDays) * 86_400
        let stallAfter = recent && rng.chance(options.stalledShare) ? Int.random(in: 1...Swift.max(1, procedure.route.count), using: &rng) : Int.max
        var t = t0
        var holder = Catalogue.deskCode
        var actor = clerk

        if rng.chance(0.015) {
            steps.append((later(t, 1800), clerk, .command(.refuse(reason: "Hồ sơ không thuộc thẩm quyền giải quyết của phường"))))
            return emit(steps, dossier: number)
        }
        if rng.chance(0.012) {
            steps.append((later(t, 3 * 3600), clerk, .command(.withdraw(reason: "Người nộp đề nghị rút hồ sơ"))))
            return emit(steps, dossier: number)
        }
        let supplement = rng.chance(0.06)
        let suspend = rng.chance(0.015)
        let extend = rng.chance(0.03)
        for (index, step) in procedure.route.enumerated() where step.department != Catalogue.deskCode {
            if index >= stallAfter {
                // A stalled dossier may be stuck waiting for the applicant or for another body.
                let pause = Double.random(in: 0..<1, using: &rng)
                if pause < 0.2 {
                    steps.append((later(t, 3600), actor, .command(.requestSupplement(reason: "Thiếu bản sao giấy tờ tùy thân",
                                                                                    documents: ["Bản sao CCCD"]))))
                } else if pause < 0.35 {
                    steps.append((later(t, 3600), actor, .command(.suspend(reason: "Chờ ý kiến của cơ quan liên quan"))))
                }
                return emit(steps, dossier: number)
            }
            t = later(t, spend(procedure.budget(for: holder) ?? step.budget))
            steps.append((t, actor, .command(.transfer(department: step.department, official: DemoStaff.official(of: step.department)))))
            holder = step.department
            actor = DemoStaff.official(of: step.department)
            if supplement && index == 1 {
                t = later(t, Int64(Double.random(in: 0.2...1.5, using: &rng) * Double(calendar.hours.dayLength)))
                steps.append((t, actor, .command(.requestSupplement(reason: "Thiếu giấy tờ chứng minh nơi cư trú",
                                                                     documents: ["Giấy xác nhận thông tin cư trú"]))))
                t = later(t, Int64(Double.random(in: 1...8, using: &rng) * Double(calendar.hours.dayLength)))
                steps.append((t, clerk, .command(.supplementReceived)))
            }
            if suspend && index == 1 {
                t = later(t, 3600)
                steps.append((t, actor, .command(.suspend(reason: "Chờ kết quả xác minh của cơ quan khác"))))
                t = later(t, Int64(Double.random(in: 1...4, using: &rng) * Double(calendar.hours.dayLength)))
                steps.append((t, actor, .command(.resume)))
            }
        }
        if extend && !supplement && !suspend {
            let apology = later(t, 1800)
            if apology < due {
                let newDue = calendar.adding(workingSeconds: Int64.random(in: 2...6, using: &rng) * calendar.hours.dayLength, to: due).due
                steps.append((apology, actor, .command(.extend(until: newDue, reason: "Cần thêm thời gian thẩm định thực địa", department: holder))))
            }
        }
        if procedure.route.count >= stallAfter { return emit(steps, dossier: number) }
        t = later(t, spend(procedure.budget(for: holder) ?? .workingHours(2)))
        steps.append((t, actor, .command(.resultReady(note: nil))))
        if rng.chance(0.05) {
            steps.append((later(t, 600), clerk, .command(.note("Đã gọi điện báo người nộp đến nhận kết quả"))))
        }
        t = later(t, Int64(Double.random(in: 0.1...3, using: &rng) * Double(calendar.hours.dayLength)))
        let method: ReturnMethod = channel == .postal ? .post(waybill: "EB\(Int.random(in: 100_000_000...999_999_999, using: &rng))VN")
            : (proxy.map { .proxy(name: $0.name) } ?? .applicant)
        steps.append((t, clerk, .command(.returnResult(method))))
        emit(steps, dossier: number)
    }

    private mutating func emit(_ steps: [(Instant, String, PlannedStep.Action)], dossier: Int) {
        for (at, by, action) in steps where at <= options.end {
            sequence += 1
            pending.push(PlannedStep(at: at, by: by, dossier: dossier, action: action), order: sequence)
        }
    }
}

/// A min-heap of steps by time, ties broken by insertion order (a dossier's steps stay in order).
struct StepHeap {
    private var items: [(step: PlannedStep, order: Int)] = []

    var peek: PlannedStep? { items.first?.step }

    private func less(_ a: Int, _ b: Int) -> Bool {
        (items[a].step.at, items[a].order) < (items[b].step.at, items[b].order)
    }

    mutating func push(_ step: PlannedStep, order: Int) {
        items.append((step, order))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(i, parent) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> PlannedStep? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast().step
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var smallest = i
            if l < items.count && less(l, smallest) { smallest = l }
            if r < items.count && less(r, smallest) { smallest = r }
            if smallest == i { break }
            items.swapAt(i, smallest)
            i = smallest
        }
        return top
    }
}
