#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A growable column of plain values (no references), with value semantics like `Array`, whose
/// buffer can also be pages of a mapped file: the dossier table's columns. A column mapped from
/// the history image (`HistoryImage`) is one contiguous range of addresses, the image's pages
/// first (`MAP_PRIVATE`: shared with every process that maps them, until a process writes one,
/// which then gets its own copy of that page only) and anonymous pages after them for the rows
/// appended since, so every scan still reads one buffer.
struct Column<Element>: RandomAccessCollection, MutableCollection {
    private var storage: ColumnStorage<Element>

    init() {
        precondition(_isPOD(Element.self), "a column holds plain values only")
        storage = ColumnStorage()
    }

    init<S: Sequence>(_ values: S) where S.Element == Element {
        self.init()
        append(contentsOf: values)
    }

    /// A column over `count` values of a mapped image (`region`, with room for `capacity`).
    init(region: MappedRegion, count: Int, capacity: Int) {
        precondition(_isPOD(Element.self), "a column holds plain values only")
        storage = ColumnStorage(region: region, count: count, capacity: capacity)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { storage.count }
    var count: Int { storage.count }

    subscript(index: Int) -> Element {
        get {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: storage.count), "column index out of range")
            return storage.base.unsafelyUnwrapped[index]
        }
        set {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: storage.count), "column index out of range")
            makeUnique(capacity: storage.capacity)
            storage.base.unsafelyUnwrapped[index] = newValue
        }
    }

    /// Whether the values are (still partly) pages of a mapped image.
    var isMapped: Bool { storage.region != nil }

    mutating func append(_ value: Element) {
        let n = storage.count
        if n == storage.capacity || !isKnownUniquelyReferenced(&storage) {
            makeUnique(capacity: n == storage.capacity ? Swift.max(16, n * 2) : storage.capacity)
        }
        (storage.base.unsafelyUnwrapped + n).initialize(to: value)
        storage.count = n + 1
    }

    mutating func append<S: Sequence>(contentsOf values: S) where S.Element == Element {
        reserveForAppending(values.underestimatedCount)
        for value in values { append(value) }
    }

    mutating func append(contentsOf values: UnsafeBufferPointer<Element>) {
        guard let source = values.baseAddress, !values.isEmpty else { return }
        let n = storage.count
        reserveForAppending(values.count)
        (storage.base.unsafelyUnwrapped + n).update(from: source, count: values.count)
        storage.count = n + values.count
    }

    /// Room for `more` values, growing geometrically (as `Array`'s appends do) when it must grow.
    private mutating func reserveForAppending(_ more: Int) {
        let n = storage.count + more
        reserveCapacity(n > storage.capacity ? Swift.max(n, storage.capacity * 2) : n)
    }

    mutating func append(contentsOf values: [Element]) {
        values.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    mutating func append(contentsOf values: ArraySlice<Element>) {
        values.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    /// Room for `n` values, exactly (as `Array`'s): a rows file's loader says how many come.
    mutating func reserveCapacity(_ n: Int) {
        if n > storage.capacity {
            makeUnique(capacity: n)
        } else if !isKnownUniquelyReferenced(&storage) {
            makeUnique(capacity: storage.capacity)
        }
    }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    mutating func withUnsafeMutableBufferPointer<R>(_ body: (inout UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        makeUnique(capacity: storage.capacity)
        var buffer = UnsafeMutableBufferPointer(start: storage.base, count: storage.count)
        return try body(&buffer)
    }

    /// The bytes of the values, for writing the image.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBufferPointer { try body(UnsafeRawBufferPointer($0)) }
    }

    /// Gives back the mapped pages that hold only values of `range` (a check reading an image
    /// once: its pages would otherwise add up to the whole image). Unwritten pages of a private
    /// file mapping are read again from the file if used again; written ones must not be given.
    func releaseMappedPages(_ range: Range<Int>) {
        guard let region = storage.region, let base = storage.base, !range.isEmpty else { return }
        let stride = MemoryLayout<Element>.stride, page = MappedRegion.pageSize
        let first = Int(bitPattern: base) + range.lowerBound * stride, last = Int(bitPattern: base) + range.upperBound * stride
        let start = (first + page - 1) / page * page, end = Swift.min(last / page * page, Int(bitPattern: region.start) + region.bytes)
        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, Int32(MADV_DONTNEED)) }
    }

    /// Makes the storage this column's own with room for `capacity`: a shared buffer is copied (as
    /// `Array` does), a mapped one is only copied when it must grow past its reserved addresses.
    private mutating func makeUnique(capacity: Int) {
        let unique = isKnownUniquelyReferenced(&storage)
        if unique && capacity <= storage.capacity { return }
        if unique && storage.region == nil {
            storage.grow(to: capacity)
            return
        }
        storage = storage.copy(capacity: Swift.max(capacity, storage.count))
    }
}

extension Column: @unchecked Sendable where Element: Sendable {}

extension Column: ExpressibleByArrayLiteral {
    init(arrayLiteral values: Element...) { self.init(values) }
}

extension Column: Equatable where Element: Equatable {
    static func == (a: Column, b: Column) -> Bool { a.elementsEqual(b) }
}

/// A column's buffer: `malloc`ed, or a mapped region it unmaps when released.
final class ColumnStorage<Element> {
    var base: UnsafeMutablePointer<Element>?
    var count = 0
    var capacity = 0
    let region: MappedRegion?

    init() { region = nil }

    init(region: MappedRegion, count: Int, capacity: Int) {
        self.region = region
        base = region.start.bindMemory(to: Element.self, capacity: capacity)
        self.count = count
        self.capacity = capacity
    }

    /// Only for a `malloc`ed buffer.
    func grow(to newCapacity: Int) {
        let bytes = Swift.max(1, newCapacity * MemoryLayout<Element>.stride)
        guard let raw = realloc(base.map(UnsafeMutableRawPointer.init), bytes) else { fatalError("out of memory for a column") }
        base = raw.bindMemory(to: Element.self, capacity: newCapacity)
        capacity = newCapacity
    }

    func copy(capacity: Int) -> ColumnStorage {
        let copy = ColumnStorage()
        copy.grow(to: capacity)
        if let base, count > 0 { copy.base.unsafelyUnwrapped.update(from: base, count: count) }
        copy.count = count
        return copy
    }

    deinit {
        if region == nil { free(base) }
    }
}

/// A range of addresses reserved for a column: the image file's pages mapped at its start, the
/// rest anonymous memory committed only as it is written.
final class MappedRegion: @unchecked Sendable {
    let start: UnsafeMutableRawPointer
    let bytes: Int

    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Reserves `reserve` bytes and maps `fileBytes` of `fd` from `offset` (page aligned) over the start.
    init?(fd: Int32, offset: Int, fileBytes: Int, reserve: Int) {
        let page = Self.pageSize
        let total = (Swift.max(reserve, fileBytes, 1) + page - 1) / page * page
        guard let area = mmap(nil, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0),
              area != MAP_FAILED else { return nil }
        if fileBytes > 0 {
            let mapped = (fileBytes + page - 1) / page * page
            guard offset % page == 0,
                  let file = mmap(area, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, off_t(offset)),
                  file == area else {
                munmap(area, total)
                return nil
            }
        }
        start = area
        bytes = total
    }

    deinit { munmap(start, bytes) }
}
