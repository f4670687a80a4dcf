import MotCuaCore
import MotCuaStore

extension Store {
    /// Officials' names by login, for reports and forms.
    var officialNames: [String: String] { Dictionary(users.users.map { ($0.login, $0.name) }, uniquingKeysWith: { a, _ in a }) }

    /// The agency as the forms print it.
    var formAgency: FormAgency {
        FormAgency(name: config.name, code: config.agency, governingBody: config.governingBody, place: config.place, phone: config.phone)
    }
}
