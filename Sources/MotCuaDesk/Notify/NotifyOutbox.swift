import Foundation
import MotCuaCore
import MotCuaStore

/// The citizen-message outbox: a projection of the journal, built like the portal's. Each event
/// a citizen hears about (receipt, supplement request, apology, result, refusal) becomes a
/// `CitizenMessage`, delivered on each configured channel the citizen is reachable on, in
/// journal order; the cursor in `notify/outbox.json` moves once a message was delivered or put
/// in the failed list, and is saved durably before the next message is run.
public final class NotifyOutbox {
    public struct Status: Sendable, Equatable {
        public var pending: Int
        public var sent: Int
        public var unreachable: Int
        public var failed: [NotifyState.Failure]

        public var json: JSONText {
            .object([("pending", .int(Int64(pending))), ("sent", .int(Int64(sent))), ("failed", .array(failed.map { f in
                .object([("code", .string(f.code)), ("seq", .int(f.seq)), ("kind", .string(f.kind)), ("channel", .string(f.channel.rawValue)),
                         ("attempts", .int(Int64(f.attempts))), ("status", .int(Int64(f.lastStatus))), ("output", .string(f.lastOutput)),
                         ("nextAttempt", .string(f.nextAttempt.iso8601))])
            })), ("unreachable", .int(Int64(unreachable)))])
        }
    }

    public struct Pass: Sendable, Equatable {
        public var sent = 0
        public var failed = 0
        public var retried = 0
        public var unreachable = 0
    }

    public static let logFile = "delivery.log"

    let store: Store
    let settings: NotifySettings
    let templates: NotificationTemplates
    public private(set) var state: NotifyState

    public init(store: Store, templates: NotificationTemplates = .shipped) {
        self.store = store
        settings = NotifySettings.load(from: store)
        self.templates = templates
        state = NotifyState.load(from: store)
    }

    public func status() throws -> Status {
        try store.refresh()
        state = NotifyState.load(from: store)
        let pending = try store.dossierEvents(after: state.lastSeq, from: state.segment)
            .filter { templates.template(for: $0.event.kind) != nil && !$0.code.isEmpty }.count
        return Status(pending: pending, sent: state.sent, unreachable: state.unreachable, failed: state.failed)
    }

    /// One pass: failed messages whose time has come, then everything after the cursor.
    /// Nil when another deliverer holds the outbox.
    public func send(now: Instant) throws -> Pass? {
        try store.asOnlyNotifier { try sendAlone(now: now) }
    }

    private func sendAlone(now: Instant) throws -> Pass {
        try store.refresh()
        state = NotifyState.load(from: store)
        var pass = Pass()
        for failure in state.failed where failure.nextAttempt <= now {
            guard let message = try message(seq: failure.seq, code: failure.code) else {
                state.failed.removeAll { $0.seq == failure.seq && $0.channel == failure.channel }
                continue
            }
            pass.retried += 1
            let outcome = deliver(message, on: failure.channel, now: now, attempt: failure.attempts + 1)
            state.failed.removeAll { $0.seq == failure.seq && $0.channel == failure.channel }
            if outcome.delivered {
                state.sent += 1
                pass.sent += 1
            } else {
                state.failed.append(failed(message, failure.channel, outcome, attempts: failure.attempts + 1, now: now))
                pass.failed += 1
            }
            try state.save(to: store)
        }
        for event in try store.dossierEvents(after: state.lastSeq, from: state.segment) {
            guard templates.template(for: event.event.kind) != nil, !event.code.isEmpty,
                  let message = try message(seq: event.seq, code: event.code) else {
                state.advance(to: event)
                continue
            }
            let channels = settings.channels(phone: message.phone, email: message.email)
            if channels.isEmpty { state.unreachable += 1; pass.unreachable += 1 }
            for channel in channels where !(state.partialSeq == event.seq && state.partialChannels.contains(channel)) {
                let outcome = deliver(message, on: channel, now: now, attempt: 1)
                if outcome.delivered {
                    state.sent += 1
                    pass.sent += 1
                } else {
                    state.failed.append(failed(message, channel, outcome, attempts: 1, now: now))
                    pass.failed += 1
                }
                state.partialSeq = event.seq
                state.partialChannels.append(channel)
                try state.save(to: store)
            }
            state.advance(to: event)
            try state.save(to: store)
        }
        try state.save(to: store)
        return pass
    }

