/// What an idempotency key was used for: the command's kind, its dossier and a digest of what it
/// asked, so a retried command replays and another command under the same key is refused.
///
/// The digest is taken over a canonical text of the request (fields in a fixed order, text
/// cleaned to NFC as the lifecycle cleans it), never over Swift's per-process `hashValue`.
public struct OperationFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The event kind the command produces.
    public let kind: DossierEvent.Kind
    /// The dossier it acts on; nil for a receive (the code is only known once written).
    public let code: String?
    /// 32 hex digits of SHA-256 over the canonical request.
    public let digest: String

    public init(kind: DossierEvent.Kind, code: String?, digest: String) {
        self.kind = kind
        self.code = code
        self.digest = digest
    }

    public static func receive(_ intake: Intake) -> OperationFingerprint {
        var fields = ["receive", intake.procedureCode, intake.channel.rawValue]
        fields += person(intake.applicant)
        if let proxy = intake.proxy {
            fields += ["proxy", proxy.name, proxy.idNumber ?? "", proxy.phone ?? "", proxy.authorisation ?? ""]
        }
        if let documents = intake.documents {
            fields += ["documents"] + documents.map { "\($0.name)|\($0.originals)|\($0.copies)" }
        }
        if let receivedAt = intake.receivedAt { fields += ["receivedAt", String(receivedAt.seconds)] }
        if let ticket = intake.ticket { fields += ["ticket", ticket.uppercased()] }
        // Only when given, so that keys taken before the e-mail was asked keep their digest.
        if let email = intake.applicant.email { fields += ["email", email] }
        return OperationFingerprint(kind: .received, code: nil, digest: digest(fields))
    }

    public static func perform(_ command: DossierCommand, on code: String) -> OperationFingerprint {
        var fields = ["perform", code]
        switch command {
        case .transfer(let department, let official): fields += ["transfer", department, official ?? ""]
        case .requestSupplement(let reason, let documents): fields += ["requestSupplement", reason] + documents
        case .supplementReceived: fields += ["supplementReceived"]
        case .suspend(let reason): fields += ["suspend", reason]
        case .resume: fields += ["resume"]
        case .resultReady(let note): fields += ["resultReady", note ?? ""]
        case .returnResult(let method): fields += ["return"] + returnFields(method)
        case .refuse(let reason): fields += ["refuse", reason]
        case .refuseWithGuidance(let reason, let guidance): fields += ["refuse", reason, "guidance", guidance ?? ""]
        case .withdraw(let reason): fields += ["withdraw", reason ?? ""]
        case .extend(let until, let reason, let department): fields += ["extend", String(until.seconds), reason, department ?? ""]
        case .note(let text): fields += ["note", text]
        case .rate(let rating): fields += ["rate"] + ratingFields(rating)
        case .returnWith(let method, let form, let rating):
            fields += ["return"] + returnFields(method)
            if let form { fields += ["form", form.rawValue] }
            switch rating {
            case .given(let r)?: fields += ["rating"] + ratingFields(r)
            case .onDevice(let counter)?: fields += ["ratingCounter", String(counter)]
            case nil: break
            }
        case .resultReadyWith(let note, let r):
            fields += ["resultReady", note ?? "", r.form.rawValue, r.code ?? "", r.file ?? "", r.sha256 ?? ""]
        }
        return OperationFingerprint(kind: eventKind(of: command), code: code, digest: digest(fields))
    }

    /// A fee payment, refund or exemption (the receipt as typed: nil asks for the next number).
    public static func fee(_ command: FeeCommand, on code: String) -> OperationFingerprint {
        switch command {
        case .pay(let amount, let method, let receipt):
            return OperationFingerprint(kind: .feePaid, code: code, digest: digest(["pay", code, String(amount), method.rawValue, receipt ?? ""]))
        case .refund(let amount, let reason):
            return OperationFingerprint(kind: .feeRefunded, code: code, digest: digest(["refund", code, String(amount), reason]))
        case .exempt(let amount, let reason):
            return OperationFingerprint(kind: .feeExempted, code: code, digest: digest(["exempt", code, amount.map(String.init) ?? "", reason]))
        }
    }

    /// A paper's digitisation (the file's hash is part of what was asked).
    public static func document(_ record: DocumentRecord, on code: String) -> OperationFingerprint {
        OperationFingerprint(kind: .documentRecorded, code: code, digest: digest(["document", code, String(record.index),
                                                                                   record.status.rawValue, record.file ?? "", record.sha256 ?? "", record.from ?? ""]))
    }

    /// Accepting an online dossier: nothing is asked but the dossier.
    public static func accept(on code: String) -> OperationFingerprint {
        OperationFingerprint(kind: .accepted, code: code, digest: digest(["accept", code]))
    }

    private static func returnFields(_ method: ReturnMethod) -> [String] {
        switch method {
        case .applicant: return ["applicant"]
        case .proxy(let name): return ["proxy", name]
        case .post(let waybill): return ["post", waybill]
        }
    }

    /// What the citizen said; the official and department are the desk's own reading, not asked.
    private static func ratingFields(_ r: Rating) -> [String] {
        [r.level.rawValue, r.channel.rawValue, r.indices.map { $0.map(String.init).joined(separator: ",") } ?? ""]
    }

    private static func person(_ p: Person) -> [String] {
        [p.name, (p.idNumber ?? "").filter { !$0.isWhitespace }, p.phone.map { Validation.normalisedPhone($0) ?? $0 } ?? "", p.address ?? ""]
    }

    /// Fields joined with a separator no cleaned text holds (U+001F), then hashed.
    fileprivate static func digest(_ fields: [String]) -> String {
        let text = fields.map(Validation.clean).joined(separator: "\u{1F}")
        return String(SHA256.hex(SHA256.hash(text)).prefix(32))
    }

    /// The command in words (an event kind's name, then the dossier), for a refused reused key.
    public var description: String {
        code.map { "\(EventText.kindName(kind)) hồ sơ \($0)" } ?? "\(EventText.kindName(kind)) hồ sơ mới"
    }

    /// The kind of event `command` writes.
    static func eventKind(of command: DossierCommand) -> DossierEvent.Kind {
        switch command {
        case .transfer: return .transferred
        case .requestSupplement: return .supplementRequested
        case .supplementReceived: return .supplementReceived
        case .suspend: return .suspended
        case .resume: return .resumed
        case .resultReady, .resultReadyWith: return .resultReady
        case .returnResult, .returnWith: return .returned
        case .refuse, .refuseWithGuidance: return .refused
        case .withdraw: return .withdrawn
        case .extend: return .extended
        case .note: return .note
        case .rate: return .rated
        }
    }
}

extension OperationFingerprint {
    /// The digest of a number-queue command (ticket, call, recall, absent, start, finish): a retried
    /// kiosk press or counter key replays its line, another command under the key is refused.
    public static func queue(_ command: QueueCommand) -> String {
        let fields: [String]
        switch command {
        case .issue(let group, let priority): fields = ["queue", "issue", SearchFolding.fold(group), priority ? "priority" : ""]
        case .call(let c): fields = ["queue", "call", String(c)]
        case .recall(let c, let number): fields = ["queue", "recall", String(c), number?.uppercased() ?? ""]
        case .noShow(let c): fields = ["queue", "noShow", String(c)]
        case .start(let c): fields = ["queue", "start", String(c)]
        case .finish(let c): fields = ["queue", "finish", String(c)]
        }
        return digest(fields)
    }
}
