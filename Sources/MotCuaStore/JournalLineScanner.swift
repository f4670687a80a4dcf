import Foundation
import MotCuaCore

/// Reads a journal line of the shape the encoder writes (compact JSON, strings without escapes,
/// plain integers, every key known once) by hand, without JSONDecoder's per-key generic work
/// (~45 % of a full check's CPU). Anything else — an escape, a space, `null`, an unknown or
/// repeated key, a number with a fraction — gives nil and the line goes to JSONDecoder, so what a
/// line decodes to, and every error, stay JSONDecoder's. The nested objects that are rare or
/// large (reception, document, result, rating, admin, queue) are handed to JSONDecoder as slices.
struct JournalLineScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static func rawLine(_ line: ArraySlice<UInt8>, decoder: JSONDecoder) -> JournalCodec.RawLine? {
        line.withUnsafeBufferPointer { buffer in
            var scanner = JournalLineScanner(buffer)
            guard let raw = scanner.envelope(decoder), scanner.i == buffer.count else { return nil }
            return raw
        }
    }

    // MARK: - The line

    private mutating func envelope(_ decoder: JSONDecoder) -> JournalCodec.RawLine? {
        var seq: Int64?, at: Instant?, by: String?, acting: String?, tty: String?, op: String?, entered: Instant?
        var opd: String?, d: String?, code: String?, base: Int?, sv: Int?, ev: DossierEvent?, admin: AdminEvent?
        var queue: QueueEvent?, prev: String?, h: String?
        let read = object { s, key in
            switch key {
            case "seq": return Self.put(s.integer(), &seq, 0)
            case "at": return Self.put(s.instant(), &at, 1)
            case "by": return Self.put(s.string(), &by, 2)
            case "as": return Self.put(s.string(), &acting, 3)
            case "tty": return Self.put(s.string(), &tty, 4)
            case "op": return Self.put(s.string(), &op, 5)
            case "entered": return Self.put(s.instant(), &entered, 6)
            case "opd": return Self.put(s.string(), &opd, 7)
            case "d": return Self.put(s.string(), &d, 8)
            case "code": return Self.put(s.string(), &code, 9)
            case "base": return Self.put(s.int(), &base, 10)
            case "sv": return Self.put(s.int(), &sv, 11)
            case "ev": return Self.put(s.event(decoder), &ev, 12)
            case "admin": return Self.put(s.nested(AdminEvent.self, decoder), &admin, 13)
            case "queue": return Self.put(s.nested(QueueEvent.self, decoder), &queue, 14)
            case "prev": return Self.put(s.string(), &prev, 15)
            case "h": return Self.put(s.string(), &h, 16)
            default: return nil
            }
        }
        guard read, let seq, let at, let by, let sv, let h else { return nil }
        return JournalCodec.RawLine(seq: seq, at: at, by: by, as: acting, tty: tty, op: op, entered: entered, opd: opd, d: d,
                                    code: code, base: base, sv: sv, ev: ev, admin: admin, queue: queue, prev: prev, h: h)
    }

    private mutating func event(_ decoder: JSONDecoder) -> DossierEvent? {
        var event = DossierEvent(kind: .note)
        var kind: DossierEvent.Kind?
        let read = object { s, key in
            switch key {
            case "k": return Self.put(s.string().flatMap(DossierEvent.Kind.init(rawValue:)), &kind, 0)
            case "reception": return Self.put(s.reception(decoder), &event.reception, 1)
            case "department": return Self.put(s.string(), &event.department, 2)
            case "official": return Self.put(s.string(), &event.official, 3)
            case "reason": return Self.put(s.string(), &event.reason, 4)
            case "documents": return Self.put(s.strings(), &event.documents, 5)
            case "due": return Self.put(s.instant(), &event.due, 6)
            case "statsDue": return Self.put(s.instant(), &event.statsDue, 7)
            case "stepDue": return Self.put(s.instant(), &event.stepDue, 8)
            case "returnedTo": return Self.put(s.string(), &event.returnedTo, 9)
            case "proxyName": return Self.put(s.string(), &event.proxyName, 10)
            case "waybill": return Self.put(s.string(), &event.waybill, 11)
            case "text": return Self.put(s.string(), &event.text, 12)
            case "flags":
                guard let list = s.strings() else { return nil }
                let flags = list.compactMap(DossierFlag.init(rawValue:))
                return flags.count == list.count ? Self.put(flags, &event.flags, 13) : nil
            case "rating": return Self.put(s.nested(Rating.self, decoder), &event.rating, 14)
            case "ratingCounter": return Self.put(s.int(), &event.ratingCounter, 15)
            case "amount": return Self.put(s.int(), &event.amount, 16)
            case "method": return Self.put(s.string().flatMap(PaymentMethod.init(rawValue:)), &event.method, 17)
            case "receipt": return Self.put(s.string(), &event.receipt, 18)
            case "document": return Self.put(s.nested(DocumentRecord.self, decoder), &event.document, 19)
            case "result": return Self.put(s.nested(ResultRecord.self, decoder), &event.result, 20)
            default: return nil
            }
        }
        guard read, let kind else { return nil }
        event.kind = kind
        return event
    }

    private mutating func reception(_ decoder: JSONDecoder) -> Reception? {
        var applicant: Person?, proxy: Proxy?, channel: Channel?, documents: [ReceivedDocument]?, procedure: ProcedureSnapshot?
        var agency: String?, effectiveStart: Instant?, office: String?, portalCode: String?, submittedAt: Instant?
        var fees: [FeeLine]?, ticket: String?
        let read = object { s, key in
            switch key {
            case "applicant": return Self.put(s.person(), &applicant, 0)
            case "proxy": return Self.put(s.nested(Proxy.self, decoder), &proxy, 1)
            case "channel": return Self.put(s.string().flatMap(Channel.init(rawValue:)), &channel, 2)
            case "documents": return Self.put(s.repeated([ReceivedDocument].self, decoder), &documents, 3)
            case "procedure": return Self.put(s.repeated(ProcedureSnapshot.self, decoder), &procedure, 4)
            case "agency": return Self.put(s.string(), &agency, 5)
            case "effectiveStart": return Self.put(s.instant(), &effectiveStart, 6)
            case "office": return Self.put(s.string(), &office, 7)
            case "portalCode": return Self.put(s.string(), &portalCode, 8)
            case "submittedAt": return Self.put(s.instant(), &submittedAt, 9)
            case "fees": return Self.put(s.repeated([FeeLine].self, decoder), &fees, 10)
            case "ticket": return Self.put(s.string(), &ticket, 11)
            default: return nil
            }
        }
        guard read, let applicant, let channel, let documents, let procedure, let agency, let effectiveStart else { return nil }
        return Reception.decoded(applicant: applicant, proxy: proxy, channel: channel, documents: documents, procedure: procedure, agency: agency,
                                 effectiveStart: effectiveStart, office: office, portalCode: portalCode, submittedAt: submittedAt, fees: fees, ticket: ticket)
    }

    private mutating func person() -> Person? {
        var name: String?, idNumber: String?, phone: String?, address: String?, email: String?
        let read = object { s, key in
            switch key {
            case "name": return Self.put(s.string(), &name, 0)
            case "idNumber": return Self.put(s.string(), &idNumber, 1)
            case "phone": return Self.put(s.string(), &phone, 2)
            case "address": return Self.put(s.string(), &address, 3)
            case "email": return Self.put(s.string(), &email, 4)
            default: return nil
            }
        }
        guard read, let name else { return nil }
        return Person(name: name, idNumber: idNumber, phone: phone, address: address, email: email)
    }

    /// Walks `{"key":value,…}`: `field` reads the value of a key it knows and returns the key's
    /// number; an unknown key, a value it cannot read or a key met twice gives false.
    private mutating func object(_ field: (inout JournalLineScanner, Key) -> Int?) -> Bool {
        var seen: UInt32 = 0
        guard take(123) else { return false }                      // {
        var more = !take(125)                                      // }
        while more {
            guard let (key, _) = stringBytes(), take(58),          // :
                  let bit = field(&self, Key(bytes: key)), seen & (1 << bit) == 0 else { return false }
            seen |= 1 << bit
            more = take(44)                                        // ,
            if !more { guard take(125) else { return false } }
        }
        return true
    }

    /// A key's bytes, matched against the literals of a `switch` without making a `String` of it
    /// (a check meets ~30 million keys).
    struct Key {
        let bytes: UnsafeBufferPointer<UInt8>

        static func ~= (literal: StaticString, key: Key) -> Bool {
            literal.utf8CodeUnitCount == key.bytes.count && memcmp(literal.utf8Start, key.bytes.baseAddress!, key.bytes.count) == 0
        }
    }

    /// A field's value into its slot, answering the field's number, or nil when it did not read.
    private static func put<T>(_ value: T?, _ slot: inout T?, _ bit: Int) -> Int? {
        guard let value else { return nil }
        slot = value
        return bit
    }

    // MARK: - Values

    private mutating func take(_ byte: UInt8) -> Bool {
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    /// A string with no escape and no control character, as valid UTF-8.
    private mutating func rawString() -> String? {
        guard let (text, ascii) = stringBytes(), ascii || Self.isUTF8(text) else { return nil }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes between the quotes of a string without escapes or control characters, and
    /// whether they are all ASCII.
    private mutating func stringBytes() -> (UnsafeBufferPointer<UInt8>, Bool)? {
        guard take(34) else { return nil }
        let start = i
        var high: UInt8 = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == 34 {
                i += 1
                return (UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)]), high < 0x80)
            }
            if c == 92 || c < 32 { return nil }                    // a backslash: JSONDecoder unescapes
            high |= c
            i += 1
        }
        return nil
    }

    /// Well-formed UTF-8 (Unicode's table 3-7), what `String(validating:)` accepts, without its
    /// generic path (~12 % of a full check).
    static func isUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        func continuation(_ k: Int) -> Bool { b[k] & 0xC0 == 0x80 }
        while i < n {
            let c = b[i]
            if c < 0x80 {
                i += 1
            } else if c < 0xC2 {
                return false
            } else if c < 0xE0 {
                guard i + 1 < n, continuation(i + 1) else { return false }
                i += 2
            } else if c < 0xF0 {
                guard i + 2 < n else { return false }
                let low: UInt8 = c == 0xE0 ? 0xA0 : 0x80, high: UInt8 = c == 0xED ? 0x9F : 0xBF
                guard b[i + 1] >= low, b[i + 1] <= high, continuation(i + 2) else { return false }
                i += 3
            } else if c < 0xF5 {
                guard i + 3 < n else { return false }
                let low: UInt8 = c == 0xF0 ? 0x90 : 0x80, high: UInt8 = c == 0xF4 ? 0x8F : 0xBF
                guard b[i + 1] >= low, b[i + 1] <= high, continuation(i + 2), continuation(i + 3) else { return false }
                i += 4
            } else {
                return false
            }
        }
        return true
    }

    private mutating func string() -> String? { rawString() }

    /// An instant read from the string's bytes: only ASCII can parse, so nothing to validate.
    private mutating func instant() -> Instant? { stringBytes().flatMap { Instant(iso8601UTF8: $0.0) } }

    private mutating func strings() -> [String]? {
        guard take(91) else { return nil }                         // [
        var list: [String] = []
        if take(93) { return list }                                // ]
        repeat {
            guard let s = rawString() else { return nil }
            list.append(s)
        } while take(44)
        return take(93) ? list : nil
    }

    /// `-?[0-9]+` as JSON writes it (no leading zero), within Int64.
    private mutating func integer() -> Int64? {
        let negative = take(45)                                    // -
        let start = i
        var value: Int64 = 0
        while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int64(bytes[i] - 48))
            guard !o1, !o2 else { return nil }
            value = sum
            i += 1
        }
        guard i > start, !(bytes[start] == 48 && i - start > 1) else { return nil }
        // A fraction or exponent follows: JSONDecoder's rules for those are its own.
        if i < bytes.count, bytes[i] == 46 || bytes[i] == 101 || bytes[i] == 69 { return nil }
        return negative ? -value : value
    }

    private mutating func int() -> Int? { integer().map(Int.init) }

    /// An object value decoded by JSONDecoder from its own bytes.
    private mutating func nested<T: Decodable>(_ type: T.Type, _ decoder: JSONDecoder) -> T? {
        let start = i
        guard skipObject() else { return nil }
        return try? decoder.decode(T.self, from: Data(UnsafeBufferPointer(rebasing: bytes[start..<i])))
    }

    /// A value that repeats byte for byte across lines (a procedure's snapshot, its papers and
    /// fees): decoded by JSONDecoder once, then taken from `RepeatedValues`.
    private mutating func repeated<T: Decodable & Sendable>(_ type: T.Type, _ decoder: JSONDecoder) -> T? {
        let start = i
        guard skipObject() else { return nil }
        let bytes = UnsafeBufferPointer(rebasing: self.bytes[start..<i])
        return RepeatedValues.shared.value(T.self, bytes) { try? decoder.decode(T.self, from: Data(bytes)) }
    }

    /// Steps over `{…}` or `[…]`, minding strings; JSONDecoder checks what is inside.
    private mutating func skipObject() -> Bool {
        let start = i
        guard i < bytes.count, bytes[i] == 123 || bytes[i] == 91 else { return false }
        var depth = 0
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            switch c {
            case 34:                                               // a string: to its closing quote
                while i < bytes.count, bytes[i] != 34 {
                    if bytes[i] == 92 { i += 1 }
                    i += 1
                }
                guard i < bytes.count else { return false }
                i += 1
            case 123, 91: depth += 1
            case 125, 93:
                depth -= 1
                if depth == 0 { return (c == 125) == (bytes[start] == 123) }
            default: break
            }
        }
        return false
    }
}

