import Foundation

/// The messages to the citizen, versioned data like the forms (`Resources/notifications/`).
public struct NotificationTemplates: Codable, Sendable, Equatable {
    public let version: Int
    public let note: String?
    /// The most SMS segments a rendered message may cost (checked against the longest values).
    public let smsSegments: Int
    /// The most characters a value may put in a message; longer values are cut with "...".
    public let limits: [String: Int]
    /// Keyed by the event kind's raw value.
    public let templates: [String: String]

    public static let shipped: NotificationTemplates = {
        do { return try JSONDecoder().decode(NotificationTemplates.self, from: Data(PackageResources.notifications_v1_json)) } catch {
            fatalError("notifications-v1.json embedded in the binary does not decode: \(error)")
        }
    }()

    /// The kinds the citizen hears about: the receipt, a supplement request, an apology with the
    /// new appointment, the result, a refusal (at the desk or of an online dossier).
    public func template(for kind: DossierEvent.Kind) -> String? {
        switch kind {
        case .received, .accepted: return templates["received"]
        case .notAccepted: return templates["refused"]
        default: return templates[kind.rawValue]
        }
    }

    /// Fills a template: values cleaned of control characters, NFC, cut to their limits.
    public func render(_ template: String, values: [String: String]) -> String {
        var text = template
        for (name, raw) in values {
            var value = DisplayText.sanitize(raw).precomposedStringWithCanonicalMapping
            if let limit = limits[name], value.count > limit { value = String(value.prefix(limit - 3)) + "..." }
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }
}

/// One message to the citizen, made from one journal event: the same event always makes the
/// same message, so re-sending after a crash repeats it, never invents another.
public struct CitizenMessage: Equatable, Sendable {
    public let seq: Int64
    public let code: String
    public let kind: DossierEvent.Kind
    /// Vietnamese, for Zalo and e-mail.
    public let text: String
    /// The ASCII fallback for SMS.
    public let sms: String
    /// The applicant's phone (nil: no way to reach them but the desk).
    public let phone: String?
    /// The applicant's e-mail address, for the e-mail channel (nil: none was given at intake).
    public let email: String?

    /// The message `rec` makes for the dossier as it stood (`reception`, its appointment), or nil.
    public static func make(_ rec: RecordedEvent, reception: Reception, due: Instant?, centre: String,
                            templates: NotificationTemplates = .shipped) -> CitizenMessage? {
        guard let template = templates.template(for: rec.event.kind) else { return nil }
        let e = rec.event
        let values: [String: String] = [
            "centre": centre, "code": rec.code, "procedure": reception.procedure.name,
            "due": (e.due ?? due).map(\.vietnameseShort) ?? "",
            "documents": (e.documents ?? []).isEmpty ? "theo phiếu yêu cầu bổ sung" : e.documents!.joined(separator: "; "),
            "reason": e.reason ?? "",
        ]
        let text = templates.render(template, values: values)
        return CitizenMessage(seq: rec.seq, code: rec.code, kind: e.kind, text: text, sms: SMSText.ascii(text),
                              phone: reception.applicant.phone.flatMap { $0.isEmpty ? nil : $0 },
                              email: reception.applicant.email.flatMap { $0.isEmpty ? nil : $0 })
    }
}
