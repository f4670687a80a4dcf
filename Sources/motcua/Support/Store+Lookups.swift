import MotCuaCore
import MotCuaStore

extension Store {
    var officialNames: [String: String] { Dictionary(users.users.map { ($0.login, $0.name) }, uniquingKeysWith: { a, _ in a }) }

    var formAgency: FormAgency {
        FormAgency(name: config.name, code: config.agency, governingBody: config.governingBody, place: config.place, phone: config.phone)
    }
}
