import CaseModel

/// A refusal as the console says it: every field the desk refused, in the console's language,
/// made safe for the screen (docs/refusals.md).
enum RefusalMessage {
    /// The text of `error` for a reader of `settings`' language.
    static func text(_ error: any Error, _ settings: ConsoleSettings) -> String {
        let text = (error as? DomainError)?.refusals.map { $0.text(settings.language) }.joined(separator: settings.t("；", "; "))
            ?? (error as? StoreError)?.text(settings.language)
            ?? (error as? StoredValueError)?.text(settings.language)
            ?? (error as? ShiftImportErrors)?.text(settings.language)
            ?? (error as? CSVError)?.text(settings.language)
            ?? String(describing: error)
        return SafeText.sanitize(text)
    }
}
