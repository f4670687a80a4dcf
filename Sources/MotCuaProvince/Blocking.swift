import Foundation

/// The CLI and the store are synchronous; postgres-nio is async. The store stays on the
/// caller's thread; only Sendable values cross into the task.
///
/// The task runs on a dispatch queue of its own (a task executor), never on Swift's cooperative
/// pool: a caller that is itself on the pool (a test, a future async face) would otherwise block
/// one of its few threads waiting for work that needs one — on a 2-core machine, a deadlock.
enum Blocking {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: QueueExecutor.shared) {
            do { box.set(.success(try await body())) } catch { box.set(.failure(error)) }
            done.signal()
        }
        done.wait()
        return try box.get()
    }

    private final class ResultBox<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Result<T, Error>?
        func set(_ value: Result<T, Error>) { lock.withLock { result = value } }
        func get() throws -> T { try lock.withLock { result! }.get() }
    }
}

/// Runs tasks' jobs on a concurrent dispatch queue (Dispatch's threads, not the cooperative pool).
final class QueueExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = QueueExecutor()
    private let queue = DispatchQueue(label: "motcua.province", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
