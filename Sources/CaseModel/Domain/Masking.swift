/// Masks personal data for display: `138****1234`, `3301**********1234`.
public enum Masking {
    /// Keeps a prefix and the last four characters, starring the middle.
    public static func mask(_ value: String) -> String {
        let chars = Array(value)
        guard chars.count > 4 else { return String(repeating: "*", count: chars.count) }
        let keepEnd = 4
        let keepStart = chars.count >= 15 ? 4 : (chars.count >= 11 ? 3 : max(0, min(3, chars.count - keepEnd - 2)))
        let hidden = chars.count - keepStart - keepEnd
        return String(chars[0..<keepStart]) + String(repeating: "*", count: hidden) + String(chars[(chars.count - keepEnd)...])
    }

    /// Masks a person's name, keeping the family name: `张**`.
    public static func maskName(_ name: String) -> String {
        let chars = Array(name)
        guard chars.count > 1 else { return name }
        return String(chars[0]) + String(repeating: "*", count: chars.count - 1)
    }
}
