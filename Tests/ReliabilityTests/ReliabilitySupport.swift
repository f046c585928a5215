import ConsoleTestSupport

/// The instant the reliability tests stand at.
let testNow = Fixture.nowText
