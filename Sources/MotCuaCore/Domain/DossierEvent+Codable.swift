/// A value kept in a shared, immutable box: a struct holding one is a pointer wide. Equal and
/// hashed by the value, so the struct holding it compares as before.
public struct Indirect<Value: Hashable & Sendable>: Hashable, Sendable {
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private let box: Box

    public init(_ value: Value) { box = Box(value) }

    public var value: Value { box.value }

    public static func == (a: Indirect, b: Indirect) -> Bool { a.box === b.box || a.value == b.value }

    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

/// Written out because four properties are computed over `Indirect` storage; key for key what
/// the synthesised conformance wrote (absent optionals omitted), so journal lines stay byte for byte.
extension DossierEvent {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try c.decode(Kind.self, forKey: .kind))
        reception = try c.decodeIfPresent(Reception.self, forKey: .reception)
        department = try c.decodeIfPresent(String.self, forKey: .department)
        official = try c.decodeIfPresent(String.self, forKey: .official)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        documents = try c.decodeIfPresent([String].self, forKey: .documents)
        due = try c.decodeIfPresent(Instant.self, forKey: .due)
        statsDue = try c.decodeIfPresent(Instant.self, forKey: .statsDue)
        stepDue = try c.decodeIfPresent(Instant.self, forKey: .stepDue)
        returnedTo = try c.decodeIfPresent(String.self, forKey: .returnedTo)
        proxyName = try c.decodeIfPresent(String.self, forKey: .proxyName)
        waybill = try c.decodeIfPresent(String.self, forKey: .waybill)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        flags = try c.decodeIfPresent([DossierFlag].self, forKey: .flags)
        rating = try c.decodeIfPresent(Rating.self, forKey: .rating)
        ratingCounter = try c.decodeIfPresent(Int.self, forKey: .ratingCounter)
        amount = try c.decodeIfPresent(Int.self, forKey: .amount)
        method = try c.decodeIfPresent(PaymentMethod.self, forKey: .method)
        receipt = try c.decodeIfPresent(String.self, forKey: .receipt)
        document = try c.decodeIfPresent(DocumentRecord.self, forKey: .document)
        result = try c.decodeIfPresent(ResultRecord.self, forKey: .result)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(reception, forKey: .reception)
        try c.encodeIfPresent(department, forKey: .department)
        try c.encodeIfPresent(official, forKey: .official)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(documents, forKey: .documents)
        try c.encodeIfPresent(due, forKey: .due)
        try c.encodeIfPresent(statsDue, forKey: .statsDue)
        try c.encodeIfPresent(stepDue, forKey: .stepDue)
        try c.encodeIfPresent(returnedTo, forKey: .returnedTo)
        try c.encodeIfPresent(proxyName, forKey: .proxyName)
        try c.encodeIfPresent(waybill, forKey: .waybill)
        try c.encodeIfPresent(text, forKey: .text)
        try c.encodeIfPresent(flags, forKey: .flags)
        try c.encodeIfPresent(rating, forKey: .rating)
        try c.encodeIfPresent(ratingCounter, forKey: .ratingCounter)
        try c.encodeIfPresent(amount, forKey: .amount)
        try c.encodeIfPresent(method, forKey: .method)
        try c.encodeIfPresent(receipt, forKey: .receipt)
        try c.encodeIfPresent(document, forKey: .document)
        try c.encodeIfPresent(result, forKey: .result)
    }
}
