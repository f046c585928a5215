import Foundation

/// `chaos festival`: the 10-day Spring Festival soak (see FestivalSoak).
enum Festival {
    static func run(_ a: ChaosArgs) -> Int32 {
        print("festival: not yet")
        return 2
    }
}
