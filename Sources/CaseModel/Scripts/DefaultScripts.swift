/// The scripts shipped with the console, as the files a desk would write, so `console config
/// write-defaults` can put them out for editing and a desk's file of the same id and language
/// replaces one (docs/scripts.md).
///
/// Written for a holiday complaint desk from the crisis procedure for bancassurance (prepared
/// wording at the outlet, for the media and for the regulator: no promises the desk cannot
/// keep, one voice, facts only) and the situations the desk meets every hour. Chinese is the
/// desk's language; each script has an English version for customers who ask for one.
public enum DefaultScripts {
    /// Every shipped file: `(name, text)`, Chinese first.
    public static func files() -> [(name: String, text: String)] {
        DefaultScriptsZh.files + DefaultScriptsEn.files
    }

    /// The shipped files parsed (a failure here is a bug in this file; a test parses them all).
    static func parsed() throws -> [ReplyScript] {
        try files().map { try ScriptFileParser.parse($0.text, file: "shipped/" + $0.name, shipped: true) }
    }
}
