/// Makes stored text safe to show on a terminal or in a plain-text form: control characters
/// and escape sequences never reach the screen.
public enum DisplayText {
    /// C0 controls (and DEL) become their visible "control pictures" (␛, ␀, ␉…); C1 controls
    /// become �; bidi overrides and isolates are dropped so text cannot be reordered.
    /// Line breaks become ↵ unless `keepNewlines`.
    public static func sanitize(_ text: String, keepNewlines: Bool = false) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where isSuspicious(scalar) {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x0A where keepNewlines:
                out.append(scalar)
            case 0x0A, 0x0D:
                out.append("↵")
            case 0x00...0x1F:
                out.append(Unicode.Scalar(0x2400 + v)!)
            case 0x7F:
                out.append("\u{2421}")
            case 0x80...0x9F:
                out.append("\u{FFFD}")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                continue
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func isSuspicious(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }
}
