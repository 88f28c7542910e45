//! Meetings: a date and times as written in a brochure, checked, and the
//! date written out with a language's month and weekday names.

use std::fmt;

/// A calendar day (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, from 1.
    pub day: u32,
}

impl Date {
    /// Reads `YYYY-MM-DD`; `None` when it is not a real day.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i32 = parts.next().filter(|p| p.len() == 4)?.parse().ok()?;
        let month: u32 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
        let day: u32 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
        let date = Date { year, month, day };
        ((1..=12).contains(&month) && day >= 1 && day <= date.days_in_month()).then_some(date)
    }

    fn days_in_month(self) -> u32 {
        let leap = (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0;
        match self.month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn unix_days(self) -> i64 {
        // Howard Hinnant's days-from-civil algorithm.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> usize {
        // Sakamoto's method gives 0 = Sunday.
        const OFFSETS: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let y = if self.month < 3 { self.year - 1 } else { self.year };
        let sunday_based = (y + y / 4 - y / 100 + y / 400 + OFFSETS[self.month as usize - 1] + self.day as i32).rem_euclid(7);
        ((sunday_based + 6) % 7) as usize
    }

    /// The date written with `pattern`, whose `{weekday}`, `{day}`,
    /// `{month}` and `{year}` are replaced; `months` has 12 names from
    /// January, `weekdays` 7 from Monday.
    pub fn format(self, pattern: &str, months: &[String], weekdays: &[String]) -> String {
        let name = |names: &[String], i: usize| names.get(i).cloned().unwrap_or_default();
        pattern
            .replace("{weekday}", &name(weekdays, self.weekday()))
            .replace("{day}", &self.day.to_string())
            .replace("{month}", &name(months, self.month as usize - 1))
            .replace("{year}", &self.year.to_string())
    }
}

/// A time of day, 24 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time {
    /// Hour, 0 to 23.
    pub hour: u32,
    /// Minute, 0 to 59.
    pub minute: u32,
}

impl Time {
    /// Reads `HH:MM` (or `H:MM`); `None` when it is not a time of day.
    pub fn parse(text: &str) -> Option<Time> {
        let (h, m) = text.trim().split_once(':')?;
        let (hour, minute) = (h.parse().ok()?, m.parse().ok()?);
        (m.len() == 2 && hour < 24 && minute < 60).then_some(Time { hour, minute })
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// A meeting with checked date and times.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The day.
    pub date: Date,
    /// Start.
    pub start: Time,
    /// End, if announced.
    pub end: Option<Time>,
    /// Translation key of the venue.
    pub venue: String,
    /// Translation keys of the organisers.
    pub organisers: Vec<String>,
}

/// Events are announced in Türkiye's time, UTC+03:00 all year.
const LOCAL_OFFSET_SECONDS: i64 = 3 * 3600;

impl Event {
    /// When the event is over, in seconds since 1970 (UTC): its end, or its
    /// start when no end is announced, in Türkiye's time.
    pub fn over_at(&self) -> i64 {
        let last = self.end.unwrap_or(self.start);
        self.date.unix_days() * 86_400 + i64::from(last.hour * 3600 + last.minute * 60) - LOCAL_OFFSET_SECONDS
    }

    /// The start as an ISO 8601 date and time in Türkiye's offset, as
    /// HTML's `<time datetime>` wants it: `2026-05-14T14:00+03:00`.
    pub fn iso_start(&self) -> String {
        let (d, t) = (self.date, self.start);
        format!("{:04}-{:02}-{:02}T{:02}:{:02}+03:00", d.year, d.month, d.day, t.hour, t.minute)
    }

    /// Start and end as printed: `14:00–16:30`, or just the start.
    pub fn hours(&self) -> String {
        match self.end {
            Some(end) => format!("{}–{end}", self.start),
            None => self.start.to_string(),
        }
    }
}

/// Translation keys every event needs: labels, then the calendar names.
pub const EVENT_LABELS: [&str; 4] = ["event.date", "event.time", "event.venue", "event.organisers"];
/// Translation key of the date pattern, e.g. `{day} {month} {year}, {weekday}`.
pub const DATE_FORMAT: &str = "event.date_format";
/// Translation key of the 12 month names.
pub const MONTHS: &str = "event.months";
/// Translation key of the 7 weekday names, Monday first.
pub const WEEKDAYS: &str = "event.weekdays";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert_eq!(Date::parse("2026-07-30"), Some(Date { year: 2026, month: 7, day: 30 }));
        for bad in ["2026-02-29", "2026-13-01", "30.07.2026", "2026-7-30", "2026-04-31", ""] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2028-02-29").is_some(), "leap year");
    }

    #[test]
    fn events_are_over_at_their_end_in_turkish_time() {
        assert_eq!(Date::parse("1970-01-01").unwrap().unix_days(), 0);
        assert_eq!(Date::parse("2026-01-01").unwrap().unix_days(), 20_454);
        assert_eq!(Date::parse("2000-02-29").unwrap().unix_days(), 11_016);
        let mut event = Event { date: Date::parse("2026-01-01").unwrap(), start: Time { hour: 14, minute: 0 }, end: Time::parse("16:30"), venue: String::new(), organisers: vec![] };
        // 16:30 in Türkiye is 13:30 UTC.
        assert_eq!(event.over_at(), 1_767_225_600 + 13 * 3600 + 30 * 60);
        event.end = None;
        assert_eq!(event.over_at(), 1_767_225_600 + 11 * 3600);
    }

    #[test]
    fn weekdays_are_right() {
        // 30 July 2026 (World Day against Trafficking in Persons) is a Thursday,
        // 1 January 2026 a Thursday, 29 February 2000 a Tuesday.
        assert_eq!(Date::parse("2026-07-30").unwrap().weekday(), 3);
        assert_eq!(Date::parse("2026-01-01").unwrap().weekday(), 3);
        assert_eq!(Date::parse("2000-02-29").unwrap().weekday(), 1);
        assert_eq!(Date::parse("2026-03-01").unwrap().weekday(), 6);
    }

    #[test]
    fn dates_are_written_with_the_language_names() {
        let months: Vec<String> = ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"].map(String::from).to_vec();
        let days: Vec<String> = ["Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"].map(String::from).to_vec();
        let date = Date::parse("2026-07-30").unwrap();
        assert_eq!(date.format("{day} {month} {year} {weekday}", &months, &days), "30 Temmuz 2026 Perşembe");
    }

    #[test]
    fn times_are_checked_and_written_with_two_digits() {
        assert_eq!(Time::parse("9:30").map(|t| t.to_string()).as_deref(), Some("09:30"));
        for bad in ["24:00", "14:60", "14.00", "14:5", "two"] {
            assert_eq!(Time::parse(bad), None, "{bad}");
        }
        let event = Event { date: Date::parse("2026-07-30").unwrap(), start: Time { hour: 14, minute: 0 }, end: Time::parse("16:30"), venue: String::new(), organisers: vec![] };
        assert_eq!(event.hours(), "14:00–16:30");
    }
}
