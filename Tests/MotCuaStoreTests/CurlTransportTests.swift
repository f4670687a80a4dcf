import Foundation
import Testing
import MotCuaSync
import MotCuaTestSupport

/// The portal's HTTP (libcurl loaded on first use) against the test server on 127.0.0.1: what
/// comes back, what is refused before anything is sent, and how a silent or absent server reads.
@Suite("HTTP transport")
struct CurlTransportTests {
    let json = [("Content-Type", "application/json"), ("dstcode", "VN:GOV:000.00.00.G22:vpcpdvcqg")]

    @Test func aLargeBodyIsPostedAndTheAnswerReadInFull() throws {
        let server = try PortalTestServer()
        defer { server.stop() }
        // 200 KB: past curl's 1 KB threshold for "Expect: 100-continue", which is not sent.
        let body = Array(#"{"username":"x","password":"\#(String(repeating: "a", count: 200_000))"}"#.utf8)
        let answer = try CurlTransport().post(server.baseURL + PortalTestServer.authPath, headers: json, body: body, timeout: 5)
        #expect(answer.status == 200)
        #expect(String(decoding: answer.body, as: UTF8.self).contains("Sai tên đăng nhập"))
        #expect(server.recorded.requests == 1 && server.recorded.problems.isEmpty, "\(server.recorded.problems)")
    }

    @Test func aSilentServerTimesOutAndAnAbsentOneIsNotReached() throws {
        let server = try PortalTestServer()
        // The stall far longer than the timeout: on a loaded machine (the whole suite at once) a
        // 3 s stall once ended, and the server hung up, before curl's 0.5 s timeout was seen.
        server.fault = { _ in .stall(10) }
        let started = Date()
        #expect {
            try CurlTransport().post(server.baseURL + PortalTestServer.authPath, headers: json, body: Array("{}".utf8), timeout: 0.5)
        } throws: { ($0 as? TransportError)?.description.hasPrefix("hết thời gian chờ") == true }
        #expect(Date().timeIntervalSince(started) < 8)
        let url = server.baseURL + PortalTestServer.authPath
        server.stop()
        #expect {
            try CurlTransport().post(url, headers: json, body: Array("{}".utf8), timeout: 2)
        } throws: { ($0 as? TransportError)?.description.hasPrefix("không kết nối được (curl 7") == true }
    }

    @Test func whatCouldSmuggleARequestIsRefusedBeforeSending() throws {
        let server = try PortalTestServer()
        defer { server.stop() }
        let transport = CurlTransport()
        for (url, headers) in [(server.baseURL + "/api/auth", [("dstcode", "x\r\nX-Injected: 1")]),
                               ("file:///etc/passwd", json), ("gopher://127.0.0.1:\(server.port)/", json),
                               (server.baseURL + "/api/auth x", json)] {
            #expect(throws: TransportError.self) { try transport.post(url, headers: headers, body: [], timeout: 2) }
        }
        #expect(server.recorded.requests == 0)
    }
}
