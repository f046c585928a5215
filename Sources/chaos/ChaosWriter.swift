import CaseModel
import Foundation

/// One writer process: for a fixed time, a realistic mix against the shared file — intake,
/// notes and transitions on the hot cases (with the version it read, so races are conflicts),
/// reassignments, small imports and alert acknowledgements — logging what it believed each time.
struct ChaosWriter {
    let worker: Int
    let desk: CaseDesk
    let log: ChaosLog
    let hot: [String]
    let scratch: String
    var rng: DemoRandom

    /// Runs until `seconds` have passed; returns how many operations it attempted.
    mutating func run(seconds: Double) -> Int {
        let evaluator = AlertEvaluator(desk: desk)
        let end = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        var seq = 0
        while DispatchTime.now().uptimeNanoseconds < end {
            seq += 1
            let t0 = DispatchTime.now().uptimeNanoseconds
            var e: ChaosEntry
            let roll = rng.below(100)
            switch roll {
            case 0..<20: e = intake(seq)
            case 20..<60: e = act(seq)
            case 60..<80: e = reassign(seq)
            case 80..<86: e = importSmall(seq)
            default: e = acknowledge(seq, evaluator)
            }
            e.actor = ChaosDesk.lead(worker)
            e.seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            log.append(e)
        }
        return seq
    }

    private var actor: Actor { Actor(name: ChaosDesk.lead(worker)) }

    /// Ends with `#` so that op3 never matches inside op30.
    private func marker(_ seq: Int) -> String { "chaos-w\(worker)-op\(seq)#" }

    private mutating func intake(_ seq: Int) -> ChaosEntry {
        var e = ChaosEntry(worker: worker, seq: seq, op: "intake", marker: marker(seq), outcome: "ok")
        var d = CaseDraft()
        d.summary = "夜间来电 \(marker(seq))"
        d.category = ["claims", "sales", "service", "product"][rng.below(4)]
        d.line = ["auto", "travel", "accident", "health"][rng.below(4)]
        d.channel = "hotline"
        d.branch = ["上海分公司", "江苏分公司", "浙江分公司"][rng.below(3)]
        d.phone = "138\(String(format: "%08d", rng.below(100_000_000)))"
        do {
            let c = try desk.intake(d, actor: actor)
            e.cases = [c.number]; e.versions = [c.version]
        } catch { classify(error, &e) }
        return e
    }

    /// A transition or note on a hot case, based on the version read a moment before: another
    /// writer's commit in between must come back as a conflict naming the case.
    private mutating func act(_ seq: Int) -> ChaosEntry {
        let number = hot[rng.below(hot.count)]
        var e = ChaosEntry(worker: worker, seq: seq, op: "act", cases: [number], marker: marker(seq), outcome: "ok")
        do {
            let (c, _) = try desk.detail(number, actor: actor)
            let action: WorkflowAction
            var input = ActionInput(note: marker(seq))
            switch (c.status, rng.below(3)) {
            case (_, 0): action = .note
            case (.received, _): action = .contact
            case (.contacted, _): action = .startInvestigation
            case (.investigating, _): action = .submit; input.resolution = "拟赔付 \(marker(seq))"
            case (.pendingApproval, _): action = .reject; input.reason = "材料不全"
            default: action = .note
            }
            e.op = "act:\(action.rawValue)"
            if rng.below(4) == 0 { usleep(UInt32(rng.below(2000))) }   // a person's pause widens the race
            let after = try desk.act(number, action, input, actor: actor, expectedVersion: c.version)
            e.versions = [after.version]
        } catch { classify(error, &e) }
        return e
    }

    /// Reassigns one to three hot cases to a handler (a bulk reassign from the queue).
    private mutating func reassign(_ seq: Int) -> ChaosEntry {
        var picked: [String] = []
        for _ in 0..<(1 + rng.below(3)) {
            let n = hot[rng.below(hot.count)]
            if !picked.contains(n) { picked.append(n) }
        }
        let handler = ChaosDesk.handlers[rng.below(ChaosDesk.handlers.count)]
        var e = ChaosEntry(worker: worker, seq: seq, op: "assign", cases: picked, marker: handler, outcome: "ok")
        do {
            let out = try desk.assign(picked, to: handler, actor: actor)
            e.versions = out.map(\.version)
        } catch { classify(error, &e) }
        return e
    }

    /// Imports a small CSV (three rows with refs unique to this operation): all or nothing.
    private mutating func importSmall(_ seq: Int) -> ChaosEntry {
        let refs = (0..<3).map { "\(marker(seq))-r\($0)" }
        var e = ChaosEntry(worker: worker, seq: seq, op: "import", cases: refs, marker: marker(seq), outcome: "ok")
        let path = "\(scratch)/import-w\(worker)-\(seq).csv"
        var csv = "channel,category,line,branch,phone,summary,source_ref\n"
        for r in refs { csv += "hotline,claims,travel,上海分公司,1370000\(String(format: "%04d", rng.below(10000))),热线转入 \(r),\(r)\n" }
        do {
            try csv.write(toFile: path, atomically: true, encoding: .utf8)
            let report = try CaseImporter(desk: desk).run(path: path, actor: actor)
            if report.created != refs.count { e.outcome = "error"; e.message = "created \(report.created) of \(refs.count)" }
        } catch { classify(error, &e) }
        try? FileManager.default.removeItem(atPath: path)
        return e
    }

    /// Runs the alert rules, then acknowledges one unacknowledged alert.
    private mutating func acknowledge(_ seq: Int, _ evaluator: AlertEvaluator) -> ChaosEntry {
        var e = ChaosEntry(worker: worker, seq: seq, op: "ack", marker: marker(seq), outcome: "ok")
        do {
            _ = try evaluator.tick(at: desk.clock.now())
            let open = try DeskAlerts.current(desk, at: desk.clock.now(), limit: 20, unacknowledgedOnly: true, actor: actor)
            guard !open.isEmpty else { e.outcome = "nothing"; return e }
            let alert = open[rng.below(open.count)]
            e.cases = [alert.id]
            let changed = try DeskAlerts.acknowledge(desk, ids: [alert.id], note: marker(seq), actor: actor)
            if changed == 0 { e.outcome = "nothing"; e.message = "already acknowledged by another console" }
        } catch { classify(error, &e) }
        return e
    }

    /// Sorts a refusal: a conflict or busy error is expected under contention; the rest are not.
    private func classify(_ error: Error, _ e: inout ChaosEntry) {
        e.message = "\(error)"
        switch error {
        case DomainError.conflict: e.outcome = "conflict"
        case DomainError.illegalTransition: e.outcome = "illegal"
        case StoreError.busy: e.outcome = "busy"
        default: e.outcome = "error"
        }
    }
}

/// The harness draws from the demo's seedable generator (one generator in the project).
extension DemoRandom {
    /// A number in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}
