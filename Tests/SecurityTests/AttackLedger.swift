import Foundation
import XCTest

/// The classes of attack the suite tries: the rows of SECURITY.md's table.
enum AttackClass: String, CaseIterable, Sendable {
    /// Report cases (举报件) stay hidden: no read, count, share, id gap or error wording reveals them.
    case hidden = "hidden"
    /// A role's rules hold: every write is checked against the permission table.
    case permission = "permission"
    /// The acting person is the kernel's login, never the environment.
    case identity = "identity"
    /// The audit trail catches rewriting, truncation, re-chaining and edited rows.
    case audit = "audit"
    /// Masked personal data cannot be searched around or read from the trail.
    case masking = "masking"
    /// Out-of-range numbers, dates and files are refused; nothing crashes on data.
    case bounds = "bounds"
    /// Text from the database or a file is made harmless on a terminal; CSV formulas neutralised.
    case terminal = "terminal"
    /// Files: read commands create nothing; the shared desk keeps users away from the file.
    case files = "files"
}

/// What one attempt came to.
enum Verdict: Sendable, Equatable {
    /// The product held: refused, or answered as if the hidden thing did not exist.
    case held
    /// Something a role may not know reached it.
    case leaked(String)
    /// A rule was broken (a write that should have been refused, tampering not caught).
    case broke(String)
    /// The program died.
    case crashed(String)

    /// `.held` when `ok`, else the given failure.
    static func held(if ok: Bool, else failure: @autoclosure () -> Verdict) -> Verdict { ok ? .held : failure() }

    var outcome: String {
        switch self {
        case .held: "held"
        case .leaked: "leaked"
        case .broke: "failed"
        case .crashed: "crashed"
        }
    }
}

/// Records every attempt: an XCTest failure for anything but `.held`, and one TSV line per
/// attempt in `$ATTACK_LEDGER` when it is set (`scripts/security-figures` sums them into SECURITY.md).
enum AttackLedger {
    private static let lock = NSLock()

    static func record(_ cls: AttackClass, _ name: String, _ verdict: Verdict) {
        guard let path = ProcessInfo.processInfo.environment["ATTACK_LEDGER"], !path.isEmpty else { return }
        let clean = name.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
        let line = "\(cls.rawValue)\t\(verdict.outcome)\t\(clean)\n"
        lock.lock(); defer { lock.unlock() }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { return }
        _ = line.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }
}

extension XCTestCase {
    /// One attack: `body` tries it and says what happened. An error thrown by `body` counts as a
    /// failed attempt (the attack could not even be judged), a crash of the binary as crashed.
    @discardableResult
    func attempt(_ cls: AttackClass, _ name: String, file: StaticString = #filePath, line: UInt = #line,
                 _ body: () throws -> Verdict) -> Verdict {
        let verdict: Verdict
        do { verdict = try body() } catch { verdict = .broke("the attempt itself failed: \(error)") }
        AttackLedger.record(cls, name, verdict)
        switch verdict {
        case .held: break
        case let .leaked(why): XCTFail("[\(cls.rawValue)] \(name): LEAKED: \(why)", file: file, line: line)
        case let .broke(why): XCTFail("[\(cls.rawValue)] \(name): FAILED: \(why)", file: file, line: line)
        case let .crashed(why): XCTFail("[\(cls.rawValue)] \(name): CRASHED: \(why)", file: file, line: line)
        }
        return verdict
    }
}
