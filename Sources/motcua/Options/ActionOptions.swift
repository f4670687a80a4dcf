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
            Console.json(DossierJSON.action(commit, d, catalogue: context.store.catalogue))
        } else {
            print(DossierText.action(command.action, commit, d), terminator: "")
        }
    }
}
