import Foundation
import Testing
@testable import MotCuaCore

@Suite("UUID text")
struct UUIDTextTests {
    @Test func parsesWhatFoundationWritesInEitherCase() {
        for _ in 0..<200 {
            let id = UUID()
            #expect(UUID(fastString: id.uuidString) == id)
            #expect(UUID(fastString: id.uuidString.lowercased()) == id)
        }
        #expect(UUID(fastString: "00000000-0000-0000-0000-000000000001")?.uuid.15 == 1)
        #expect(UUID(fastString: "FF000000-0000-0000-0000-000000000000")?.uuid.0 == 0xFF)
    }

    @Test func refusesWhatIsNotAUUID() {
        let id = UUID().uuidString
        for bad in ["", String(id.dropLast()), id + "0", "G" + id.dropFirst(), id.replacingOccurrences(of: "-", with: "0"),
                    String(id.dropLast(2)) + "--", "Đ" + id.dropFirst(2)] {
            #expect(UUID(fastString: bad) == nil, "\(bad)")
        }
    }
}
