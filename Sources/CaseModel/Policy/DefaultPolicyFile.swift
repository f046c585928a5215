/// The shipped policy file: the defaults of docs/severity.md, docs/clocks-and-calendars.md,
/// docs/crisis.md, docs/alerts.md and docs/penalties.md. `console config write-defaults` writes it out
/// for a desk to edit; the copy in the config directory then replaces it.
public enum DefaultPolicyFile {
    /// The file's text.
    public static let text = """
    # Complaint desk policy: deadlines, thresholds and the calendars clocks count on.
    # Company policy, not law (only the 15/30/60-day decision rule is national), so a desk
    # may change any number here without a rebuild. `console recompute` refreshes stored due
    # times after an edit. Format: [section] headers, `key = value` lines, `#` comments.
    #
    # Allowances: "2 working hours", "90 working minutes", "3 working days", "15 days"
    # (calendar days, deferred to the next working day), "same day", or "set" (the due time
    # is set per case by a superior: an approved extension's promised time).
    # Columns: general (urgent and general cases), major (crisis and major), special (kind special).

    [policy]
    version = 2026.1
    # Share of a stage's allowance after which its clock warns.
    warning = 75%
    # A new complaint on the same phone, ID or policy number within this many days of the
    # earlier case closing is proposed as a repeat.
    repeat-window = 30
    # Years a closed case is kept (from its last change) before `console purge` may remove its
    # personal data; the audit trail itself is never removed.
    retention-years = 3
    # From this repeat count on, the case must be handled the same day (end of today's duty hours).
    same-day-repeat = 3
    same-day-calendar = duty

    [severity]
    # Potential loss in yuan at or above which a case is major.
    major-loss = 20000
    urgent-repeat = 2
    major-repeat = 3

    [crisis]
    # A crisis event is proposed when a case has this many people (群体性事件), or a regulator,
    # government or media is involved, or a burst of similar complaints (same branch and line) arrives.
    people = 5
    mass-incident = 50
    burst-count = 5
    burst-window = 60 minutes
    # Reports: the branch to its superior within 1 hour, the province to HQ within 24 hours (plain hours).
    superior-report = 1 hour
    hq-report = 24 hours
    # Warn when a report is due within this long.
    report-warning = 15 minutes

    [alerts]
    # An open case with no handler this long while the desk is on duty.
    unassigned = 15 minutes
    # A stage overdue this long with no reminder 催办 recorded.
    reminder-grace = 30 minutes
    # A handler with more than this many times the on-duty average of open cases (and at least min-load).
    load-factor = 2
    min-load = 10
    # Valid complaints above this share of a branch's claim reports in a month (seed 002 art. 12).
    branch-valid-rate = 5%

    [alert-levels]
    # The level each rule raises: info, warning, critical, or off (the rule raises nothing).
    # crisis and crisis-report-overdue take two: proposed event / declared event.
    # A critical alert is announced (bell or flash, per user) once; info never needs action.
    stage-warning = warning
    stage-breach = critical
    no-reminder = warning
    unassigned = warning
    # A second complaint and a new major case are notices: the case's own clocks say when to act.
    repeat-2 = info
    repeat-3 = critical
    new-major = info
    crisis = warning / critical
    mass-incident = critical
    crisis-report-due = warning
    crisis-report-overdue = warning / critical
    branch-valid-rate = warning
    handler-load = info

    [alert-views]
    # What each role's alert pane shows before anyone filters: `all`, or rules (rule/stage for
    # one stage's clock). `own:` keeps to the reader's own cases (and alerts about no case).
    # Every other alert stays one filter away. A lead's view leaves out no-reminder and repeat-3:
    # each is the same case as a breach (of its stage, or of its same-day clock) already shown.
    operator = unassigned, stage-warning/first-contact, stage-breach/first-contact, crisis, mass-incident
    handler = own: stage-warning, stage-breach, repeat-3, crisis, mass-incident
    team-lead = stage-breach, unassigned, crisis, mass-incident, crisis-report-due, crisis-report-overdue, handler-load, branch-valid-rate
    crisis-group = crisis, mass-incident, crisis-report-due, crisis-report-overdue
    presidents-office = own: stage-warning, stage-breach, repeat-3, crisis, mass-incident, crisis-report-overdue
    auditor = branch-valid-rate, mass-incident, crisis-report-overdue
    administrator = all

    [move-all]
    # Moving an absent handler's cases: cases overdue or due within this long are dealt
    # round-robin first (one each before anyone gets a second), then the rest balances the load.
    urgent-within = 4 hours

    [teams]
    # The teams that handle each category (comma-separated): move-all prefers a receiver in the
    # category's team, then one in the case's own team, before anyone else on duty.
    claims = 理赔组
    sales = 销售服务组
    service = 销售服务组

    [penalties]
    # Yuan, by case (docs/penalties.md). direct = the responsible employee, lead = their lead; 0 = reminder only.
    first-direct = 0
    second-direct = 50
    second-lead = 0
    third-direct = 100
    third-lead = 50
    regulator-local = 100
    regulator-national = 200
    media = 200
    online = 200
    pr-cost-share = 10%

    [stage first-contact]
    # The desk answers during the holiday: first contact runs on the duty calendar.
    calendar = duty
    general = 2 working hours
    major = 1 working hour
    special = 1 working hour

    [stage progress-note]
    # Plain hours: a progress note within 12 hours (warning), 24 at the latest (breach).
    calendar = 24x7
    general = 24 working hours
    major = 24 working hours
    special = 24 working hours
    warning-at = 12 working hours

    [stage investigation]
    calendar = business
    general = 3 working days
    major = 5 working days
    special = set

    [stage approval]
    calendar = business
    general = 1 working day
    major = 2 working days
    special = set

    [stage closing]
    calendar = business
    general = 2 working days
    major = 2 working days
    special = set

    [stage callback]
    calendar = business
    general = 2 working days
    major = 2 working days
    special = 2 working days

    [stage decision]
    # National rule (CBIRC Order 2020 No. 3, art. 19): decision told within 15 days; complex
    # cases 30; a further extension to 60 in all needs the superior office's approval.
    calendar = business
    general = 15 days
    major = 15 days
    special = 15 days
    extension-limit = 60 days
    """
}
