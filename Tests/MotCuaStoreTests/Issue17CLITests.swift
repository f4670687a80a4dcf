import Foundation
import Testing
@testable import MotCuaCore

/// Issue 17's command-line frictions (#2 parser messages and help),
/// through the real binary.
@Suite("Issue 17 command line", .serialized)
struct Issue17CLITests {
    @Test func theParsersOwnComplaintsAreInVietnameseAndExitTwo() throws {
        let cases: [([String], String)] = [
            (["list", "--state", "xml"], "không hợp lệ"),
            (["print", "receipt", "X", "--format", "xml"], "Giá trị 'xml' không hợp lệ cho '--format"),
            (["list", "--bogus"], "Không có tùy chọn '--bogus'"),
            (["list", "thừa"], "Thừa đối số 'thừa'"),
            (["show"], "Thiếu đối số bắt buộc"),
            (["list", "--limit"], "Thiếu giá trị cho '--limit"),
            (["list", "--limit", "abc"], "Giá trị 'abc' không hợp lệ"),
        ]
        for (args, expected) in cases {
            let result = try motcua(args, environment: ["MOTCUA_DATA": "/nonexistent-motcua"])
            #expect(result.status == 2, "\(args): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(expected), "\(args): \(result.stderr)")
            for english in ["Error:", "Usage:", "is invalid", "Unknown option", "Unexpected argument", "Missing", "for more information"] {
                #expect(!result.stderr.contains(english), "\(args): \(result.stderr)")
            }
        }
        let state = try motcua(["list", "--state", "xml"], environment: ["MOTCUA_DATA": "/nonexistent-motcua"])
        #expect(state.stderr.contains("received, in-progress, awaiting-supplement, suspended, result-ready, returned, refused, withdrawn"),
                "\(state.stderr)")
        let help = try motcua(["list", "--help"])
        #expect(help.status == 0 && help.stdout.contains("received, in-progress") && help.stdout.contains("withdrawn"), "\(help.stdout)")
        #expect(help.stdout.contains("TÙY CHỌN:") && help.stdout.contains("CÁCH DÙNG:"), "\(help.stdout)")
        for english in ["OPTIONS:", "USAGE:", "OVERVIEW:", "Show help information"] { #expect(!help.stdout.contains(english), "\(help.stdout)") }
    }
}