/// Decoded values by their exact bytes and type: decoding is a function of the bytes, so a value
/// met again is the one decoded before. Bounded: emptied when full.
final class RepeatedValues: @unchecked Sendable {
    static let shared = RepeatedValues()
    private struct Entry {
        let type: ObjectIdentifier
        let bytes: [UInt8]
        let value: any Sendable

        func holds(_ other: UnsafeBufferPointer<UInt8>) -> Bool {
            bytes.count == other.count && bytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, other.baseAddress!, other.count) == 0 }
        }
    }
    private let lock = NSLock()
    /// By a hash of the bytes and the type: a value met again is found without copying its bytes.
    private var values: [Int: [Entry]] = [:]
    private var count = 0

    /// The type, the length and three 16-byte windows (start, middle, end): enough to tell apart
    /// the few hundred distinct values met, without hashing every byte of each (a hit then
    /// compares all of them anyway).
    private static func sampleHash(_ type: ObjectIdentifier, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(type)
        hasher.combine(bytes.count)
        let window = min(16, bytes.count)
        func combine(from start: Int) {
            hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<(start + window)])))
        }
        combine(from: 0)
        combine(from: (bytes.count - window) / 2)
        combine(from: bytes.count - window)
        return hasher.finalize()
    }

    func value<T: Sendable>(_ type: T.Type, _ bytes: UnsafeBufferPointer<UInt8>, decode: () -> T?) -> T? {
        let key = Self.sampleHash(ObjectIdentifier(type), bytes)
        let known = lock.withLock {
            values[key]?.first { $0.type == ObjectIdentifier(type) && $0.holds(bytes) }?.value
        }
        if let known = known as? T { return known }
        guard let value = decode() else { return nil }
        lock.withLock {
            if count >= 4_096 { values.removeAll(); count = 0 }
            values[key, default: []].append(Entry(type: ObjectIdentifier(type), bytes: Array(bytes), value: value))
            count += 1
        }
        return value
    }
}
