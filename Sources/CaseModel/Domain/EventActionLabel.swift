/// What each timeline event's action is called (`intake` → 受理), for a reader in either language.
public enum EventActionLabel {
    /// The action in words; an action this program does not know is shown as its code.
    public static func label(_ action: String, _ language: Language) -> String {
        if let a = WorkflowAction(rawValue: action) { return a.label(language) }
        guard let pair = words[action] else { return action }
        return language == .zh ? pair.0 : pair.1
    }

    private static let words: [String: (String, String)] = [
        "intake": ("受理", "taken in"), "assign": ("分派", "assigned"), "unassign": ("取消分派", "unassigned"),
        "link-repeat": ("关联重复投诉", "linked as a repeat"), "repeat-complaint": ("重复投诉", "repeat complaint"),
        "reveal": ("查看个人信息", "personal data revealed"), "import": ("导入", "imported"), "import-update": ("导入更新", "updated by import"),
        "raise-severity": ("提高严重度", "severity raised"), "lower-severity": ("降低严重度", "severity lowered"),
        "mark-valid": ("认定有效投诉", "marked valid"), "mark-invalid": ("认定无效投诉", "marked invalid"),
        "crisis": ("并入危机事件", "joined a crisis event"), "crisis-propose": ("提议危机事件", "crisis proposed"),
        "crisis-declare": ("启动危机事件", "crisis declared"), "crisis-dismiss": ("排除危机事件", "crisis dismissed"),
        "crisis-report": ("危机事件报送", "crisis report"), "crisis-close": ("结束危机事件", "crisis closed"),
        "crisis-archive": ("归档危机事件", "crisis archived"), "ack-alert": ("确认告警", "alert acknowledged"),
        "purge": ("清除个人信息", "purged"), "demo": ("演示数据", "demo data"),
    ]
}
