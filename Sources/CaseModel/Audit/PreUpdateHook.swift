import Foundation
import GRDBSQLite

/// libsqlite3's pre-update functions, found at run time: the system header declares them only
/// for builds with SQLITE_ENABLE_PREUPDATE_HOOK, so Swift cannot see them at compile time.
struct PreUpdateHook: @unchecked Sendable {
    typealias Callback = @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int64, Int64) -> Void
    typealias Install = @convention(c) (OpaquePointer?, Callback?, UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?
    typealias Value = @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Int32
    typealias Count = @convention(c) (OpaquePointer?) -> Int32

    let install: Install
    let old: Value
    let new: Value
    let count: Count

    /// The functions of the libsqlite3 this process uses, or nil when it has none.
    static let shared: PreUpdateHook? = {
        guard let handle = dlopen(nil, RTLD_NOW),
              let i = dlsym(handle, "sqlite3_preupdate_hook"), let o = dlsym(handle, "sqlite3_preupdate_old"),
              let n = dlsym(handle, "sqlite3_preupdate_new"), let c = dlsym(handle, "sqlite3_preupdate_count") else { return nil }
        return PreUpdateHook(install: unsafeBitCast(i, to: Install.self), old: unsafeBitCast(o, to: Value.self),
                             new: unsafeBitCast(n, to: Value.self), count: unsafeBitCast(c, to: Count.self))
    }()

    /// The row's old or new column values.
    func values(_ conn: OpaquePointer, _ n: Int, old useOld: Bool) -> [AuditValue] {
        var out: [AuditValue] = []
        out.reserveCapacity(n)
        let read = useOld ? old : new
        for i in 0..<n {
            var v: OpaquePointer?
            if read(conn, Int32(i), &v) == SQLITE_OK, let v { out.append(AuditValue.read(v)) } else { out.append(.null) }
        }
        return out
    }
}
