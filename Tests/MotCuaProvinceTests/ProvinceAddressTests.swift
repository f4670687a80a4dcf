import Testing
import MotCuaProvince

/// The `--postgres` address: what is taken, what is refused and with which words. No server.
@Suite("Province: the --postgres address")
struct ProvinceAddressTests {
    @Test func aFullURLIsReadPartByPart() throws {
        let a = try ProvinceAddress(url: "postgres://tinh:b%C3%AD%20m%E1%BA%ADt@db.tinh.gov.vn:6432/motcua?sslmode=require&schema=hue")
        #expect(a.host == "db.tinh.gov.vn" && a.port == 6432 && a.user == "tinh" && a.password == "bí mật")
        #expect(a.database == "motcua" && a.schema == "hue" && a.tls == .require)
        #expect(a.display == "postgres://tinh@db.tinh.gov.vn:6432/motcua (schema hue)", "never the password")
    }

    @Test func defaultsArePort5432SchemaMotcuaTLSPreferredAndThePasswordFromTheEnvironment() throws {
        let a = try ProvinceAddress(url: "postgresql://tinh@127.0.0.1/province", environmentPassword: "từ-PGPASSWORD")
        #expect(a.port == 5432 && a.schema == "motcua" && a.tls == .prefer && a.password == "từ-PGPASSWORD")
        let own = try ProvinceAddress(url: "postgres://tinh:url@127.0.0.1/province", environmentPassword: "env")
        #expect(own.password == "url", "the URL's own password first, as libpq")
    }

    @Test(arguments: [
        ("mysql://u@h/d", "lược đồ mysql://"),
        ("postgres:///d", "thiếu tên máy chủ"),
        ("postgres://h/d", "thiếu tên người dùng"),
        ("postgres://u@h", "thiếu tên cơ sở dữ liệu"),
        ("postgres://u@h/d?sslmode=maybe", "sslmode=maybe"),
        ("postgres://u@h/d?schema=Hue;DROP", "schema=Hue;DROP"),
        ("postgres://u@h/d?schema=1abc", "schema=1abc"),
        ("postgres://u@h/d?connect_timeout=3", "tham số connect_timeout không được hỗ trợ"),
        ("không phải url", "không đọc được địa chỉ"),
    ])
    func aBadAddressIsRefusedNamingWhatIsWrong(url: String, expected: String) {
        #expect {
            _ = try ProvinceAddress(url: url)
        } throws: { error in
            guard let error = error as? ProvinceError, error.isBadInput else { return false }
            return error.description.hasPrefix("--postgres: ") && error.description.contains(expected)
        }
    }
}
