/// Placeholder.
public enum ConsoleUIVersion { public static let name = "ConsoleUI" }
