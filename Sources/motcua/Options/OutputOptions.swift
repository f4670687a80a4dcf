import ArgumentParser

/// `--json`: one JSON document on stdout instead of text.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "In một tài liệu JSON trên stdout.")
    var json = false
}
