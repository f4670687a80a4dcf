import ArgumentParser

struct JSONFlag: ParsableArguments {
    @Flag(name: .long, help: "In một tài liệu JSON trên stdout.")
    var json = false
}
