import Foundation

extension CSVError {
    /// The error in a language: `description` in English, `第 3 行第 2 列：…` in Chinese.
    public func text(_ language: Language) -> String {
        guard language == .zh else { return description }
        var place = line > 0 ? "第 \(line) 行" : ""
        if let column { place += "第 \(column) 列" }
        return (place.isEmpty ? "CSV 格式错误：" : "CSV 格式错误（\(place)）：") + messageZh
    }

    /// The message without the location, in Chinese.
    var messageZh: String {
        switch kind {
        case .unterminatedQuote: return "从第 \(line) 行开始的引号直到文件末尾都没有闭合"
        case .unexpectedQuote: return "未加引号的栏位中出现引号（请给整个栏位加引号，并把其中的引号写两遍）"
        case .unexpectedCharacterAfterQuote(let byte): return "闭合引号后出现意外的字符 \(CSVError.describeZh(byte))（应为分隔符或换行）"
        case .invalidUTF8(let offset): return "栏位不是有效的 UTF-8 文字（栏位内第 \(offset) 字节起）"
        case .fieldTooLong(let limit): return "栏位超过 \(limit) 字节的上限"
        case .recordTooLong(let limit): return "一行超过 \(limit) 字节的上限"
        case let .fieldCountMismatch(expected, found): return "这一行有 \(found) 个栏位，应为 \(expected) 个"
        case .missingField(let count): return "这一行只有 \(count) 个栏位"
        case .missingColumn(let name): return "表头中没有名为“\(name)”的列"
        case let .duplicateColumn(name, first): return "表头中“\(name)”列出现两次（第 \(first) 列已有）：无法确定取哪一列的值"
        case let .io(code, operation): return "\(operation)：\(String(cString: strerror(code)))（errno \(code)）"
        }
    }

    static func describeZh(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "“\(Character(Unicode.Scalar(byte)))”" }
        switch byte {
        case 0x20: return "空格"
        case 0x09: return "制表符"
        default: return "字节 0x" + String(byte, radix: 16, uppercase: true)
        }
    }
}
