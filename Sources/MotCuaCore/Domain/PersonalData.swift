/// ID numbers and phone numbers for roles that do not need them in full (supervisors reading
/// lists, administrators): all but the last three characters hidden, so a clerk on the phone can
/// still confirm "the number ending 678" without the whole number leaving the desk.
public enum PersonalData {
    public static func mask(_ value: String) -> String {
        let characters = Array(value)
        guard characters.count > 3 else { return String(repeating: "*", count: characters.count) }
        return String(repeating: "*", count: characters.count - 3) + String(characters.suffix(3))
    }

    public static func mask(_ value: String?) -> String? { value.map(mask) }
}

extension Person {
    public func maskingPersonalData() -> Person {
        Person(name: name, idNumber: PersonalData.mask(idNumber), phone: PersonalData.mask(phone), address: address,
               email: PersonalData.mask(email))
    }
}

extension Proxy {
    public func maskingPersonalData() -> Proxy {
        Proxy(name: name, idNumber: PersonalData.mask(idNumber), phone: PersonalData.mask(phone), authorisation: authorisation)
    }
}

extension Reception {
    public func maskingPersonalData() -> Reception {
        var copy = self
        copy.applicant = applicant.maskingPersonalData()
        copy.proxy = proxy?.maskingPersonalData()
        return copy
    }
}

extension DossierSummary {
    public func maskingPersonalData() -> DossierSummary {
        var copy = self
        copy.idNumber = PersonalData.mask(idNumber)
        copy.phone = PersonalData.mask(phone)
        copy.searchKey = DossierSummary.searchKey(name: applicantName, code: code, idNumber: copy.idNumber, phone: copy.phone)
        return copy
    }
}

extension RecordedEvent {
    func maskingPersonalData() -> RecordedEvent {
        guard let reception = event.reception else { return self }
        var masked = event
        masked.reception = reception.maskingPersonalData()
        return RecordedEvent(seq: seq, at: at, by: by, actingAdmin: actingAdmin, terminal: terminal, dossier: dossier,
                             code: code, version: version, event: masked)
    }
}

extension Dossier {
    /// The same dossier with the applicant's and proxy's ID and phone masked everywhere they appear.
    public func maskingPersonalData() -> Dossier {
        var copy = self
        copy.summary = summary.maskingPersonalData()
        copy.reception = reception.maskingPersonalData()
        copy.history = history.map { $0.maskingPersonalData() }
        return copy
    }

    /// This dossier as `role` may see it.
    public func visible(to role: Role) -> Dossier {
        AccessPolicy.allows(role, .viewPersonalData) ? self : maskingPersonalData()
    }
}

extension DossierSummary {
    public func visible(to role: Role) -> DossierSummary {
        AccessPolicy.allows(role, .viewPersonalData) ? self : maskingPersonalData()
    }
}
