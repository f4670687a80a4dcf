/// The monthly rating aggregate DVCQG receives (OC21 `DongBoDanhGia`, interop.md §8): one record
/// per procedure rated in the month, the shares of the three levels as "NN%" strings.
///
/// Uncertain, and chosen so: the "…DichVu…" shares (the service) repeat the overall shares, since
/// the desk asks one overall question; `NoiDung` is the procedure's name; `DanhSachNoiDungYKien` is
/// empty (no free-text comments are collected); percentages are rounded to whole numbers.
public enum DongBoDanhGia {
    public static func records(_ ratings: [RatedDossier], year: Int, month: Int, unitCode: String, unitName: String,
                               procedureName: (String) -> String) -> JSONText {
        let inMonth = ratings.filter { $0.at.date.year == year && $0.at.date.month == month }
        var byProcedure: [String: [Rating.Level]] = [:]
        for rated in inMonth { byProcedure[rated.rating.procedure ?? "", default: []].append(rated.rating.level) }
        return .array(byProcedure.keys.sorted().map { code in
            let levels = byProcedure[code]!
            func share(_ level: Rating.Level) -> JSONText {
                let n = levels.filter { $0 == level }.count
                return .string("\(Int((Double(n) * 100 / Double(levels.count)).rounded()))%")
            }
            return .object([
                ("NgayTongHop", .string("\(month)-\(year)")),
                ("TongSoNguoiDanhGia", .int(Int64(levels.count))),
                ("PhanTramDanhGiaRatHaiLong", share(.verySatisfied)),
                ("PhanTramDanhGiaHaiLong", share(.satisfied)),
                ("PhanTramDanhGiaChuaHaiLong", share(.unsatisfied)),
                ("DanhSachNoiDungYKien", .array([])),
                ("MaThuTuc", .string(code)),
                ("NoiDung", .string(procedureName(code))),
                ("PhanTramDanhGiaDichVuRatHaiLong", share(.verySatisfied)),
                ("PhanTramDanhGiaDichVuHaiLong", share(.satisfied)),
                ("PhanTramDanhGiaDichVuChuaHaiLong", share(.unsatisfied)),
                ("Madonvi", .string(unitCode)),
                ("TenDonVi", .string(unitName)),
            ])
        })
    }
}
