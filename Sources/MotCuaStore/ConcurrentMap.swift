import Dispatch

/// Runs `body` for the parts `0..<count` at once on the machine's cores (one part: on this thread)
/// and returns their results in order. For parts that only read what they share and write nothing
/// but their own result, as the callers' are: hence unchecked.
func concurrentMap<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    guard count > 1 else { return (0..<count).map(body) }
    return withoutActuallyEscaping(body) { body in
        let results = UnsafeMutablePointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil, count: count)
        defer {
            results.deinitialize(count: count)
            results.deallocate()
        }
        DispatchQueue.concurrentPerform(iterations: count, execute: ConcurrentParts(body: body, results: results).run)
        return (0..<count).map { results[$0]! }
    }
}

private struct ConcurrentParts<T>: @unchecked Sendable {
    let body: (Int) -> T
    let results: UnsafeMutablePointer<T?>

    func run(_ part: Int) { results[part] = body(part) }
}
