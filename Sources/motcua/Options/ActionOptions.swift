import ArgumentParser
import MotCuaCore
import MotCuaStore

/// What every action on a dossier shares: the code, the store, the write options, and the output.
struct ActionOptions: ParsableArguments {
    @Argument(help: "Mã hồ sơ.") var code: String
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions
    @OptionGroup var write: WriteOptions

    func perform(_ command: DossierCommand) throws {
        let context = try StoreContext.open(store)
        let commit = try context.store.perform(command, on: code, expectedVersion: write.expectVersion,
                                               actor: context.actor, op: write.op, now: context.now)
        guard let d = context.store.summary(code: commit.code) else { return }
        if output.json {
            Console.json(.object([
                ("code", .string(d.code)), ("version", .int(Int64(commit.version))), ("seq", .int(commit.seq)),
                ("replayed", .bool(commit.replayed)), ("state", .string(d.state.rawValue)), ("due", .string(d.due.iso8601)),
                ("holder", DossierJSON.holder(d.holder, catalogue: context.store.catalogue)),
            ]))
        } else {
            let note = commit.replayed ? " (thao tác đã được ghi trước đó, không ghi thêm)" : ""
            print("Hồ sơ \(d.code): \(command.action.vietnamese) — đã lưu\(note). Trạng thái: \(d.state.vietnamese); hẹn trả \(d.due.vietnameseShort)")
        }
    }
}
