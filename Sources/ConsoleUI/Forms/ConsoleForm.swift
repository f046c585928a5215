import CaseModel
import TerminalKit

/// The console's forms: the engine's form widget carrying what the filled form is for.
public typealias Form = TerminalKit.Form<FormPurpose>

extension FormChoice {
    /// The choices of a `Labeled` enum in a language, optionally with a blank "none" first.
    static func of<L: Labeled>(_ type: L.Type, _ language: Language, blank: String? = nil, only: [L]? = nil) -> [FormChoice] {
        (blank.map { [FormChoice("", $0)] } ?? []) + (only ?? Array(L.allCases)).map { FormChoice($0.rawValue, $0.label(language)) }
    }
}
