#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import MotCuaCore

/// A national-portal adapter on 127.0.0.1 for tests: the login and integration endpoints of
/// interop.md §1, checking every message (envelope, field names, `yyyyMMddHHmmss` Vietnam times,
/// status codes, the dossier before its progress) and remembering what it was told. It can be
/// told to fail, stall, drop the connection, refuse a dossier or forget sessions. Its feed
/// endpoint hands out the online dossiers it was given (`offerFeed`), to a valid session only.
public final class PortalTestServer: @unchecked Sendable {
    public enum Fault: Sendable, Equatable {
        /// HTTP 500 with an HTML page, nothing processed.
        case fail
        /// Waits this long, then closes without answering or processing (a hung server).
        case stall(Double)
        /// Closes the connection at once, nothing processed.
        case drop
        /// Forgets every session first, so this call answers "phiên đăng nhập không hợp lệ".
        case badSession
    }

    public let username = "motcua-test"
    public let password = "mật-khẩu-thử-\(UInt32.random(in: 0...UInt32.max))"
    public let madonvi = "000.00.xx.H57"
    public let dstcode = "VN:GOV:000.00.00.G22:vpcpdvcqg"
    public static let authPath = "/api/auth"
    public static let integrationPath = "/api/integration"
    public static let feedPath = "/api/feed"
    /// The service `sync pull` asks the feed endpoint for (INTEROP.md "sync pull").
    public static let feedService = "LayDanhSachHoSoTrucTuyen"

    /// Which fault to inject for the n-th request (1-based, login included), if any.
    public var fault: @Sendable (Int) -> Fault? {
        get { lock.withLock { faultRule } }
        set { lock.withLock { faultRule = newValue } }
    }
    /// Called with the request number once a request is read, before it is processed or answered.
    public var onRequest: @Sendable (Int) -> Void {
        get { lock.withLock { requestHook } }
        set { lock.withLock { requestHook = newValue } }
    }

    /// Called with the request number once its answer was written (the portal has acted on it).
    public var onAnswered: @Sendable (Int) -> Void {
        get { lock.withLock { answeredHook } }
        set { lock.withLock { answeredHook = newValue } }
    }

    private let lock = NSLock()
    private var answeredHook: @Sendable (Int) -> Void = { _ in }
    private var faultRule: @Sendable (Int) -> Fault? = { _ in nil }
    private var requestHook: @Sendable (Int) -> Void = { _ in }
    private var listener: Int32 = -1
    private var stopped = false
    public private(set) var port: Int = 0
    private var sessions: Set<String> = []
    private var state = Recorded()

    /// What the portal knows, and what went wrong on the way.
    public struct Recorded: Sendable {
        public var requests = 0
        public var logins = 0
        public var faultsInjected = 0
        public var creates = 0
        public var updates = 0
        /// The latest record of each dossier.
        public var dossiers: [String: [String: String]] = [:]
        /// The last record's lists per dossier code (TaiLieuNop, DanhSachLePhi, DanhSachGiayToKetQua…), each row's fields.
        public var lists: [String: [String: [[String: String]]]] = [:]
        /// Progress rows per dossier, in arrival order, duplicates left out.
        public var progress: [String: [[String: String]]] = [:]
        /// Progress rows that arrived a second time (re-sends after a kill).
        public var duplicateRows = 0
        /// Messages that broke the contract: must stay empty.
        public var problems: [String] = []
        /// Codes whose messages the portal refuses, with its reason.
        public var refusing: [String: String] = [:]
        /// Feed calls answered with the records (a valid session).
        public var feedCalls = 0
        /// The JSON array of dossier records the feed endpoint answers with.
        public var feed = "[]"
        /// When set, the feed endpoint refuses every request with this message (JSON-escaped text).
        public var feedRefusal: String?
    }

