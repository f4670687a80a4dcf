/// A small deterministic random generator (SplitMix64), so a seed always gives the same demo store.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    public mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}

/// Realistic Vietnamese applicants for demo and benchmark stores.
public enum NameBank {
    static let families = ["Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
                           "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Tôn Nữ", "Hoàng Trọng", "Trương", "Lưu"]
    static let maleMiddles = ["Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Xuân", "Công", "Đình", "Ngọc"]
    static let femaleMiddles = ["Thị", "Thị", "Thị", "Ngọc", "Thanh", "Thu", "Bích", "Kim", "Diệu", "Phương"]
    static let maleGiven = ["An", "Bình", "Cường", "Dũng", "Hùng", "Hải", "Huy", "Khoa", "Long", "Nam", "Phong", "Phúc",
                            "Quân", "Sơn", "Tài", "Thắng", "Tuấn", "Việt", "Vinh", "Đạt", "Hiếu", "Toàn", "Lộc", "Nhân"]
    static let femaleGiven = ["Anh", "Châu", "Dung", "Giang", "Hà", "Hằng", "Hạnh", "Hoa", "Hòa", "Hương", "Lan", "Linh",
                              "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Trang", "Vân", "Yến"]
    static let streets = ["Lê Lợi", "Trần Hưng Đạo", "Hùng Vương", "Nguyễn Huệ", "Lý Thường Kiệt", "Điện Biên Phủ",
                          "Phan Đình Phùng", "Bà Triệu", "Nguyễn Tất Thành", "Kim Phụng", "Độc Lập", "Lý Nam Đế",
                          "Cách Mạng Tháng Tám", "Nguyễn Văn Linh", "Huyền Trân Công Chúa"]
    static let wards = ["phường Hương Trà", "phường Kim Trà", "xã Bình Điền", "phường Hương Văn", "phường Hương Xuân"]

    public static func person<G: RandomNumberGenerator>(using rng: inout G) -> Person {
        let female = Bool.random(using: &rng)
        let family = families.randomElement(using: &rng)!
        let middle = (female ? femaleMiddles : maleMiddles).randomElement(using: &rng)!
        let given = (female ? femaleGiven : maleGiven).randomElement(using: &rng)!
        let year = Int.random(in: 1950...2006, using: &rng)
        let century = year >= 2000 ? (female ? 3 : 2) : (female ? 1 : 0)
        let province = Int.random(in: 0..<10, using: &rng) < 8 ? "046" : ["001", "048", "079", "044", "045"].randomElement(using: &rng)!
        let serial = String(Int.random(in: 0...999_999, using: &rng))
        let id = province + "\(century)" + String(format2(year % 100)) + String(repeating: "0", count: 6 - serial.count) + serial
        let prefix = ["091", "094", "098", "097", "086", "032", "035", "070", "077", "083", "088", "090"].randomElement(using: &rng)!
        let rest = String(Int.random(in: 0...9_999_999, using: &rng))
        let phone = prefix + String(repeating: "0", count: 7 - rest.count) + rest
        let address = "\(Int.random(in: 1...250, using: &rng)) \(streets.randomElement(using: &rng)!), \(wards.randomElement(using: &rng)!), thành phố Huế"
        return Person(name: "\(family) \(middle) \(given)", idNumber: id, phone: phone, address: address)
    }

    static func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
