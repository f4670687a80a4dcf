/// One change to the day's number queue at the counters: a journal line of its own (key
/// `"queue"`, beside a dossier's `"ev"` and an admin's `"admin"`), in the same hash chain.
///
/// Every event but the ticket's issue names the counter it happened at; the ticket it acts on is
/// the counter's current one (call picks the next waiting), so a retried command means the same.
public struct QueueEvent: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case ticketIssued, called, recalled, noShow, serviceStarted, serviceFinished
    }

    public var kind: Kind
    /// The ticket: group letter and three digits, numbered per day and group ("A012").
    public var number: String
    /// The group's letter, and its name when issued (a later catalogue change renames nothing).
    public var group: String? = nil
    public var groupName: String? = nil
    /// Elderly, disabled, pregnant: served before the others of its group.
    public var priority: Bool? = nil
    public var counter: Int? = nil

    enum CodingKeys: String, CodingKey { case kind = "k", number = "n", group = "g", groupName = "gn", priority = "p", counter = "c" }

    public init(kind: Kind, number: String, group: String? = nil, groupName: String? = nil, priority: Bool? = nil, counter: Int? = nil) {
        self.kind = kind
        self.number = number
        self.group = group
        self.groupName = groupName
        self.priority = priority
        self.counter = counter
    }
}

/// A queue event as the journal holds it: when, by whom, in which order.
public struct QueueEntry: Hashable, Sendable {
    public let seq: Int64
    public let at: Instant
    public let by: String
    public let event: QueueEvent

    public init(seq: Int64, at: Instant, by: String, event: QueueEvent) {
        self.seq = seq
        self.at = at
        self.by = by
        self.event = event
    }
}

/// A field of procedures the kiosk offers a ticket for, with the letter its numbers start with.
public struct QueueGroup: Hashable, Sendable, Codable {
    public let letter: String
    public let name: String

    public init(letter: String, name: String) {
        self.letter = letter
        self.name = name
    }

    /// One group per field of the catalogue, lettered A, B, C… in the catalogue's order (at most 26).
    public static func groups(of catalogue: Catalogue) -> [QueueGroup] {
        var seen: [String] = []
        for p in catalogue.procedures where !seen.contains(p.field) { seen.append(p.field) }
        let letters = (UnicodeScalar("A").value...UnicodeScalar("Z").value).compactMap(UnicodeScalar.init).map(String.init)
        return zip(letters, seen).map { QueueGroup(letter: $0, name: $1) }
    }

    /// `text` as a letter ("a", "A") or a field's name without diacritics ("ho tich").
    public static func find(_ text: String, in groups: [QueueGroup]) -> QueueGroup? {
        let folded = SearchFolding.fold(text.trimmingCharacters(in: .whitespaces))
        return groups.first { $0.letter.lowercased() == folded } ?? groups.first { SearchFolding.fold($0.name) == folded }
    }
}

/// A counter: its number, the groups it calls from (empty: every group), who staffs it.
public struct CounterSetting: Hashable, Sendable, Codable {
    public let number: Int
    public var groups: [String]
    public var official: String?

    public init(number: Int, groups: [String], official: String?) {
        self.number = number
        self.groups = groups
        self.official = official
    }

    public func serves(_ group: String) -> Bool { groups.isEmpty || groups.contains(group) }

    /// A store nobody configured: counter 1 calls every group.
    public static let fresh = [CounterSetting(number: 1, groups: [], official: nil)]
}

import Foundation
