import Foundation
import MotCuaCore
import TerminalUI

/// A paper of the checklist on the intake form.
public struct DocumentCheck: Equatable, Sendable, Codable {
    public var name: String
    public var originals: Int
    public var copies: Int
    public var required: Bool
    public var checked: Bool
}

/// The intake form (F2): procedure picker with live search, applicant fields with inline
/// validation, the checklist, and the appointment previewed before saving.
public struct IntakeForm: Equatable, Sendable {
    public enum Field: Hashable, Sendable {
        case procedure, name, id, phone, email, address, channel, proxy, proxyID, proxyPhone, proxyDocument, document(Int)
    }

    public var procedureQuery = TextField(limit: 60)
    /// Codes of the procedures matching the query, best first.
    public var matches: [String] = []
    public var matchIndex = 0
    public var procedureCode: String?
    public var name = TextField(limit: 200)
    public var id = TextField(limit: 20)
    public var phone = TextField(limit: 20)
    /// Optional: the citizen's messages then also go by e-mail where that channel is configured.
    public var email = TextField(limit: Validation.maxEmailLength)
    public var address = TextField(limit: 300)
    public var proxy = TextField(limit: 200)
    /// The proxy's ID number and phone: fields shown once a proxy's name is typed.
    public var proxyID = TextField(limit: 20)
    public var proxyPhone = TextField(limit: 20)
    /// The authorisation paper (giấy ủy quyền: number, date, who certified it), printed on the receipt.
    /// Its limit is the bound `Validation.proxy` sets for --proxy-document; Lifecycle checks it again on saving.
    public var proxyDocument = TextField(limit: Validation.maxNameLength)
    public var channel: Channel = .direct
    public var documents: [DocumentCheck] = []
    public var focus: Field = .procedure
    public var showExplanation = false
    public var confirmingCancel = false
    public var saving = false
    /// Set by the first save: from then on, empty required fields show their message too.
    public var attemptedSave = false
    public var error: String?
    /// F6: the fee was paid in cash, in full; saving also takes the payment (its own key: `op` + ":fee").
    public var paidInCash = false
    /// The idempotency key of this intake: a save retried after a failure cannot create it twice.
    public let op: String

    public init(op: String = UUID().uuidString.lowercased()) { self.op = op }

    public var fields: [Field] {
        [.procedure, .name, .id, .phone, .email, .address, .channel, .proxy] + (proxy.isEmpty ? [] : [.proxyID, .proxyPhone, .proxyDocument])
            + documents.indices.map { .document($0) }
    }

    /// Something was typed or chosen: cancelling must be confirmed, and a hang-up keeps a draft.
    public var isDirty: Bool {
        procedureCode != nil || !procedureQuery.isEmpty || !name.isEmpty || !id.isEmpty || !phone.isEmpty || !email.isEmpty
            || !address.isEmpty || !proxy.isEmpty || !proxyID.isEmpty || !proxyPhone.isEmpty || !proxyDocument.isEmpty
    }

    public mutating func textField(_ field: Field) -> TextField? {
        switch field {
        case .procedure: return procedureQuery
        case .name: return name
        case .id: return id
        case .phone: return phone
        case .email: return email
        case .address: return address
        case .proxy: return proxy
        case .proxyID: return proxyID
        case .proxyPhone: return proxyPhone
        case .proxyDocument: return proxyDocument
        default: return nil
        }
    }

    mutating func setText(_ field: Field, _ value: TextField) {
        switch field {
        case .procedure: procedureQuery = value
        case .name: name = value
        case .id: id = value
        case .phone: phone = value
        case .email: email = value
        case .address: address = value
        case .proxy: proxy = value
        case .proxyID: proxyID = value
        case .proxyPhone: proxyPhone = value
        case .proxyDocument: proxyDocument = value
        default: break
        }
    }

    mutating func choose(_ procedure: Procedure) {
        procedureCode = procedure.code
        documents = procedure.documents.map {
            DocumentCheck(name: $0.name, originals: $0.originals, copies: $0.copies, required: $0.required, checked: $0.required)
        }
    }

    /// Inline validation, field by field (empty optional fields are fine).
    public func issues(catalogue: Catalogue) -> [Field: ValidationIssue] {
        var result: [Field: ValidationIssue] = [:]
        if procedureCode == nil {
            result[.procedure] = ValidationIssue(field: .procedure, severity: .error, message: "Chọn thủ tục (gõ để tìm, Enter để chọn)")
        }
        if let issue = Validation.name(name.text).first { result[.name] = issue }
        if let issue = Validation.idNumber(id.text).first { result[.id] = issue }
        if let issue = Validation.phone(phone.text).first { result[.phone] = issue }
        if !email.isEmpty, let issue = Validation.email(email.text).first { result[.email] = issue }
        if !proxy.isEmpty {
            if let issue = Validation.name(proxy.text, field: .proxy).first { result[.proxy] = issue }
            if !proxyID.isEmpty, let issue = Validation.idNumber(proxyID.text, field: .proxy).first { result[.proxyID] = issue }
            if !proxyPhone.isEmpty, let issue = Validation.phone(proxyPhone.text, field: .proxy).first { result[.proxyPhone] = issue }
        }
        return result
    }

