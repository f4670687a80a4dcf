import Foundation
import MotCuaCore

/// Writing and opening the history image (HistoryImage.swift) as part of a snapshot.
extension Store {
    /// The index of HEAD's image, mapped, when it is the image of HEAD's older years and usable;
    /// nil otherwise (the rows files are read instead, and the next snapshot writes it again).
    func loadHistoryImage(_ head: SnapshotHead) -> DossierIndex? {
        guard let reference = head.image, !head.olderYears.isEmpty, reference.sources == head.olderYears else { return nil }
        let path = "\(files.index)/\(reference.name)"
        do {
            let (index, checked) = try HistoryImage.load(path, reference: reference, stamp: head.stamps?[reference.name], fs: fs)
            // Checked here: the next snapshot may record its stamp, so later opens skip the CRC (as `mappedRows`).
            if let checked { verifiedStamps[reference.name] = checked }
            return index
        } catch is HistoryImage.NoAddressSpace {
            notices.append("Không đủ không gian địa chỉ để ánh xạ ảnh lịch sử \(reference.name) (ulimit -v?): đọc các tệp năm cũ")
            return nil
        } catch let error as SystemError {
            // Not the image's fault (replaced and removed by two snapshots since HEAD was read, a
            // read error): not written again on its account.
            notices.append("Không mở được ảnh lịch sử \(reference.name) (\(error)): đọc các tệp năm cũ")
            return nil
        } catch {
            historyImageRefused = true
            notices.append("Ảnh lịch sử \(reference.name) không dùng được (\(error)): đọc các tệp năm cũ, bản chụp sau sẽ ghi lại")
            return nil
        }
    }

    /// The image a snapshot writing `files` names: the base snapshot's when it was built from the
    /// same older years' files and is usable, a new one otherwise (nil: no older year, or it could
    /// not be written; the apps then read the rows files, as before images).
    func currentHistoryImage(files: [String: String], recent: Int, gen: Int, stamps: inout [String: FileStamp]) -> HistoryImage.Reference? {
        let older = SnapshotHead.olderYears(of: files, before: recent)
        guard !older.isEmpty else { return nil }
        if let reused = baseHead?.image, reused.sources == older, !historyImageRefused,
           HistoryImage.isReadable("\(self.files.index)/\(reused.name)", reference: reused, fs: fs) {
            if let stamp = verifiedStamps[reused.name] ?? baseHead?.stamps?[reused.name] { stamps[reused.name] = stamp }
            return reused
        }
        let reference = HistoryImage.Reference(name: "image.\(gen).bin", sources: older)
        do {
            var scratch = DossierIndex()
            for (_, name) in older.sorted(by: { $0.key < $1.key }) {
                let file = try MappedRows(path: "\(self.files.index)/\(name)", seq: cursor.lastSeq, fs: fs, stamp: stamps[name])
                var loader = try RowsLoader(file: file, except: [], year: nil)
                _ = loader.load(into: &scratch, budget: nil)
            }
            stamps[reference.name] = try HistoryImage.write(scratch, sources: older, to: "\(self.files.index)/\(reference.name)",
                                                           fs: fs, mode: config.fileModeBits, group: groupID)
            historyImageRefused = false
            Self.returnFreedMemory()
            return reference
        } catch {
            notices.append("Không ghi được ảnh lịch sử: \(error)")
            return nil
        }
    }
}
