import Foundation

/// Who is at the keyboard: the password database's name for the process's real user id, asked
/// of the kernel and never of the environment (docs/trust-model.md, "Who is acting").
enum OSLogin {
    /// Resolved once, at the first use.
    static let resolved: Result<String, CommandFailure> = resolve(uid: getuid())

    /// The login, or the console ends with the refusal (exit 6).
    static var name: String {
        switch resolved {
        case let .success(name): return name
        case let .failure(refusal): Foundation.exit(ConsoleCommand.fail(refusal.message, code: refusal.code))
        }
    }

    /// The passwd name of `uid`. The real id, not the effective one: a setgid console's user is
    /// still the person who ran it. `$USER` and `$LOGNAME` are set by whoever starts the process,
    /// so a uid without an entry is refused rather than named after them.
    static func resolve(uid: uid_t) -> Result<String, CommandFailure> {
        var size = sysconf(Int32(_SC_GETPW_R_SIZE_MAX))
        if size <= 0 { size = 16_384 }
        while size <= 1 << 20 {
            var buffer = [CChar](repeating: 0, count: size)
            var entry = passwd()
            var found: UnsafeMutablePointer<passwd>?
            let rc = getpwuid_r(uid, &entry, &buffer, buffer.count, &found)
            if rc == ERANGE { size *= 2; continue }
            if rc == 0, found != nil, let name = entry.pw_name {
                let text = String(cString: name)
                if !text.isEmpty { return .success(text) }
            }
            break
        }
        return .failure(CommandFailure("""
            your user id \(uid) has no entry in the password database, and the console acts only under a login name \
            (it never takes one from $USER or $LOGNAME); ask the system administrator to create an account for this id
            """, "你的用户 id \(uid) 在系统账户库里没有条目，而本程序只以登录名操作（从不取 $USER 或 $LOGNAME）；请系统管理员为此 id 建立账户", code: 6))
    }
}
