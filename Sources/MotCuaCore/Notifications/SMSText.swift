import Foundation

/// SMS arithmetic: the ASCII (diacritics-stripped) form Vietnamese SMS gateways send cheaply,
/// and the number of segments a text costs (GSM 03.38: 160 septets alone, 153 per part when
/// concatenated; a text with any other character goes as UCS-2: 70 alone, 67 per part).
public enum SMSText {
    /// GSM 03.38 basic set (one septet each), as the characters an ASCII text can hold.
    static let gsmBasic = Set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u{1B}ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
    /// The extension table: two septets each (ESC + the character).
    static let gsmExtension = Set("^{}\\[~]|€\u{0C}")

    public enum Encoding: String, Sendable { case gsm7 = "GSM-7", ucs2 = "UCS-2" }

    public struct Count: Equatable, Sendable {
        public let encoding: Encoding
        /// Septets (GSM-7) or UTF-16 code units (UCS-2).
        public let units: Int
        public let segments: Int
    }

    public static func count(_ text: String) -> Count {
        if text.allSatisfy({ gsmBasic.contains($0) || gsmExtension.contains($0) }) {
            let septets = text.reduce(0) { $0 + (gsmExtension.contains($1) ? 2 : 1) }
            return Count(encoding: .gsm7, units: septets, segments: septets <= 160 ? 1 : (septets + 152) / 153)
        }
        let units = text.utf16.count
        return Count(encoding: .ucs2, units: units, segments: units <= 70 ? 1 : (units + 66) / 67)
    }

    /// Vietnamese without its marks, đ → d, typographic punctuation as ASCII, anything else left
    /// outside GSM-7 as "?", so the SMS goes as GSM-7.
    public static func ascii(_ text: String) -> String {
        var out = ""
        for scalar in text.precomposedStringWithCanonicalMapping.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            switch scalar {
            case "đ": out += "d"
            case "Đ": out += "D"
            case "–", "—": out += "-"
            case "‘", "’": out += "'"
            case "“", "”": out += "\""
            case "…": out += "..."
            case "\u{00A0}": out += " "
            default:
                let c = Character(scalar)
                out.append(scalar.isASCII && (gsmBasic.contains(c) || gsmExtension.contains(c)) ? c : "?")
            }
        }
        return out
    }
}
