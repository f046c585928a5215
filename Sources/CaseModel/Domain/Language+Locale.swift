extension Language {
    /// The language a person's locale asks for: Chinese when `LC_ALL`, else `LC_MESSAGES`, else
    /// `LANG` starts with `zh`, English otherwise (the console and the command line choose alike).
    public static func fromLocale(_ environment: [String: String]) -> Language {
        let locale = [environment["LC_ALL"], environment["LC_MESSAGES"], environment["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        return locale.lowercased().hasPrefix("zh") ? .zh : .en
    }

    /// `zh` or `en` as typed after `--lang` (case and surrounding spaces ignored), or nil.
    public static func parse(flag text: String) -> Language? {
        Language(rawValue: text.trimmed.lowercased())
    }
}
