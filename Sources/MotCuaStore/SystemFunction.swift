#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Calls a C library function that Swift's Glibc module leaves out (its header is not in the
/// module map: `statfs` of <sys/vfs.h>, `malloc_trim` of <malloc.h>), looked up by name in the
/// running program. Nil when the function is not there.
func callSystemFunction<Function, Result>(_ name: String, as type: Function.Type, _ body: (Function) -> Result) -> Result? {
    guard let program = dlopen(nil, RTLD_NOW) else { return nil }
    defer { dlclose(program) }
    guard let symbol = dlsym(program, name) else { return nil }
    return body(unsafeBitCast(symbol, to: type))
}
