import Foundation
import MotCuaCore
import MotCuaDesk
import TerminalUI

extension App {
    /// Performs one effect with the inputs it carries. Quick ones answer at once; slow ones
    /// (a period report, the printer) answer later through the inbox.
    func perform(_ effect: Effect) -> [Msg] {
        switch effect {
        case .loadQueue(let request):
            return [.dataLoaded(desk.queue(request)), .counterLoaded(desk.counterStatus(now: clock()))]
        case .queueCommand(let command, let op):
            do {
                let done = try desk.queueCommand(command, op: op, now: clock())
                return [.counterLoaded(desk.counterStatus(now: clock())), .notice(counterNotice(command, done.entry.event.number), isError: false)]
            } catch {
                return [.counterLoaded(desk.counterStatus(now: clock())), .notice(DeskFailure(error).message, isError: true)]
            }
        case .loadDetail(let code):
            do { return [.detailLoaded(try desk.dossier(code: code))] } catch {
                log("không đọc được hồ sơ \(code): \(error)")
                return [.detailLoaded(nil), .notice("Không đọc được hồ sơ \(code): \(DeskFailure(error).message)", isError: true)]
            }
        case .receive(let intake, let op):
            do {
                let received = try desk.receive(intake, op: op, now: clock())
                return [.received(code: received.commit.code, receipt: desk.receiptText(received.dossier))]
            } catch {
                return [.failed(message: DeskFailure(error).message, conflict: false)]
            }
        case .receivePaid(let intake, let op):
            do {
                let received = try desk.receive(intake, op: op, now: clock())
                var text = desk.receiptText(received.dossier)
                let owed = FeeAccount(received.dossier).outstanding
                if owed > 0 {
                    let paid = try desk.fee(.pay(amount: owed, method: .cash, receipt: nil), on: received.commit.code, op: op + ":fee", now: clock())
                    text += "\n\nĐã thu \(Money.text(owed)) tiền mặt, biên lai số \(paid.payment?.receipt ?? "?")\n"
                }
                return [.received(code: received.commit.code, receipt: text)]
            } catch {
                return [.failed(message: DeskFailure(error).message, conflict: false)]
            }
        case .fee(let command, let code, let version, let op):
            do {
                let done = try desk.fee(command, on: code, expectedVersion: version, op: op, now: clock())
                let p = done.payment
                return [.committed(code: done.commit.code, text: "Đã thu \(Money.text(p?.amount ?? 0)) (\(p?.method?.vietnamese ?? "")), biên lai số \(p?.receipt ?? "?")")]
            } catch {
                let failure = DeskFailure(error)
                return [.failed(message: failure.message, conflict: failure.isConflict)]
            }
        case .markDocument(let index, let mark, let code, let version, let op):
            do {
                let done = try desk.markDocument(index, mark, on: code, expectedVersion: version, op: op, now: clock())
                let record = DocumentsView(done.dossier).papers.first { $0.index == index }?.record
                return [.committed(code: done.commit.code, text: "Đã ghi giấy tờ số \(index): "
                                   + (record.map(DocumentsDialog.statusText) ?? mark.status.vietnamese))]
            } catch {
                let failure = DeskFailure(error)
                return [.failed(message: failure.message, conflict: failure.isConflict)]
            }
        case .accept(let code, let version, let op):
            do {
                let accepted = try desk.accept(code: code, expectedVersion: version, op: op, now: clock())
                return [.accepted(code: accepted.commit.code, receipt: desk.receiptText(accepted.dossier))]
            } catch {
                let failure = DeskFailure(error)
                return [.failed(message: failure.message, conflict: failure.isConflict)]
            }
        case .perform(let command, let code, let version, let op):
            do {
                let done = try desk.perform(command, on: code, expectedVersion: version, op: op, now: clock())
                return [.committed(code: done.commit.code, text: "Đã lưu: \(command.action.vietnamese) hồ sơ \(done.commit.code)")]
            } catch {
                let failure = DeskFailure(error)
                return [.failed(message: failure.message, conflict: failure.isConflict)]
            }
        case .checkRating(let code):
            return [.ratingChecked(code: code, rating: try? desk.rating(code: code))]
        case .saveDraft(let draft):
            do { try desk.saveDraft(Array(try JSONEncoder().encode(draft))) } catch {
                log("không lưu được bản nháp tiếp nhận: \(error)")
                return [.notice("Không lưu được bản nháp: \(DeskFailure(error).message)", isError: true)]
            }
            return []
        case .clearDraft:
            desk.clearDraft()
            return []
        case .writeReceipt(let code, let text):
            let path = desk.outputPath(.receipt, code: code, format: .text)      // the same name F7 and `motcua print` give it
            do {
                try desk.noteCitizenCopy(.receipt, code: code, at: clock())
                return [.fileWritten(path: try desk.writeOutput(text, to: path))]
            } catch {
                return [.failed(message: "Không ghi được \(path): \(error.localizedDescription)", conflict: false)]
            }
        case .loadSupervisor(let grouping, let now):
            do {
                let sync = desk.syncBehindLine(at: now).map { [SupervisorView.Line.heading("⚠ " + $0)] } ?? []
                return [.supervisorLoaded(sync + SupervisorView.lines(try desk.overdue(at: now).report, grouping: grouping))]
            } catch {
                return [.notice(DeskFailure(error).message, isError: true)]
            }
        case .loadReport(let from, let to, let grouping):
            if desk.isHistoryComplete {
                startReport(from: from, to: to, grouping: grouping)
            } else {
                waitingReport = (from, to, grouping)          // counted once the older years are in
            }
            return []
        case .loadScorecard(let period, let rule):
            if desk.isHistoryComplete {
                startScorecard(period, rule: rule)
            } else {
                waitingScorecard = (period, rule)             // counted once the older years are in
            }
            return []
        case .printForm(let form, let code, let html, let toPrinter):
            return [printForm(form, code: code, format: html ? .html : .text, toPrinter: toPrinter)]
        case .redraw:
            backend.invalidate()
            return []
        case .quit:
            isRunning = false
            return []
        }
    }

