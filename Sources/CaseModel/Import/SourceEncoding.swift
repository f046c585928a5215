import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The character encoding of a source file. Chinese exports often come in GBK/GB18030
/// (GB18030 is a superset of GBK and GB2312, so one decoder reads all three).
public enum SourceEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case gb18030

    /// Parses a mapping file's `encoding` value.
    public static func named(_ text: String) -> SourceEncoding? {
        switch text.trimmed.lowercased() {
        case "utf-8", "utf8": return .utf8
        case "gb18030", "gbk", "gb2312", "cp936": return .gb18030
        default: return nil
        }
    }
}

/// Why bytes are not text in the declared encoding.
public struct EncodingError: Error, Sendable, Equatable {
    /// Offset of the first bad byte within the field.
    public var offset: Int
    /// The bad byte.
    public var byte: UInt8

    /// A message naming the encoding, byte and offset.
    public func message(_ encoding: SourceEncoding) -> String {
        "not valid \(encoding == .utf8 ? "UTF-8" : "GB18030") (byte 0x\(String(byte, radix: 16, uppercase: true)) at offset \(offset) of the field)"
    }
}

/// Decodes fields from a source encoding into Swift strings (and encodes back, for the rejects file).
///
/// ASCII and UTF-8 fields never touch iconv; a GB18030 field goes through one `iconv` call. Not
/// thread-safe (one iconv state per decoder).
public final class TextDecoder {
    public let encoding: SourceEncoding
    private var toUTF8: iconv_t?
    private var fromUTF8: iconv_t?
    private var buffer: [UInt8] = Array(repeating: 0, count: 4096)

    /// A decoder for an encoding.
    public init(_ encoding: SourceEncoding) {
        self.encoding = encoding
    }

    deinit {
        if let toUTF8 { iconv_close(toUTF8) }
        if let fromUTF8 { iconv_close(fromUTF8) }
    }

    /// The text of `bytes`, or where it is not valid in the encoding.
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<String, EncodingError> {
        if let offset = CSVUTF8.firstInvalidOffset(bytes) {
            guard encoding == .gb18030 else { return .failure(EncodingError(offset: offset, byte: bytes[offset])) }
            return transcode(bytes)
        }
        // Valid UTF-8: for GB18030 that means plain ASCII, unless a multibyte sequence happens to
        // look like UTF-8, so only ASCII takes the short cut there.
        if encoding == .utf8 || offsetOfNonASCII(bytes) == nil { return .success(String(decoding: bytes, as: UTF8.self)) }
        return transcode(bytes)
    }

    /// `text` in the source encoding (for writing rejected rows back as the source wrote them).
    public func encode(_ text: String) -> [UInt8] {
        if encoding == .utf8 || text.utf8.allSatisfy({ $0 < 0x80 }) { return Array(text.utf8) }
        return encodeBytes(text)
    }

    private func encodeBytes(_ text: String) -> [UInt8] {
        var input = Array(text.utf8)
        guard let cd = converter(toUTF8: false) else { return input }
        var out: [UInt8] = []
        input.withUnsafeMutableBufferPointer { inp in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inp.baseAddress!).assumingMemoryBound(to: CChar.self)
            var inLeft = inp.count
            while inLeft > 0 {
                let produced: Int = buffer.withUnsafeMutableBufferPointer { buf in
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = buf.count
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    if r == -1 && errno != E2BIG { inLeft = 0 }
                    return buf.count - outLeft
                }
                out.append(contentsOf: buffer[0..<produced])
            }
        }
        return out
    }

    private func offsetOfNonASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        bytes.firstIndex { $0 >= 0x80 }
    }

    private func converter(toUTF8: Bool) -> iconv_t? {
        if toUTF8 {
            if self.toUTF8 == nil { self.toUTF8 = TextDecoder.open(to: "UTF-8", from: "GB18030") }
            return self.toUTF8
        }
        if fromUTF8 == nil { fromUTF8 = TextDecoder.open(to: "GB18030", from: "UTF-8") }
        return fromUTF8
    }

    private static func open(to: String, from: String) -> iconv_t? {
        let cd = iconv_open(to, from)
        // iconv_open signals failure with (iconv_t)-1.
        if cd == nil || UInt(bitPattern: cd) == UInt.max { return nil }
        return cd
    }

    /// GB18030 → UTF-8 through iconv, reporting the first bad byte.
    private func transcode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<String, EncodingError> {
        guard let cd = converter(toUTF8: true), let base = bytes.baseAddress else {
            return .failure(EncodingError(offset: 0, byte: bytes.first ?? 0))
        }
        iconv(cd, nil, nil, nil, nil) // reset the shift state
        if buffer.count < bytes.count * 2 + 16 { buffer = Array(repeating: 0, count: bytes.count * 2 + 16) }
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base).assumingMemoryBound(to: CChar.self)
        var inLeft = bytes.count
        let result: Result<String, EncodingError> = buffer.withUnsafeMutableBufferPointer { buf in
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self)
            var outLeft = buf.count
            let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            if r == -1 || inLeft > 0 {
                let offset = bytes.count - inLeft
                return .failure(EncodingError(offset: offset, byte: offset < bytes.count ? bytes[offset] : 0))
            }
            return .success(String(decoding: UnsafeBufferPointer(start: buf.baseAddress, count: buf.count - outLeft), as: UTF8.self))
        }
        return result
    }
}
