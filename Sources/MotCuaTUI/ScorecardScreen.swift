import Foundation
import MotCuaCore
import TerminalUI

/// F9's second tab: the month's QĐ 766 indices as bars against their maximum, the year's
/// trend (the portal's `monthlyChart`), and the running dossiers that would cost points if late.
public struct ScorecardView: Equatable, Sendable {
    public var period: ScorecardPeriod
    public var rule: ScorecardRule = .dateOnly
    public var lines: [ReportView.Line] = []
    public var scroll = 0
    public var loaded = false

    public init(today: CivilDate) {
        period = .month(year: today.year, month: today.month)
    }

    /// The screen's lines from a computed scorecard and chart (built off the terminal's loop).
    public static func lines(_ card: Scorecard, chart: [Scorecard.MonthPoint], agency: String) -> [ReportView.Line] {
        typealias Line = ReportView.Line
        let p = card.progress
        var lines: [Line] = [
            Line(barLine("TIẾN ĐỘ GIẢI QUYẾT", score: p.score, max: ProgressIndex.maxScore)
                 + " \(p.totalOnTime)/\(p.totalReceived)", .total),
            Line("  ratio \(ScorecardNumber.vietnamese(p.ratio)) % · totalOverdue \(p.totalOverdue) · avgProcessingDays \(ScorecardNumber.vietnamese(p.avgProcessingDays)) · tồn kỳ trước \(card.entries.filter(\.carriedOver).count)"),
        ]
        // Scored indices as bars; the ones whose data is not recorded yet named together below.
        var waiting: [String] = []
        for m in card.metrics where m.maxScore != nil {
            if let score = m.score, let max = m.maxScore {
                lines.append(Line(barLine(m.code, score: score, max: max)))
            } else if case .notRecorded(let reason) = m.source, reason != ScorecardMetric.waitingForData {
                lines.append(Line(TextWidth.fit(m.code, to: 31) + "\(reason) · tối đa \(ScorecardNumber.vietnamese(max: m.maxScore))", .rule))
            } else {
                waiting.append("\(m.code) \(ScorecardNumber.vietnamese(max: m.maxScore))")
            }
        }
        if !waiting.isEmpty {
            let heading = ScorecardMetric.waitingForData.prefix(1).uppercased() + ScorecardMetric.waitingForData.dropFirst()
            lines.append(Line(heading + " (điểm tối đa):", .rule))
            // Packed by item, so a code and its maximum stay on one line.
            var current = ""
            for item in waiting {
                let next = current.isEmpty ? item : current + ", " + item
                if TextWidth.of(next) > 79, !current.isEmpty {
                    lines.append(Line(current + ",", .rule))
                    current = item
                } else {
                    current = next
                }
            }
            lines.append(Line(current, .rule))
        }
        let shares = card.metrics.filter { $0.maxScore == nil }
        let channels = shares.map { "\(channelName($0.code)) \(ScorecardNumber.vietnamese($0.ratio, digits: 1)) %" }
        lines.append(Line("Kênh: " + channels.joined(separator: " · ") + " (\(shares.first?.denominator ?? 0) hồ sơ)"))
        let outside = card.notFromDesk.reduce(0) { $0 + ($1.maxScore ?? 0) }
        lines.append(Line("Không tính từ dữ liệu tại quầy: \(card.notFromDesk.count) chỉ số, \(ScorecardNumber.vietnamese(outside, digits: 1)) điểm (công khai, PAKN, DVCTT…)", .rule))
        lines.append(Line(""))
        lines += trendLines(chart, year: card.period.year)
        lines.append(Line(""))
        lines += atRiskLines(card, agency: agency)
        lines.append(Line(""))
        for rule in card.rules {
            lines += TextWidth.wrap(rule, to: 78).enumerated().map { Line(($0.offset == 0 ? "· " : "  ") + $0.element, .rule) }
        }
        return lines
    }

    /// `CODE  ████████░░░░ 19,29/20`: 31 cells of name, 30 of bar.
    static func barLine(_ label: String, score: Double, max: Double) -> String {
        TextWidth.fit(label, to: 31) + TextLayout.bar(score / max, width: 30)
            + " \(ScorecardNumber.vietnamese(score))/\(ScorecardNumber.vietnamese(max: max))"
    }

    static func channelName(_ code: String) -> String {
        switch code {
        case "channelDirectSum": return "trực tiếp"
        case "channelPostalSum": return "bưu chính"
        default: return "trực tuyến"
        }
    }

    /// Two rows of the year's months: a level block and the percentage, on time then overdue.
    static func trendLines(_ chart: [Scorecard.MonthPoint], year: Int) -> [ReportView.Line] {
        let levels = Array("▁▂▃▄▅▆▇█")
        func cell(_ pct: Double?) -> String {
            guard let pct else { return "  ·  " }
            let level = levels[min(7, max(0, Int((pct / 100 * 7).rounded())))]
            let number = String(Int(pct.rounded()))
            return "\(level)" + String(repeating: " ", count: 3 - number.count) + number + " "
        }
        let header = TextWidth.fit("XU HƯỚNG \(year)", to: 14) + chart.map { point in
            let m = "T\(point.month)"
            return m + String(repeating: " ", count: 5 - m.count)
        }.joined()
        return [
            ReportView.Line(header, .total),
            ReportView.Line(TextWidth.fit("đúng hạn %", to: 14) + chart.map { cell($0.onTimePct) }.joined()),
            ReportView.Line(TextWidth.fit("quá hạn %", to: 14) + chart.map { cell($0.overduePct) }.joined()),
        ]
    }

