import ArgumentParser

/// `--format table|csv|json`, for the supervisors' lists and reports.
struct FormatOption: ParsableArguments {
    @Option(help: "Định dạng: table, csv, json.") var format: OutputFormat = .table
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}
