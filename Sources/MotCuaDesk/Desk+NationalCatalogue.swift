import Foundation
import MotCuaCore
import MotCuaStore

extension Desk {
    /// Installs the next catalogue version with the procedures of a national-format file
    /// (`LayThuTuc`) added or updated; older versions stay, and old dossiers keep theirs.
    public func importNationalCatalogue(_ data: Data, now: Instant) throws -> NationalImport {
        try store.require(actor, may: .manageCatalogue)
        let records: [[String: Any]]
        do { records = try NationalCatalogue.procedures(in: data) } catch {
            throw StoreError.badInput("Tệp danh mục quốc gia không hợp lệ: \(error.description)")
        }
        let result: NationalImport
        do { result = try NationalCatalogue.merge(records, into: store.catalogue, effective: now.date) } catch {
            throw StoreError.badInput("Danh mục sau khi nhập không hợp lệ: \(error)")
        }
        guard !result.imported.isEmpty else {
            let reasons = result.unmapped.map { "\($0.code) \($0.field): \($0.reason)" }.joined(separator: "; ")
            throw StoreError.badInput("Không nhập được thủ tục nào từ tệp" + (reasons.isEmpty ? "" : " (\(reasons))"))
        }
        try store.installCatalogue(result.catalogue, actor: actor, now: now)
        return result
    }
}
