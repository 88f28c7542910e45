//! The date written into a PDF. Builds are reproducible: the date comes from
//! `SOURCE_DATE_EPOCH` when it is set, otherwise from the newest input file,
//! never from the clock.

use std::path::Path;
use std::time::UNIX_EPOCH;

use crate::diag::Diagnostic;

/// A moment in UTC, in whole seconds since 1970.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp(pub i64);

impl Stamp {
    /// Reads `SOURCE_DATE_EPOCH` as given (`None` when unset or empty).
    pub fn from_env_value(value: Option<&str>) -> Result<Option<Stamp>, Diagnostic> {
        match value.map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => v.parse::<i64>().ok().filter(|s| (0..253_402_300_800).contains(s)).map(|s| Some(Stamp(s))).ok_or_else(|| {
                Diagnostic::error(format!("SOURCE_DATE_EPOCH is `{v}`, not a number of seconds since 1970"))
                    .hint("set it to a Unix time such as `1767225600`, or unset it")
            }),
        }
    }

    /// `SOURCE_DATE_EPOCH` from the environment, if set.
    pub fn from_env() -> Result<Option<Stamp>, Diagnostic> {
        Self::from_env_value(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
    }

    /// The clock's moment.
    pub fn now() -> Stamp {
        let since = std::time::SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        Stamp(since.as_secs() as i64)
    }

    /// The day as `YYYY-MM-DD`.
    pub fn day(self) -> String {
        let (y, mo, d, ..) = self.civil();
        format!("{y:04}-{mo:02}-{d:02}")
    }

    /// The newest modification time of `files` (those that exist), or 0.
    pub fn newest(files: &[&Path]) -> Stamp {
        let secs = |f: &&Path| {
            let modified = std::fs::metadata(f).and_then(|m| m.modified()).ok()?;
            modified.duration_since(UNIX_EPOCH).ok().map(|d| d.as_secs() as i64)
        };
        Stamp(files.iter().filter_map(secs).max().unwrap_or(0))
    }

    /// Year, month, day, hour, minute, second.
    fn civil(self) -> (i64, u32, u32, u32, u32, u32) {
        let days = self.0.div_euclid(86_400);
        let rest = self.0.rem_euclid(86_400) as u32;
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        (year, month, day, rest / 3600, rest / 60 % 60, rest % 60)
    }

    /// As a PDF date string: `D:20260101120000Z`.
    pub fn pdf(self) -> String {
        let (y, mo, d, h, mi, s) = self.civil();
        format!("D:{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z")
    }

    /// As a gettext header date: `2026-01-01 12:00+0000`.
    pub fn po(self) -> String {
        let (y, mo, d, h, mi, _) = self.civil();
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}+0000")
    }

    /// As an XMP (ISO 8601) date: `2026-01-01T12:00:00Z`.
    pub fn xmp(self) -> String {
        let (y, mo, d, h, mi, s) = self.civil();
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_formatted_in_utc() {
        assert_eq!(Stamp(0).pdf(), "D:19700101000000Z");
        assert_eq!(Stamp(1_767_225_600).xmp(), "2026-01-01T00:00:00Z");
        assert_eq!(Stamp(951_825_599).xmp(), "2000-02-29T11:59:59Z");
        assert_eq!(Stamp(1_709_251_199).pdf(), "D:20240229235959Z");
        assert_eq!(Stamp(1_709_251_199).po(), "2024-02-29 23:59+0000");
    }

    #[test]
    fn source_date_epoch_is_read_or_refused() {
        assert_eq!(Stamp::from_env_value(None).unwrap(), None);
        assert_eq!(Stamp::from_env_value(Some(" ")).unwrap(), None);
        assert_eq!(Stamp::from_env_value(Some("1767225600")).unwrap(), Some(Stamp(1_767_225_600)));
        let err = Stamp::from_env_value(Some("yesterday")).unwrap_err();
        assert!(err.message.contains("`yesterday`"), "{}", err.message);
    }
}
