import ArgumentParser
import MotCuaCore
import MotCuaDesk
import MotCuaStore

/// What every action on a dossier shares: the code, the store, the write options, and the output.
struct ActionOptions: ParsableArguments {
    @Argument(help: "Mã hồ sơ.") var code: String
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions
    @OptionGroup var write: WriteOptions

    func perform(_ command: DossierCommand) throws {
        let context = try StoreContext.open(store)
        let done = try context.desk.perform(command, on: code, expectedVersion: write.expectVersion, op: write.op, now: context.now)
        if output.json {
            Console.json(DossierJSON.action(done.commit, done.summary, catalogue: context.store.catalogue))
        } else {
            print(DossierText.action(command.action, done.commit, done.summary), terminator: "")
        }
    }
}