    public var recorded: Recorded { lock.withLock { state } }
    public func refuse(_ code: String, reason: String?) { lock.withLock { state.refusing[code] = reason } }
    /// What the feed endpoint answers from now on: a JSON array of §2 dossier records.
    public func offerFeed(_ records: String) { lock.withLock { state.feed = records } }
    public func refuseFeed(_ message: String?) { lock.withLock { state.feedRefusal = message } }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public init() throws {
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let fd = listener
        // Only this thread closes the listener, once accept fails. Were `stop` to close it, the
        // number could be reused by another test's listener before this loop's next accept, and
        // this loop would take (and, its server gone, reset) that test's connections.
        Thread.detachNewThread { [weak self] in
            defer { close(fd) }
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { if errno == EINTR { continue } else { return } }
                guard let self else { close(client); return }
                Thread.detachNewThread { self.serve(client) }
            }
        }
    }

    /// Stops listening: the shutdown wakes the accept loop, which closes the socket.
    public func stop() {
        let first = lock.withLock { () -> Bool in defer { stopped = true }; return !stopped }
        if first { shutdown(listener, Int32(SHUT_RDWR)) }
    }

    // MARK: - HTTP

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        func fill() -> Bool {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return false }
            buffer += chunk[0..<n]
            return true
        }
        var headerEnd: Int?
        while headerEnd == nil {
            if let range = Self.find([13, 10, 13, 10], in: buffer) { headerEnd = range } else if !fill() { return }
        }
        let head = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if headers["expect"]?.lowercased() == "100-continue" { send(fd, "HTTP/1.1 100 Continue\r\n\r\n") }
        let length = Int(headers["content-length"] ?? "") ?? -1
        let bodyStart = headerEnd! + 4
        if length < 0 { note("request without Content-Length") }
        while buffer.count - bodyStart < max(0, length) { if !fill() { return } }
        let body = Array(buffer[bodyStart..<(bodyStart + max(0, length))])
        let path = requestLine.count > 1 ? String(requestLine[1]) : ""
        let number = lock.withLock { () -> Int in state.requests += 1; return state.requests }
        onRequest(number)
        if let fault = fault(number) {
            lock.withLock { state.faultsInjected += 1 }
            switch fault {
            case .fail:
                reply(fd, status: 500, body: "<html><body>500 Internal Server Error</body></html>", type: "text/html")
                return
            case .stall(let seconds):
                Thread.sleep(forTimeInterval: seconds)
                return
            case .drop:
                return
            case .badSession:
                lock.withLock { sessions.removeAll() }
            }
        }
        guard requestLine.first == "POST" else { reply(fd, status: 405, body: "{}"); return }
        let answer = lock.withLock { handle(path: path, headers: headers, body: body) }
        reply(fd, status: answer.status, body: answer.body)
        onAnswered(number)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] && Array(haystack[i..<(i + needle.count)]) == needle {
            return i
        }
        return nil
    }

    private func reply(_ fd: Int32, status: Int, body: String, type: String = "application/json") {
        let bytes = Array(body.utf8)
        send(fd, "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Error")\r\nContent-Type: \(type); charset=utf-8\r\n"
             + "Content-Length: \(bytes.count)\r\nConnection: close\r\n\r\n" + body)
    }

    private func send(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    private func note(_ problem: String) { lock.withLock { state.problems.append(problem) } }

    // MARK: - The portal (called under the lock)

    private func handle(path: String, headers: [String: String], body: [UInt8]) -> (status: Int, body: String) {
        guard let json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            state.problems.append("\(path): body is not a JSON object")
            return (400, #"{"error_code":"-1","message":"Dữ liệu không hợp lệ"}"#)
        }
        if headers["dstcode"] != dstcode { state.problems.append("\(path): dstcode header \(headers["dstcode"] ?? "missing")") }
        if !(headers["content-type"] ?? "").hasPrefix("application/json") { state.problems.append("\(path): content-type") }
        switch path {
        case Self.authPath:
            guard json["username"] as? String == username, json["password"] as? String == password else {
                return (200, #"{"error_code":"-1","message":"Sai tên đăng nhập hoặc mật khẩu","session":""}"#)
            }
            let session = UUID().uuidString
            sessions.insert(session)
            state.logins += 1
            return (200, #"{"error_code":0,"message":"Đăng nhập thành công","session":"\#(session)"}"#)
        case Self.integrationPath:
            guard let session = json["session"] as? String, sessions.contains(session) else {
                return (200, #"{"error_code":"-1","message":"Phiên đăng nhập (session) không hợp lệ hoặc đã hết hạn"}"#)
            }
            if json["madonvi"] as? String != madonvi { state.problems.append("madonvi \(json["madonvi"] ?? "missing")") }
            switch json["service"] as? String {
            case "DongBoHoSoMC": return dossierCall(json)
            case "CapNhatTienDoHoSoMC": return progressCall(json)
            default:
                state.problems.append("unknown service \(json["service"] ?? "missing")")
                return (200, #"{"error_code":"-1","message":"Dịch vụ không tồn tại"}"#)
            }
        case Self.feedPath:
            guard let session = json["session"] as? String, sessions.contains(session) else {
                return (200, #"{"error_code":"-1","message":"Phiên đăng nhập (session) không hợp lệ hoặc đã hết hạn"}"#)
            }
            if json["madonvi"] as? String != madonvi { state.problems.append("feed: madonvi \(json["madonvi"] ?? "missing")") }
            if json["service"] as? String != Self.feedService { state.problems.append("feed: service \(json["service"] ?? "missing")") }
            if let reason = state.feedRefusal { return (200, #"{"error_code":"-1","message":"\#(reason)"}"#) }
            state.feedCalls += 1
            return (200, #"{"error_code":0,"message":"Lấy danh sách hồ sơ thành công","data":\#(state.feed)}"#)
        default:
            state.problems.append("unknown path \(path)")
            return (404, "{}")
        }
    }

    static let dossierKeys: Set<String> = [
        "MaHoSo", "MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc", "KenhThucHien", "SoGiayToChuHoSo", "ChuHoSo", "LoaiDoiTuong",
        "MaDoiTuong", "ThongTinKhac", "Email", "Fax", "SoDienThoai", "TrichYeuHoSo", "NgayTiepNhan", "NgayHenTra", "TrangThaiHoSo",
        "NgayTra", "ThongTinTra", "HinhThuc", "NgayKetThucXuLy", "DonViXuLy", "NgayNopHoSo",
        "TaiLieuNop", "DanhSachLePhi", "DanhSachTepDinhKemKhac", "DanhSachHoSoBoSung", "DanhSachGiayToKetQua",
        "HoSoCoThanhPhanSoHoa", "DuocThanhToanTrucTuyen",
    ]
    /// The fields of each list's rows (interop.md §2; TH's 2024–25 additions to TaiLieuNop and the result).
    static let listKeys: [String: Set<String>] = [
        "TaiLieuNop": ["TepDinhKemId", "TenTepDinhKem", "IsDeleted", "MaThanhPhanHoSo", "DuongDanTaiTepTin",
                       "DuocSoHoa", "DuocTaiSuDung", "DuocLayTuKhoDMQG", "MaKetQuaThayThe"],
        "DanhSachLePhi": ["TenPhiLePhi", "MaPhiLePhi", "HinhThucThu", "Gia", "LoaiPhiLePhi"],
        "DanhSachGiayToKetQua": ["TenGiayTo", "MaThanhPhanHoSo", "GiayToId", "DuongDanTepTinKetQua", "MaGiayToKetQua"],
        "DanhSachTepDinhKemKhac": [], "DanhSachHoSoBoSung": [],
    ]
    static let dossierDates: Set<String> = ["NgayTiepNhan", "NgayHenTra", "NgayTra", "NgayKetThucXuLy", "NgayNopHoSo"]
    static let progressKeys: Set<String> = [
        "MaHoSo", "NguoiXuLy", "ChucDanh", "ThoiDiemXuLy", "PhongBanXuLy", "NoiDungXuLy", "TrangThai", "NgayBatDau", "NgayKetThucTheoQuyDinh",
    ]
    static let codes = Set((1...10).map(String.init))

    /// The scalar fields as strings (every scalar of these messages is a string), noting any that is not.
    private func strings(_ object: [String: Any], allowed: Set<String>, what: String) -> [String: String] {
        var result: [String: String] = [:]
        for key in Set(object.keys).subtracting(allowed) { state.problems.append("\(what): unexpected field \(key)") }
        for key in allowed.subtracting(object.keys) { state.problems.append("\(what): missing field \(key)") }
        for (key, value) in object where allowed.contains(key) {
            if let text = value as? String { result[key] = text } else if !(value is [Any]) {
                state.problems.append("\(what): \(key) is not a string")
            }
        }
        return result
    }

    private func checkDate(_ text: String?, _ what: String, required: Bool) {
        guard let text else { return }
        if text.isEmpty { if required { state.problems.append("\(what) empty") }; return }
        if PortalTime.parse(text) == nil { state.problems.append("\(what) '\(text)' is not yyyyMMddHHmmss") }
    }

    private func dossierCall(_ json: [String: Any]) -> (status: Int, body: String) {
        guard let updating = json["isUpdating"] as? String, updating == "True" || updating == "False" else {
            state.problems.append("isUpdating missing or not \"True\"/\"False\"")
            return (200, #"{"error_code":"-1","message":"isUpdating"}"#)
        }
        guard let data = json["data"] as? [[String: Any]], data.count == 1 else {
            state.problems.append("DongBoHoSoMC data is not one record")
            return (200, #"{"error_code":"-1","message":"data"}"#)
        }
        let record = strings(data[0], allowed: Self.dossierKeys, what: "DongBoHoSoMC")
        let code = record["MaHoSo"] ?? ""
        for key in Self.dossierDates { checkDate(record[key], "\(code) \(key)", required: key == "NgayTiepNhan") }
        if !Self.codes.contains(record["TrangThaiHoSo"] ?? "") { state.problems.append("\(code) TrangThaiHoSo '\(record["TrangThaiHoSo"] ?? "")'") }
        if !["1", "2", "3"].contains(record["KenhThucHien"] ?? "") { state.problems.append("\(code) KenhThucHien") }
        if !["0", "1"].contains(record["HinhThuc"] ?? "") { state.problems.append("\(code) HinhThuc") }
        if code.isEmpty || (record["MaTTHC"] ?? "").isEmpty { state.problems.append("MaHoSo/MaTTHC empty") }
        for flag in ["HoSoCoThanhPhanSoHoa", "DuocThanhToanTrucTuyen"] where !["0", "1"].contains(record[flag] ?? "") {
            state.problems.append("\(code) \(flag) '\(record[flag] ?? "")'")
        }
        var lists: [String: [[String: String]]] = [:]
        for (list, keys) in Self.listKeys {
            guard let rows = data[0][list] as? [[String: Any]] else { state.problems.append("\(code) \(list) is not a list of objects"); continue }
            lists[list] = rows.map { strings($0, allowed: keys, what: "\(code) \(list)") }
        }
        for row in lists["TaiLieuNop"] ?? [] {
            if !["0", "1"].contains(row["DuocSoHoa"] ?? "") { state.problems.append("\(code) DuocSoHoa '\(row["DuocSoHoa"] ?? "")'") }
            if !["0", "1", "2"].contains(row["DuocTaiSuDung"] ?? "") { state.problems.append("\(code) DuocTaiSuDung '\(row["DuocTaiSuDung"] ?? "")'") }
        }
        for row in lists["DanhSachLePhi"] ?? [] where Int(row["Gia"] ?? "").map({ $0 <= 0 }) ?? true {
            state.problems.append("\(code) DanhSachLePhi Gia '\(row["Gia"] ?? "")' is not a positive amount")
        }
        if let reason = state.refusing[code] { return (200, #"{"error_code":"-1","message":"\#(reason)"}"#) }
        if updating == "False" {
            if state.dossiers[code] != nil { return (200, #"{"error_code":"3","message":"Hồ sơ \#(code) đã tồn tại trên hệ thống"}"#) }
            state.creates += 1
        } else {
            guard state.dossiers[code] != nil else {
                state.problems.append("\(code): update of a dossier the portal does not have")
                return (200, #"{"error_code":"-1","message":"Hồ sơ không tồn tại"}"#)
            }
            state.updates += 1
        }
        state.dossiers[code] = record
        state.lists[code] = lists
        // Numbers for this service, strings for the other: real adapters send both.
        return (200, #"{"error_code":0,"message":"Đồng bộ hồ sơ thành công"}"#)
    }

    private func progressCall(_ json: [String: Any]) -> (status: Int, body: String) {
        guard let data = json["data"] as? [[String: Any]], !data.isEmpty else {
            state.problems.append("CapNhatTienDoHoSoMC without rows")
            return (200, #"{"error_code":"-1","message":"data"}"#)
        }
        for object in data {
            let row = strings(object, allowed: Self.progressKeys, what: "CapNhatTienDoHoSoMC")
            let code = row["MaHoSo"] ?? ""
            checkDate(row["ThoiDiemXuLy"], "\(code) ThoiDiemXuLy", required: true)
            checkDate(row["NgayKetThucTheoQuyDinh"], "\(code) NgayKetThucTheoQuyDinh", required: false)
            if !Self.codes.contains(row["TrangThai"] ?? "") { state.problems.append("\(code) progress TrangThai '\(row["TrangThai"] ?? "")'") }
            if let reason = state.refusing[code] { return (200, #"{"error_code":"-1","message":"\#(reason)"}"#) }
            guard state.dossiers[code] != nil else {
                state.problems.append("\(code): progress before its dossier")
                return (200, #"{"error_code":"-1","message":"Hồ sơ không tồn tại"}"#)
            }
            var rows = state.progress[code] ?? []
            if rows.contains(row) {
                state.duplicateRows += 1
                continue
            }
            if let last = rows.last?["ThoiDiemXuLy"], let this = row["ThoiDiemXuLy"], this < last {
                state.problems.append("\(code): progress out of order (\(this) after \(last))")
            }
            rows.append(row)
            state.progress[code] = rows
        }
        return (200, #"{"error_code":"0","message":"Cập nhật tiến độ thành công"}"#)
    }
}
