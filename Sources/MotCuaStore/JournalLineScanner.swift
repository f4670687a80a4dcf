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
        var seen: UInt32 = 0
        func once(_ bit: UInt32) -> Bool {
            defer { seen |= 1 << bit }
            return seen & (1 << bit) == 0
        }
        guard take(123) else { return nil }                        // {
        var more = !take(125)                                      // }
        while more {
            guard let key = rawString(), take(58) else { return nil }   // :
            switch key {
            case "seq": guard once(0), let v = integer() else { return nil }; seq = v
            case "at": guard once(1), let v = instant() else { return nil }; at = v
            case "by": guard once(2), let v = string() else { return nil }; by = v
            case "as": guard once(3), let v = string() else { return nil }; acting = v
            case "tty": guard once(4), let v = string() else { return nil }; tty = v
            case "op": guard once(5), let v = string() else { return nil }; op = v
            case "entered": guard once(6), let v = instant() else { return nil }; entered = v
            case "opd": guard once(7), let v = string() else { return nil }; opd = v
            case "d": guard once(8), let v = string() else { return nil }; d = v
            case "code": guard once(9), let v = string() else { return nil }; code = v
            case "base": guard once(10), let v = int() else { return nil }; base = v
            case "sv": guard once(11), let v = int() else { return nil }; sv = v
            case "ev": guard once(12), let v = event(decoder) else { return nil }; ev = v
            case "admin": guard once(13), let v = nested(AdminEvent.self, decoder) else { return nil }; admin = v
            case "queue": guard once(14), let v = nested(QueueEvent.self, decoder) else { return nil }; queue = v
            case "prev": guard once(15), let v = string() else { return nil }; prev = v
            case "h": guard once(16), let v = string() else { return nil }; h = v
            default: return nil
            }
            more = take(44)                                        // ,
            if !more { guard take(125) else { return nil } }
        }
        guard let seq, let at, let by, let sv, let h else { return nil }
        return JournalCodec.RawLine(seq: seq, at: at, by: by, as: acting, tty: tty, op: op, entered: entered, opd: opd, d: d,
                                    code: code, base: base, sv: sv, ev: ev, admin: admin, queue: queue, prev: prev, h: h)
    }

    private mutating func event(_ decoder: JSONDecoder) -> DossierEvent? {
        var event = DossierEvent(kind: .note)
        var kind: DossierEvent.Kind?
        var seen: UInt32 = 0
        func once(_ bit: UInt32) -> Bool {
            defer { seen |= 1 << bit }
            return seen & (1 << bit) == 0
        }
        guard take(123) else { return nil }
        var more = !take(125)
        while more {
            guard let key = rawString(), take(58) else { return nil }
            switch key {
            case "k": guard once(0), let v = string().flatMap(DossierEvent.Kind.init(rawValue:)) else { return nil }; kind = v
            case "reception": guard once(1), let v = reception(decoder) else { return nil }; event.reception = v
            case "department": guard once(2), let v = string() else { return nil }; event.department = v
            case "official": guard once(3), let v = string() else { return nil }; event.official = v
            case "reason": guard once(4), let v = string() else { return nil }; event.reason = v
            case "documents": guard once(5), let v = strings() else { return nil }; event.documents = v
            case "due": guard once(6), let v = instant() else { return nil }; event.due = v
            case "statsDue": guard once(7), let v = instant() else { return nil }; event.statsDue = v
            case "stepDue": guard once(8), let v = instant() else { return nil }; event.stepDue = v
            case "returnedTo": guard once(9), let v = string() else { return nil }; event.returnedTo = v
            case "proxyName": guard once(10), let v = string() else { return nil }; event.proxyName = v
            case "waybill": guard once(11), let v = string() else { return nil }; event.waybill = v
            case "text": guard once(12), let v = string() else { return nil }; event.text = v
            case "flags":
                guard once(13), let list = strings() else { return nil }
                let flags = list.compactMap(DossierFlag.init(rawValue:))
                guard flags.count == list.count else { return nil }
                event.flags = flags
            case "rating": guard once(14), let v = nested(Rating.self, decoder) else { return nil }; event.rating = v
            case "ratingCounter": guard once(15), let v = int() else { return nil }; event.ratingCounter = v
            case "amount": guard once(16), let v = int() else { return nil }; event.amount = v
            case "method": guard once(17), let v = string().flatMap(PaymentMethod.init(rawValue:)) else { return nil }; event.method = v
            case "receipt": guard once(18), let v = string() else { return nil }; event.receipt = v
            case "document": guard once(19), let v = nested(DocumentRecord.self, decoder) else { return nil }; event.document = v
            case "result": guard once(20), let v = nested(ResultRecord.self, decoder) else { return nil }; event.result = v
            default: return nil
            }
            more = take(44)
            if !more { guard take(125) else { return nil } }
        }
        guard let kind else { return nil }
        event.kind = kind
        return event
    }

    private mutating func reception(_ decoder: JSONDecoder) -> Reception? {
        var applicant: Person?, proxy: Proxy?, channel: Channel?, documents: [ReceivedDocument]?, procedure: ProcedureSnapshot?
        var agency: String?, effectiveStart: Instant?, office: String?, portalCode: String?, submittedAt: Instant?
        var fees: [FeeLine]?, ticket: String?
        var seen: UInt32 = 0
        func once(_ bit: UInt32) -> Bool {
            defer { seen |= 1 << bit }
            return seen & (1 << bit) == 0
        }
        guard take(123) else { return nil }
        var more = !take(125)
        while more {
            guard let key = rawString(), take(58) else { return nil }
            switch key {
            case "applicant": guard once(0), let v = person() else { return nil }; applicant = v
            case "proxy": guard once(1), let v = nested(Proxy.self, decoder) else { return nil }; proxy = v
            case "channel": guard once(2), let v = string().flatMap(Channel.init(rawValue:)) else { return nil }; channel = v
            case "documents": guard once(3), let v = repeated([ReceivedDocument].self, decoder) else { return nil }; documents = v
            case "procedure": guard once(4), let v = repeated(ProcedureSnapshot.self, decoder) else { return nil }; procedure = v
            case "agency": guard once(5), let v = string() else { return nil }; agency = v
            case "effectiveStart": guard once(6), let v = instant() else { return nil }; effectiveStart = v
            case "office": guard once(7), let v = string() else { return nil }; office = v
            case "portalCode": guard once(8), let v = string() else { return nil }; portalCode = v
            case "submittedAt": guard once(9), let v = instant() else { return nil }; submittedAt = v
            case "fees": guard once(10), let v = repeated([FeeLine].self, decoder) else { return nil }; fees = v
            case "ticket": guard once(11), let v = string() else { return nil }; ticket = v
            default: return nil
            }
            more = take(44)
            if !more { guard take(125) else { return nil } }
        }
        guard let applicant, let channel, let documents, let procedure, let agency, let effectiveStart else { return nil }
        return Reception.decoded(applicant: applicant, proxy: proxy, channel: channel, documents: documents, procedure: procedure, agency: agency,
                                 effectiveStart: effectiveStart, office: office, portalCode: portalCode, submittedAt: submittedAt, fees: fees, ticket: ticket)
    }

    private mutating func person() -> Person? {
        var name: String?, idNumber: String?, phone: String?, address: String?, email: String?
        var seen: UInt32 = 0
        func once(_ bit: UInt32) -> Bool {
            defer { seen |= 1 << bit }
            return seen & (1 << bit) == 0
        }
        guard take(123) else { return nil }
        var more = !take(125)
        while more {
            guard let key = rawString(), take(58) else { return nil }
            switch key {
            case "name": guard once(0), let v = string() else { return nil }; name = v
            case "idNumber": guard once(1), let v = string() else { return nil }; idNumber = v
            case "phone": guard once(2), let v = string() else { return nil }; phone = v
            case "address": guard once(3), let v = string() else { return nil }; address = v
            case "email": guard once(4), let v = string() else { return nil }; email = v
            default: return nil
            }
            more = take(44)
            if !more { guard take(125) else { return nil } }
        }
        guard let name else { return nil }
        return Person(name: name, idNumber: idNumber, phone: phone, address: address, email: email)
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
    private struct Key: Hashable {
        let type: ObjectIdentifier
        let bytes: [UInt8]
    }
    private let lock = NSLock()
    private var values: [Key: any Sendable] = [:]

    func value<T: Sendable>(_ type: T.Type, _ bytes: UnsafeBufferPointer<UInt8>, decode: () -> T?) -> T? {
        let key = Key(type: ObjectIdentifier(type), bytes: Array(bytes))
        if let known = lock.withLock({ values[key] }) as? T { return known }
        guard let value = decode() else { return nil }
        lock.withLock {
            if values.count >= 4_096 { values.removeAll() }
            values[key] = value
        }
        return value
    }
}
