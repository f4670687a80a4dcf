import Foundation
import MotCuaCore
import MotCuaStore

/// The channels messages to citizens go out on, and the command that delivers each
/// (`notify/config.json`, set by `motcua notify configure`).
public struct NotifySettings: Codable, Sendable, Equatable {
    public enum Channel: String, Codable, Sendable, CaseIterable, Comparable {
        case sms, zalo, email

        public static func < (a: Channel, b: Channel) -> Bool { a.rawValue < b.rawValue }
    }

    public var schema = 1
    public var commands: [String: String] = [:]

    public init() {}

    public func command(_ channel: Channel) -> String? { commands[channel.rawValue] }

    /// The channels a message to this citizen goes on, when configured: SMS and Zalo (reached by
    /// phone), e-mail when an address was given at intake.
    public func channels(phone: String?, email: String? = nil) -> [Channel] {
        ((phone == nil ? [] : [.sms, .zalo]) + (email == nil ? [] : [.email])).filter { command($0) != nil }
    }

    public static func load(from store: Store) -> NotifySettings {
        guard let bytes = try? store.readNotifyFile(Store.notifySettingsFile),
              let settings = try? JSONDecoder().decode(NotifySettings.self, from: Data(bytes)) else { return NotifySettings() }
        return settings
    }
}

/// What was delivered, kept in `notify/outbox.json`. Derived: every message is remade from the
/// journal, so losing the file means sending again from the start (what a citizen already has
/// comes again with the same `MOTCUA_MESSAGE_ID`). Saved durably after each message, so a crash
/// repeats at most the message being sent and loses none.
public struct NotifyState: Codable, Sendable, Equatable {
    /// A message a command did not deliver: retried with backoff, listed by `notify status`.
    public struct Failure: Codable, Sendable, Equatable {
        public var seq: Int64
        public var code: String
        public var kind: String
        public var channel: NotifySettings.Channel
        public var attempts: Int
        public var lastStatus: Int32
        /// The command's output, sanitised and without digits runs that could be a phone number.
        public var lastOutput: String
        public var nextAttempt: Instant
    }

    public var schema = 1
    /// Every event up to here was made into its messages and each was delivered or is in `failed`.
    public var lastSeq: Int64 = 0
    public var segmentYear = 1970
    public var segmentMonth = 1
    /// Channels already done for the event after `lastSeq` (a crash between channels resumes there).
    public var partialSeq: Int64?
    public var partialChannels: [NotifySettings.Channel] = []
    public var sent = 0
    /// Messages that had nobody to go to (no phone recorded).
    public var unreachable = 0
    public var failed: [Failure] = []

    public init() {}

    public static let fileName = "outbox.json"

    var segment: SegmentName { SegmentName(year: segmentYear, month: segmentMonth) }

    mutating func advance(to event: RecordedEvent) {
        lastSeq = max(lastSeq, event.seq)
        partialSeq = nil
        partialChannels = []
        let month = event.at.date
        if SegmentName(month) > segment { (segmentYear, segmentMonth) = (month.year, month.month) }
    }

    /// 1, 5, 15, 60 minutes, then every 6 hours.
    static func backoffSeconds(afterAttempts n: Int) -> Int64 {
        [60, 300, 900, 3600][safe: n - 1] ?? 6 * 3600
    }

    public static func load(from store: Store) -> NotifyState {
        guard let bytes = try? store.readNotifyFile(fileName),
              let state = try? JSONDecoder().decode(NotifyState.self, from: Data(bytes)) else { return NotifyState() }
        return state
    }

    func save(to store: Store) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try store.writeNotifyState(Self.fileName, Array(try encoder.encode(self)) + [10])
    }
}

private extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
