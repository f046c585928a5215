import Foundation

/// The calendar files shipped with the product, as text, so the console can write them out for
/// a desk to edit (a user file with the same name then replaces the shipped one).
public enum DefaultCalendarFiles {
    /// The shipped files, in load order: `business.cal`, `duty.cal`, `24x7.cal`.
    public static func files() -> [CalendarSourceFile] {
        [
            CalendarSourceFile(name: "business.cal", text: business),
            CalendarSourceFile(name: "duty.cal", text: duty),
            CalendarSourceFile(name: "24x7.cal", text: twentyFourSeven),
        ]
    }

    /// The text of one shipped file by name (`business.cal`), or nil.
    public static func text(named name: String) -> String? {
        files().first { $0.name == name }?.text
    }

    /// The format summary every shipped file starts with, so an edited copy explains itself.
    static let formatHeader = """
        # Calendar file for the complaint duty console.
        #
        # One statement per line; '#' starts a comment. Statements:
        #   calendar NAME                      the calendar the following lines belong to
        #   timezone ZONE                      IANA zone, e.g. Asia/Shanghai
        #   weekly DAYS PERIOD...              working periods for weekdays (DAYS: mon-fri, sat,
        #                                      mon,wed,fri, all); 'weekly sat-sun off' = rest days
        #   covers YEAR... | FROM-TO | all     years whose holidays below are complete; other
        #                                      years are unknown and their deadlines provisional
        #   holiday DATE[..DATE] [LABEL]       rest day(s)
        #   workday DATE[..DATE] [PERIOD...] [LABEL]
        #                                      make-up working day (调休), on a normal weekday's
        #                                      hours unless periods are given
        #   hours DATE[..DATE] PERIOD... [LABEL]
        #                                      a day with its own hours (shortened day, duty hours)
        # PERIOD is HH:MM-HH:MM (24:00 allowed as an end); DATE is YYYY-MM-DD.
        # Files naming the same calendar merge: to add a year, drop in a file with
        # 'calendar business', 'covers 2027' and that year's holiday/workday lines.
        # Naming one date two different ways is an error. A file in the user directory with
        # the same file name as a shipped one replaces it; its 'weekly' lines replace the
        # weekly pattern, and its dated lines override the shipped ones date by date.

        """

    /// Business hours (investigation, approval, closing, callback clocks) with China's official
    /// holidays and make-up days for 2025 and 2026 (State Council notices; docs/clocks-and-calendars.md,
    /// "Holidays and make-up days").
    public static let business = formatHeader + """
        calendar business
        timezone Asia/Shanghai
        weekly mon-fri 08:30-12:00 13:30-17:30
        covers 2025 2026

        # 2025
        holiday 2025-01-01 元旦
        holiday 2025-01-28..2025-02-04 春节
        workday 2025-01-26 春节调休
        workday 2025-02-08 春节调休
        holiday 2025-04-04..2025-04-06 清明节
        holiday 2025-05-01..2025-05-05 劳动节
        workday 2025-04-27 劳动节调休
        holiday 2025-05-31..2025-06-02 端午节
        holiday 2025-10-01..2025-10-08 国庆节、中秋节
        workday 2025-09-28 国庆节调休
        workday 2025-10-11 国庆节调休

        # 2026
        holiday 2026-01-01..2026-01-03 元旦
        workday 2026-01-04 元旦调休
        holiday 2026-02-15..2026-02-23 春节
        workday 2026-02-14 春节调休
        workday 2026-02-28 春节调休
        holiday 2026-04-04..2026-04-06 清明节
        holiday 2026-05-01..2026-05-05 劳动节
        workday 2026-05-09 劳动节调休
        holiday 2026-06-19..2026-06-21 端午节
        holiday 2026-09-25..2026-09-27 中秋节
        holiday 2026-10-01..2026-10-07 国庆节
        workday 2026-09-20 国庆节调休
        workday 2026-10-10 国庆节调休

        # 2027: the State Council notice is not out yet, so 2027 is unknown. Add it by dropping in
        # a file with 'calendar business', 'covers 2027' and its holiday/workday lines.

        """

    /// The holiday duty desk's staffed hours (first-contact clock): every day, holidays included.
    public static let duty = formatHeader + """
        calendar duty
        timezone Asia/Shanghai
        weekly all 08:00-20:00
        covers all

        # A shorter day on the duty desk, e.g. New Year's Eve 2026 (uncomment to use):
        # hours 2026-02-16 08:00-16:00 除夕

        """

    /// Plain hours, all day every day (progress-note clock).
    public static let twentyFourSeven = formatHeader + """
        calendar 24x7
        timezone Asia/Shanghai
        weekly all 00:00-24:00
        covers all

        """
}
