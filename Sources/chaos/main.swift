import CaseModel
import Foundation

/// `chaos`: the reliability harness (issue 10). Subcommands:
///   many      N writer processes for a fixed time, then the checker (`--writers 8 --seconds 60`)
///   writer    one writer (started by `many`)
///   check     the checker again over a kept run (`--dir`)
///   crash     kill -9 drills on import, bulk reassign and demo (`--runs 50`)
///   festival  the 10-day Spring Festival soak on an accelerated clock
enum ChaosTool {
    /// Prints `message` and exits with status 2 (bad usage).
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("chaos: \(message)\n".utf8))
        exit(2)
    }

    static func main() -> Int32 {
        let args = Array(CommandLine.arguments.dropFirst())
        guard let sub = args.first else {
            print("usage: chaos many|writer|check|crash|festival [--option value ...]")
            return 2
        }
        let a = ChaosArgs(Array(args.dropFirst()))
        switch sub {
        case "many": return ManyWriters.run(a)
        case "writer": return ManyWriters.writer(a)
        case "check": return ManyWriters.check(a)
        case "crash": return CrashDrill.run(a)
        case "festival": return Festival.run(a)
        default: fail("unknown subcommand \(sub)")
        }
    }
}

exit(ChaosTool.main())
