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

extension ActionOptions {
    /// A command whose content needs the open store first (a scan folder to resolve a file in).
    func perform(_ make: (StoreContext) throws -> DossierCommand) throws {
        let context = try StoreContext.open(store)
        let command = try make(context)
        let done = try context.desk.perform(command, on: code, expectedVersion: write.expectVersion, op: write.op, now: context.now)
        show(done, command.action, context)
    }

    /// A return, refused while a fee is unpaid unless confirmed.
    func performReturn(_ method: ReturnMethod, form: ResultForm?, rating: ReturnRating? = nil, allowUnpaid: Bool) throws {
        let context = try StoreContext.open(store)
        let done = try context.desk.returnResult(method, form: form, rating: rating, on: code, allowUnpaid: allowUnpaid,
                                                 expectedVersion: write.expectVersion, op: write.op, now: context.now)
        show(done, .returnResult, context)
    }

    private func show(_ done: Performed, _ action: DossierAction, _ context: StoreContext) {
        if output.json {
            Console.json(DossierJSON.action(done.commit, done.summary, catalogue: context.store.catalogue))
        } else {
            print(DossierText.action(action, done.commit, done.summary), terminator: "")
        }
    }
}