    /// "What would raise it": resolve these before their appointment.
    static func atRiskLines(_ card: Scorecard, agency: String) -> [ReportView.Line] {
        guard card.running else {
            return [ReportView.Line("ĐIỀU GÌ NÂNG ĐIỂM: kỳ đã kết thúc, không hồ sơ nào còn đổi được điểm kỳ này.", .total)]
        }
        guard let first = card.atRisk.first else {
            return [ReportView.Line("ĐIỀU GÌ NÂNG ĐIỂM: không có hồ sơ trong hạn nào đến hạn trước khi hết kỳ.", .total)]
        }
        let all = Double(card.atRisk.count) * first.points
        var lines = [
            ReportView.Line("ĐIỀU GÌ NÂNG ĐIỂM: \(card.atRisk.count) hồ sơ đang trong hạn sẽ quá hạn trước khi hết kỳ", .total),
            ReportView.Line("  mỗi hồ sơ trễ hạn: −\(ScorecardNumber.vietnamese(first.points)) điểm; trễ cả: −\(ScorecardNumber.vietnamese(all)) điểm"),
        ]
        for risk in card.atRisk.prefix(50) {
            let code = TextWidth.fit(shortCode(risk.code, agency: agency), to: 16)
            lines.append(ReportView.Line("  \(code) \(TextWidth.fit(DisplayText.sanitize(risk.procedureShortName), to: 32)) hạn \(risk.due.dayMonthShort)  −\(ScorecardNumber.vietnamese(risk.points))"))
        }
        if card.atRisk.count > 50 { lines.append(ReportView.Line("  … và \(card.atRisk.count - 50) hồ sơ nữa", .rule)) }
        return lines
    }
}

extension ScorecardNumber {
    /// A maximum without needless decimals: 20, 2,5.
    static func vietnamese(max: Double?) -> String {
        guard let max else { return "–" }
        return max == max.rounded() ? String(Int(max)) : vietnamese(max, digits: 1)
    }
}

extension Instant {
    /// `20/11 16:00`.
    var dayMonthShort: String {
        let d = date, s = secondOfDay
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(d.day))/\(two(d.month)) \(two(s / 3600)):\(two(s / 60 % 60))"
    }
}

// MARK: - Keys

func scorecardKey(_ state: inout AppState, _ original: ScorecardView, _ key: Key) -> [Effect] {
    var view = original
    switch KeyMap.scorecard.command(for: key) {
    case .close:
        state.mode = .browse
        return []
    case .report:
        var report = ReportView(today: state.now.date)
        if let from = ReportView.parse(report.from.text) {
            state.mode = .report(report)
            return [.loadReport(from: from, to: state.now.date, grouping: report.grouping)]
        }
        report.error = nil
        state.mode = .report(report)
        return []
    case .previousMonth, .nextMonth:
        let next = view.period.shifted(months: KeyMap.scorecard.command(for: key) == .previousMonth ? -1 : 1)
        // No month after this one: it has no dossiers yet.
        guard Instant(date: next.from) <= state.now else { break }
        view.period = next
        return reload(&state, view)
    case .toggleRule:
        view.rule = view.rule == .dateOnly ? .national : .dateOnly
        return reload(&state, view)
    case .up: view.scroll = max(0, view.scroll - 1)
    case .down: view.scroll += 1
    case .pageUp: view.scroll = max(0, view.scroll - 10)
    case .pageDown: view.scroll += 10
    case nil: break
    }
    state.mode = .scorecard(view)
    return []
}

/// Opens (or recomputes) the scorecard tab.
func reload(_ state: inout AppState, _ original: ScorecardView) -> [Effect] {
    var view = original
    view.loaded = false
    view.scroll = 0
    state.mode = .scorecard(view)
    return [.loadScorecard(view.period, rule: view.rule)]
}

// MARK: - Rendering

func renderScorecard(_ buffer: inout ScreenBuffer, _ layout: ScreenLayout, _ view: ScorecardView) {
    let area = Rect(x: 0, y: layout.tabs.y, width: layout.tabs.width, height: layout.status.maxY - layout.tabs.y)
    buffer.put(fitting: " BÁO CÁO THEO KỲ › CHỈ SỐ QĐ 766 · \(KeyMap.scorecardHint)",
               x: 0, y: area.y, width: area.width, role: .dialogTitle)
    let y = area.y + 1
    var x = buffer.put(" Kỳ: ", x: 0, y: y, role: .label)
    x += buffer.put("◂ \(view.period.vietnamese.prefix(1).uppercased() + view.period.vietnamese.dropFirst()) ▸", x: x, y: y, role: .inputFocused)
    x += buffer.put("  Cách đọc: ", x: x, y: y, role: .label)
    buffer.put(fitting: view.rule == .dateOnly ? "theo ngày (mặc định)" : "theo văn bản (so thời điểm)",
               x: x, y: y, width: area.width - x, role: .input)
    guard view.loaded else {
        buffer.put(" Đang tính…", x: 0, y: y + 2, role: .muted)
        return
    }
    let lines = view.lines.map { StyledLine($0.text, $0.kind == .total ? .emphasis : $0.kind == .rule ? .muted : .normal) }
    TextView(lines, scroll: view.scroll).draw(in: &buffer, Rect(x: 0, y: y + 2, width: area.width, height: area.height - 3))
}
