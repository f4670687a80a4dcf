import MotCuaCore
import MotCuaStore

extension Desk {
    /// A printed register ends with the journal's chain head when it was printed: the paper
    /// copy in the office's files is then a head published outside the store (Docs/SECURITY.md).
    public func stampingChainHead(_ register: String, format: FormRenderer.Format, at now: Instant) -> String {
        let tip = store.chainTip
        let line = "Đầu chuỗi nhật ký lúc in (\(now.iso8601)): seq \(tip.seq), mã băm \(tip.hash)"
        switch format {
        case .text:
            return register + (register.hasSuffix("\n") ? "" : "\n") + "\n" + line + "\n"
        case .html:
            let stamp = "<p class=\"chain-head\" style=\"font-size:8pt\">\(line)</p>\n"
            guard let end = register.range(of: "</body>", options: .backwards) else { return register + stamp }
            return register.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: stamp)
        }
    }
}
