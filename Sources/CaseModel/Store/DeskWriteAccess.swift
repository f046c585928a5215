import Foundation
import GRDB

/// Whether this person can change anything on this desk, and if not, why: the answer the
/// console's header shows from its first frame and the command line prints as a note, so being
/// read-only is never discovered after typing a whole complaint (docs/trust-model.md).
public struct DeskWriteAccess: Sendable, Equatable {
    /// One reason the desk is read-only for someone.
    public enum Cause: Sendable, Equatable {
        /// Opened read-only on purpose (`--read-only`, a wall display).
        case requested
        /// The host's read copy of a server desk (docs/server-desk.md, "Reading a server desk"):
        /// the server does not take the desk's commands yet.
        case serverReplica(address: String)
        /// The desk file cannot be written by this user.
        case fileNotWritable(path: String)
        /// Read as an immutable snapshot: the directory holds no -wal/-shm files and cannot take
        /// them, so what others change later is not seen.
        case snapshot(directory: String)
        /// The login is not on the roster.
        case notOnRoster(name: String)
        /// The login is disabled on the roster.
        case disabled(name: String)
        /// Nobody is on the roster yet.
        case emptyRoster
        /// The role only reads (an auditor).
        case roleReadsOnly(Role)
    }

    /// Every reason, in the order found; empty when the person can write.
    public let causes: [Cause]
    /// The file's mode bits, owner and group, for the message about a file that is not writable.
    public let mode: Int?
    public let owner: String?
    public let group: String?

    /// Whether nothing stands in the way of writing.
    public var isWritable: Bool { causes.isEmpty }

    /// The same with one more cause first (the console opened with `--read-only`).
    public func adding(_ cause: Cause) -> DeskWriteAccess {
        DeskWriteAccess(causes: [cause] + causes.filter { $0 != cause }, mode: mode, owner: owner, group: group)
    }

    /// One line for the header or a note: `只读：…；…`, or nil when writable.
    public func text(_ language: Language) -> String? {
        guard !causes.isEmpty else { return nil }
        let zh = language == .zh
        return (zh ? "只读：" : "read-only: ") + causes.map { describe($0, language) }.joined(separator: zh ? "；" : "; ")
    }

    func describe(_ c: Cause, _ language: Language) -> String {
        let zh = language == .zh
        let modeText = mode.map { String($0, radix: 8) } ?? "?"
        let who = [owner.map { zh ? "属主 \($0)" : "owner \($0)" }, group.map { zh ? "组 \($0)" : "group \($0)" }].compactMap { $0 }
        let detail = (zh ? "权限 " : "mode ") + ([modeText] + who).joined(separator: zh ? "，" : ", ")
        switch c {
        case .requested: return zh ? "按要求只读打开（--read-only）" : "opened read-only on purpose (--read-only)"
        case .serverReplica(let address): return zh ? "\(address) 是服务器上的台：本控制台未持有台的密钥（CONSOLE_DESK_KEY），只能查看" : "\(address) is a server desk: this console holds no desk key (CONSOLE_DESK_KEY), so it only reads"
        case .fileNotWritable(let path): return zh ? "\(path) 对您不可写（\(detail)）" : "\(path) is not writable for you (\(detail))"
        case .snapshot(let dir):
            return zh ? "只读快照：\(dir) 不可写，无法与其他控制台同步，别人之后的修改不会显示"
                      : "a snapshot: \(dir) is not writable, so changes others make later are not shown"
        case .notOnRoster(let name): return zh ? "\(name) 不在人员名单上" : "\(name) is not on the roster"
        case .disabled(let name): return zh ? "\(name) 在人员名单上已停用" : "\(name) is disabled on the roster"
        case .emptyRoster: return zh ? "人员名单为空" : "the roster is empty"
        case .roleReadsOnly(let role): return zh ? "\(role.zh)只能查看" : "a \(role.en) only reads"
        }
    }
}

extension CaseStore {
    /// Why the file is read-only for this process, if it is, with its mode, owner and group.
    public func fileWriteAccess() -> DeskWriteAccess {
        let file = fileMode()
        var st = stat()
        let owner = stat(path, &st) == 0 ? getpwuid(st.st_uid).map { String(cString: $0.pointee.pw_name) } : nil
        return DeskWriteAccess(causes: readOnlyCauses, mode: file.mode == 0 ? nil : file.mode, owner: owner, group: file.group)
    }
}

extension CaseDesk {
    /// Why this desk is read-only for `actor`, if it is: the file (as opened), then the roster.
    public func writeAccess(actor: Actor) throws -> DeskWriteAccess {
        let file = store.fileWriteAccess()
        var causes = file.causes
        let standing = try store.read { db in try AccessControl.standing(of: actor.name, db) }
        switch standing {
        case .active(let role):
            // Every permission that changes something, on either track.
            let writes = Permission.allCases.filter { ![.readCases, .readAlerts, .readCrisis, .readPenalties, .readFigures, .readReports,
                                                        .readRoster, .readAudit, .verifyAudit, .seeReports, .export, .exportUnmasked].contains($0) }
            if !writes.contains(where: { Permissions.allows(role, $0) || Permissions.allows(role, $0, track: .report) }) {
                causes.append(.roleReadsOnly(role))
            }
        case .disabled: causes.append(.disabled(name: actor.name))
        case .unknown: causes.append(.notOnRoster(name: actor.name))
        case .emptyRoster: causes.append(.emptyRoster)
        }
        return DeskWriteAccess(causes: causes, mode: file.mode, owner: file.owner, group: file.group)
    }
}
