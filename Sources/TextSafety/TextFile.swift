import Foundation

/// Reads the desk's own text files (policy, calendars, mappings, key maps, themes) as strict UTF-8.
///
/// Foundation's decoding gives nothing back for a file with one bad byte, and a loader that then
/// falls back to its defaults drops the user's settings without a word. Every such file is read
/// here instead: a byte that is not UTF-8 is refused with the file, line and column
/// (docs/input-bounds.md).
public enum TextFile {
    /// A file that cannot be used as text.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var file: String
        /// 1-based line of the problem (0: the file as a whole).
        public var line: Int
        public var message: String
        public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
    }

    /// The file's text, or nil when there is no file at `path`. Throws `Failure` for a file that
    /// exists but cannot be read or is not UTF-8.
    public static func read(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(file: path, line: 0, message: "cannot be read (\(String(cString: strerror(errno))))")
        }
        return try decode(data, file: path)
    }

    /// Decodes bytes as strict UTF-8, naming the first bad byte's line and column.
    public static func decode(_ data: Data, file: String) throws -> String {
        let bytes = [UInt8](data)
        if let bad = firstInvalidByte(bytes) {
            throw Failure(file: file, line: bad.line,
                          message: "not UTF-8 text: byte 0x\(String(bad.byte, radix: 16, uppercase: true)) at column \(bad.column); save the file as UTF-8")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first byte that does not belong to a valid UTF-8 sequence, with its 1-based line and
    /// column (in bytes), or nil for valid UTF-8.
    public static func firstInvalidByte(_ bytes: [UInt8]) -> (line: Int, column: Int, byte: UInt8)? {
        var line = 1, lineStart = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A { line += 1; lineStart = i + 1 }
                i += 1
                continue
            }
            let need: Int, lowest: UInt32
            switch b {
            case 0xC2...0xDF: need = 1; lowest = 0x80
            case 0xE0...0xEF: need = 2; lowest = 0x800
            case 0xF0...0xF4: need = 3; lowest = 0x10000
            default: return (line, i - lineStart + 1, b)
            }
            guard i + need < bytes.count else { return (line, i - lineStart + 1, b) }
            var scalar = UInt32(b) & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07)
            for k in 1...need {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return (line, i - lineStart + 1, b) }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            // Overlong forms, surrogates and values past U+10FFFF are not UTF-8 either.
            guard scalar >= lowest, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return (line, i - lineStart + 1, b) }
            i += need + 1
        }
        return nil
    }
}
