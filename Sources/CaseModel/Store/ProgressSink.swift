/// Told how far long work has got — `done` units so far and, when known, the share finished
/// (0...1) — by imports, exports, the demo, recomputes and backups, for the command line's
/// progress line (docs/bulk-data.md, "Progress"). Called often (per row); the receiver decides
/// when to draw, so it must be cheap.
public typealias ProgressSink = (_ done: Int, _ fraction: Double?) -> Void
