import ArgumentParser
import MotCuaCore
import MotCuaProvince

/// `motcua province …`: what the province's database holds (Docs/PROVINCE.md). Reads only the
/// database, no store: the provincial centre's server may have none.
struct ProvinceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "province",
        abstract: "Cơ sở dữ liệu tỉnh: kiểm tra các trung tâm đã sao chép.",
        subcommands: [Check.self, Centres.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Kiểm tra bằng SQL nhật ký từng trung tâm: đủ seq 1…N, không trùng, chuỗi băm liền.",
            discussion: """
            Một dòng mỗi trung tâm: số dòng, seq lớn nhất, số chỗ đứt chuỗi băm. Mã thoát 0 khi mọi trung tâm đều đúng, \
            1 khi có trung tâm sai hoặc máy chủ lỗi, 2 địa chỉ sai. --json in [{"agency","name","lastSeq","events",\
            "maxSeq","breaks","headMatches","ok"}].
            """)

        @OptionGroup var postgres: PostgresOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            let checks: [CentreCheck]
            do {
                let database = try ProvinceDatabase.open(try postgres.address())
                defer { database.close() }
                checks = try ProvinceReader(database: database).check()
            } catch {
                throw error.cliError
            }
            if output.json {
                Console.json(.array(checks.map(\.json)))
            } else {
                for c in checks {
                    print("\(c.ok ? "ĐÚNG" : "SAI ")  \(c.agency)  \(DisplayText.sanitize(c.name)): \(c.events) dòng, seq lớn nhất \(c.maxSeq), "
                          + "đã ghi đến \(c.lastSeq), \(c.breaks) chỗ đứt\(c.headMatches ? "" : ", mã băm cuối không khớp")")
                }
                if checks.isEmpty { print("Chưa có trung tâm nào trong cơ sở dữ liệu") }
            }
            if checks.contains(where: { !$0.ok }) { throw ExitCode(1) }
        }
    }

    struct Centres: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "centres",
            abstract: "Các trung tâm đã sao chép, với số hồ sơ dựng lại từ cơ sở dữ liệu (cùng cách kho tự dựng).",
            discussion: """
            Mỗi trung tâm: hồ sơ được dựng lại từ các dòng nhật ký trong PostgreSQL bằng đúng bộ giải mã và phép gộp \
            của kho (đường đọc mà bảng điểm tỉnh dùng). --json in [{"agency","name","lastSeq","dossiers","open"}].
            """)

        @OptionGroup var postgres: PostgresOption
        @OptionGroup var output: OutputOptions

        func run() throws {
            var rows: [JSONText] = []
            do {
                let database = try ProvinceDatabase.open(try postgres.address())
                defer { database.close() }
                let reader = ProvinceReader(database: database)
                for centre in try reader.centres() {
                    let dossiers = try reader.dossiers(agency: centre.agency)
                    let open = dossiers.filter { !$0.summary.state.isClosed }.count
                    if output.json {
                        rows.append(.object([("agency", .string(centre.agency)), ("name", .string(centre.name)), ("lastSeq", .int(centre.lastSeq)),
                                             ("dossiers", .int(Int64(dossiers.count))), ("open", .int(Int64(open)))]))
                    } else {
                        print("\(centre.agency)  \(DisplayText.sanitize(centre.name)): \(dossiers.count) hồ sơ, \(open) đang giải quyết, đến seq \(centre.lastSeq)")
                    }
                }
            } catch {
                throw error.cliError
            }
            if output.json { Console.json(.array(rows)) }
        }
    }
}
