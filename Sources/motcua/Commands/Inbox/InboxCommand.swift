import ArgumentParser

struct InboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox", abstract: "Hồ sơ nộp trực tuyến chờ tiếp nhận (từ Cổng dịch vụ công).",
        discussion: "Danh sách chờ tiếp nhận: motcua list --state submitted; tiếp nhận: motcua accept MÃ; "
            + "từ chối: motcua refuse MÃ --reason … [--guidance …].",
        subcommands: [Import.self])
}