    /// The message the event `seq` of dossier `code` makes, from the dossier as it stood then.
    func message(seq: Int64, code: String) throws -> CitizenMessage? {
        guard let dossier = try? store.dossier(code: code) else { return nil }
        let upTo = dossier.history.filter { $0.seq <= seq }
        guard let rec = upTo.last, rec.seq == seq, let then = try? Dossier(events: upTo) else { return nil }
        return CitizenMessage.make(rec, reception: then.reception, due: then.summary.due, centre: store.config.name, templates: templates)
    }

    private func deliver(_ message: CitizenMessage, on channel: NotifySettings.Channel, now: Instant, attempt: Int) -> DeliveryCommand.Outcome {
        // The recipient leaves only in MOTCUA_TO: the phone for SMS and Zalo, the address for e-mail.
        guard let path = settings.command(channel), let recipient = Self.recipient(of: message, on: channel) else {
            return DeliveryCommand.Outcome(status: 127, output: "kênh \(channel.rawValue) chưa được cấu hình")
        }
        let text = channel == .sms ? message.sms : message.text
        let outcome = DeliveryCommand(path: path).run(message: text, environment: [
            "MOTCUA_TO": recipient, "MOTCUA_CHANNEL": channel.rawValue, "MOTCUA_DOSSIER": message.code,
            "MOTCUA_EVENT": message.kind.rawValue, "MOTCUA_MESSAGE_ID": "\(store.config.agency)-\(message.seq)-\(channel.rawValue)",
            "MOTCUA_SMS_SEGMENTS": "\(SMSText.count(message.sms).segments)",
        ])
        let line = JSONText.object([
            ("at", .string(now.iso8601)), ("seq", .int(message.seq)), ("code", .string(message.code)), ("kind", .string(message.kind.rawValue)),
            ("channel", .string(channel.rawValue)), ("attempt", .int(Int64(attempt))), ("status", .int(Int64(outcome.status))),
            ("output", .string(Self.scrub(outcome.output, recipient: recipient))),
        ])
        // The log is evidence, not state: a failure to write it must not stop delivery.
        try? store.appendNotifyLog(Self.logFile, line.compact)
        return outcome
    }

    private func failed(_ message: CitizenMessage, _ channel: NotifySettings.Channel, _ outcome: DeliveryCommand.Outcome,
                        attempts: Int, now: Instant) -> NotifyState.Failure {
        NotifyState.Failure(seq: message.seq, code: message.code, kind: message.kind.rawValue, channel: channel, attempts: attempts,
                            lastStatus: outcome.status, lastOutput: Self.scrub(outcome.output, recipient: Self.recipient(of: message, on: channel) ?? ""),
                            nextAttempt: now.adding(seconds: NotifyState.backoffSeconds(afterAttempts: attempts)))
    }

    static func recipient(of message: CitizenMessage, on channel: NotifySettings.Channel) -> String? {
        channel == .email ? message.email : message.phone
    }

    /// A command's output as the log keeps it: control characters gone, one line, at most 500
    /// characters, the recipient (phone or address) a gateway echoed replaced by `***`, and no run
    /// of 8 or more digits left in it.
    static func scrub(_ output: String, recipient: String) -> String {
        var text = DisplayText.sanitize(output.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " "))
        if !recipient.isEmpty { text = text.replacingOccurrences(of: recipient, with: "***") }
        var out = "", digits = ""
        for c in text {
            if c.isASCII && c.isNumber { digits.append(c); continue }
            out += digits.count >= 8 ? "***" : digits
            digits = ""
            out.append(c)
        }
        out += digits.count >= 8 ? "***" : digits
        return String(out.trimmingCharacters(in: .whitespaces).prefix(500))
    }
}