    public func intake() -> Intake? {
        guard let procedureCode else { return nil }
        return Intake(
            procedureCode: procedureCode,
            applicant: Person(name: name.text, idNumber: id.text, phone: phone.text, address: address.isEmpty ? nil : address.text,
                              email: email.isEmpty ? nil : email.text),
            proxy: proxyValue,
            channel: channel,
            documents: documents.filter(\.checked).map { ReceivedDocument(name: $0.name, originals: $0.originals, copies: $0.copies) })
    }

    /// The proxy as typed (nil without a name); its ID, phone and paper only once a name is there.
    var proxyValue: Proxy? {
        guard !proxy.isEmpty else { return nil }
        return Proxy(name: proxy.text, idNumber: proxyID.isEmpty ? nil : proxyID.text, phone: proxyPhone.isEmpty ? nil : proxyPhone.text,
                     authorisation: proxyDocument.isEmpty ? nil : proxyDocument.text)
    }

    /// Changes the focused document row's count of originals or copies (0–99).
    mutating func adjustDocument(originals: Int = 0, copies: Int = 0) {
        guard case .document(let i) = focus, documents.indices.contains(i) else { return }
        documents[i].originals = max(0, min(99, documents[i].originals + originals))
        documents[i].copies = max(0, min(99, documents[i].copies + copies))
    }

    /// The appointment this intake would get if saved now.
    public func preview(at now: Instant, catalogue: Catalogue, calendar: WorkCalendar) -> DueComputation? {
        guard let code = procedureCode, let procedure = catalogue.procedure(code) else { return nil }
        return calendar.due(from: now, processing: procedure.processing)
    }
}

/// An unsaved intake kept on disk when the SSH link drops (SIGHUP) or the process is told to stop.
public struct IntakeDraft: Codable, Equatable, Sendable {
    public var savedAt: Instant
    public var op: String
    public var procedureQuery: String
    public var procedureCode: String?
    public var name: String
    public var id: String
    public var phone: String
    /// Absent in drafts written before the e-mail was asked.
    public var email: String?
    public var address: String
    public var proxy: String
    /// Absent in drafts written before the proxy's ID, phone and paper were asked.
    public var proxyID: String?
    public var proxyPhone: String?
    public var proxyDocument: String?
    public var channel: Channel
    public var documents: [DocumentCheck]

    public init(_ form: IntakeForm, savedAt: Instant) {
        self.savedAt = savedAt
        op = form.op
        procedureQuery = form.procedureQuery.text
        procedureCode = form.procedureCode
        name = form.name.text
        id = form.id.text
        phone = form.phone.text
        email = form.email.isEmpty ? nil : form.email.text
        address = form.address.text
        proxy = form.proxy.text
        proxyID = form.proxyID.isEmpty ? nil : form.proxyID.text
        proxyPhone = form.proxyPhone.isEmpty ? nil : form.proxyPhone.text
        proxyDocument = form.proxyDocument.isEmpty ? nil : form.proxyDocument.text
        channel = form.channel
        documents = form.documents
    }

    public var form: IntakeForm {
        var form = IntakeForm(op: op)
        form.procedureQuery = TextField(procedureQuery, limit: 60)
        form.procedureCode = procedureCode
        form.name = TextField(name, limit: 200)
        form.id = TextField(id, limit: 20)
        form.phone = TextField(phone, limit: 20)
        form.email = TextField(email ?? "", limit: Validation.maxEmailLength)
        form.address = TextField(address, limit: 300)
        form.proxy = TextField(proxy, limit: 200)
        form.proxyID = TextField(proxyID ?? "", limit: 20)
        form.proxyPhone = TextField(proxyPhone ?? "", limit: 20)
        form.proxyDocument = TextField(proxyDocument ?? "", limit: Validation.maxNameLength)
        form.channel = channel
        form.documents = documents
        form.focus = .name
        return form
    }
}

/// The receipt shown after a save (Mẫu 01 text), which can be written to a file.
public struct ReceiptView: Equatable, Sendable {
    public var code: String
    public var text: String
    public var scroll = 0
    public var savedPath: String?
}
