import Foundation

/// Splits a script of SQL statements at the semicolons that end them: not those inside a quoted
/// string or identifier, a dollar-quoted body (`$$ … $$`, a function's) or a comment. The server's
/// extended protocol, which postgres-nio speaks, takes one statement at a time.
enum StatementSplitter {
    static func split(_ script: String) -> [String] {
        let s = Array(script.unicodeScalars)
        var out: [String] = []
        var current = String.UnicodeScalarView()
        var i = 0
        func flush() {
            let text = String(current).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty && !text.split(separator: "\n").allSatisfy({ $0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }) {
                out.append(text)
            }
            current = String.UnicodeScalarView()
        }
        while i < s.count {
            let c = s[i]
            if c == "-" && i + 1 < s.count && s[i + 1] == "-" {
                while i < s.count && s[i] != "\n" { current.append(s[i]); i += 1 }
                continue
            }
            if c == "'" || c == "\"" {
                current.append(c); i += 1
                while i < s.count {
                    current.append(s[i])
                    if s[i] == c { if i + 1 < s.count && s[i + 1] == c { i += 1; current.append(s[i]) } else { i += 1; break } }
                    i += 1
                }
                continue
            }
            if c == "$" {
                // A dollar-quote tag: $$ or $tag$.
                var j = i + 1
                while j < s.count && (s[j].properties.isAlphabetic || s[j] == "_") { j += 1 }
                if j < s.count && s[j] == "$" {
                    let tag = Array(s[i...j])
                    current.append(contentsOf: tag)
                    i = j + 1
                    while i < s.count {
                        if s[i] == "$" && i + tag.count <= s.count && Array(s[i..<(i + tag.count)]) == tag {
                            current.append(contentsOf: tag)
                            i += tag.count
                            break
                        }
                        current.append(s[i]); i += 1
                    }
                    continue
                }
            }
            if c == ";" { flush(); i += 1; continue }
            current.append(c); i += 1
        }
        flush()
        return out
    }
}
