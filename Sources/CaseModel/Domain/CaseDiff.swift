import Foundation

/// The fields that differ between two versions of a case, as `field → "before → after"`,
/// recorded in the event so the timeline shows exactly what changed.
enum CaseDiff {
    static func changes(_ before: ComplaintCase, _ after: ComplaintCase) -> [String: String] {
        let a = flatten(before), b = flatten(after)
        var out: [String: String] = [:]
        for (key, new) in b where key != "version" && key != "updatedAt" && key != "updatedBy" && key != "nextDueAt" {
            let old = a[key] ?? ""
            if old != new { out[key] = "\(old) → \(new)" }
        }
        for (key, old) in a where b[key] == nil && key != "nextDueAt" { out[key] = "\(old) → " }
        return out
    }

    private static func flatten(_ c: ComplaintCase) -> [String: String] {
        var out: [String: String] = [:]
        func visit(_ value: Any, prefix: String) {
            let m = Mirror(reflecting: value)
            if m.displayStyle == .struct, !(value is Instant) {
                for child in m.children { visit(child.value, prefix: prefix.isEmpty ? child.label! : prefix + "." + child.label!) }
                return
            }
            if m.displayStyle == .optional {
                if let inner = m.children.first { visit(inner.value, prefix: prefix) }
                return
            }
            if let i = value as? Instant { out[prefix] = DeskTime.standard.format(i); return }
            if let e = value as? any RawRepresentable<String> { out[prefix] = e.rawValue; return }
            out[prefix] = "\(value)"
        }
        visit(c, prefix: "")
        return out
    }
}