    /// Takes the period's dossiers on the loop (a few percent of the rows) and counts them off it.
    func startReport(from: CivilDate, to: CivilDate, grouping: PeriodReport.Grouping) {
        let input: PeriodReportInput
        do { input = try desk.periodReportInput(from: from, to: to) } catch {
            inbox.post(.notice(DeskFailure(error).message, isError: true))
            return
        }
        // The queue of the period's last day (today, for a period running on): read on the loop too.
        let day = min(to, clock().date)
        let queue = (try? desk.queueFigures(day: day, now: clock())).map { ReportView.queueLines($0, names: desk.officials.names) } ?? []
        let ratings = (try? desk.ratingReport(from: from, to: to, by: .none).report).map(ReportView.ratingLines) ?? []
        let inbox = self.inbox
        DispatchQueue.global(qos: .userInitiated).async {
            do { inbox.post(.reportLoaded(lines: ReportView.lines(try input.make(by: grouping).report) + ratings + queue)) } catch {
                inbox.post(.notice(DeskFailure(error).message, isError: true))
            }
        }
    }

    /// The scorecard's dossiers taken on the loop, the index and the year's chart computed off it.
    func startScorecard(_ period: ScorecardPeriod, rule: ScorecardRule) {
        let input: ScorecardInput
        do { input = try desk.scorecardInput(period: period, rule: rule, now: clock()) } catch {
            inbox.post(.notice(DeskFailure(error).message, isError: true))
            return
        }
        let inbox = self.inbox, agency = env.session.agency
        DispatchQueue.global(qos: .userInitiated).async {
            let lines = ScorecardView.lines(input.make().report, chart: input.monthlyChart(), agency: agency)
            inbox.post(.scorecardLoaded(period, rule, lines: lines))
        }
    }

    /// Renders the form to `<store>/output/` and, if asked and possible, hands it to the default
    /// printer off the loop (`lp` can take seconds).
    func printForm(_ form: FormID, code: String, format: FormRenderer.Format, toPrinter: Bool) -> Msg {
        let path: String
        do {
            let text = try desk.renderForm(form, code: code, as: format, at: clock())
            path = try desk.writeOutput(text, to: desk.outputPath(form, code: code, format: format))
        } catch {
            return .notice("Không in được: \(DeskFailure(error).message)", isError: true)
        }
        guard toPrinter else { return .notice("Đã ghi \(path)", isError: false) }
        guard let lp = Printer.command else { return .notice("Đã ghi \(path); máy này không có lệnh lp để in trực tiếp", isError: true) }
        let inbox = self.inbox
        DispatchQueue.global(qos: .utility).async { inbox.post(Printer.send(path, with: lp)) }
        return .notice("Đang gửi \(path) tới máy in…", isError: false)
    }
}

/// The system's `lp`, when it has one.
enum Printer {
    static var command: String? {
        ["/usr/bin/lp", "/bin/lp", "/usr/local/bin/lp"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func send(_ path: String, with lp: String) -> Msg {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: lp)
        process.arguments = [path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return .notice("Không chạy được lp: \(error.localizedDescription); tệp đã ghi ở \(path)", isError: true)
        }
        return process.terminationStatus == 0 ? .notice("Đã gửi \(path) tới máy in", isError: false)
            : .notice("lp báo lỗi (mã \(process.terminationStatus)); tệp đã ghi ở \(path)", isError: true)
    }
}
