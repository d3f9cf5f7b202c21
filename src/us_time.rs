//! The live service's US date-time strings (`sStartTime`: `2/19/2024 2:36:37 PM`),
//! kept as sent in responses and read with [`UsDateTime`] when a program needs
//! the parts. The time zone is not stated (the account's or the API's, as set
//! with `setTimezone`), so none is invented.

use std::fmt;
use std::str::FromStr;

use crate::runtime::DateTime;

/// A local date and time in the service's US format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UsDateTime {
    /// Four-digit year.
    pub year: u16,
    /// 1–12.
    pub month: u8,
    /// 1–31 (checked against the month, leap years included).
    pub day: u8,
    /// 0–23.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
    /// 0–59 (0 when the text has no seconds).
    pub second: u8,
}

/// Text that is not `M/D/YYYY h:mm[:ss] AM|PM` (or a 24-hour `H:mm[:ss]`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a US date and time such as 2/19/2024 2:36:37 PM: {0}")]
pub struct InvalidUsDateTime(String);

fn days_in(month: u8, year: u16) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for UsDateTime {
    type Err = InvalidUsDateTime;
    fn from_str(s: &str) -> Result<Self, InvalidUsDateTime> {
        let bad = |why: &str| InvalidUsDateTime(why.to_owned());
        let mut words = s.split_whitespace();
        let (date, time, half) = (words.next(), words.next(), words.next());
        if words.next().is_some() {
            return Err(bad("extra text after the time"));
        }
        let (date, time) = date
            .zip(time)
            .ok_or_else(|| bad("expected a date and a time"))?;
        let num = |t: &str, what: &str| t.parse::<u16>().map_err(|_| bad(what));
        let d: Vec<&str> = date.split('/').collect();
        let [m, day, y] = d.as_slice() else {
            return Err(bad("the date is not M/D/YYYY"));
        };
        let (month, day, year) = (num(m, "month")?, num(day, "day")?, num(y, "year")?);
        if y.len() != 4 || !(1..=12).contains(&month) {
            return Err(bad("the date is not M/D/YYYY"));
        }
        let (month, day) = (month as u8, day.min(255) as u8);
        if day == 0 || day > days_in(month, year) {
            return Err(bad("no such day in that month"));
        }
        let t: Vec<&str> = time.split(':').collect();
        let (h, mi, sec) = match t.as_slice() {
            [h, mi] => (num(h, "hour")?, num(mi, "minute")?, 0),
            [h, mi, sec] => (num(h, "hour")?, num(mi, "minute")?, num(sec, "second")?),
            _ => return Err(bad("the time is not h:mm:ss")),
        };
        let hour = match half.map(str::to_ascii_uppercase).as_deref() {
            None if h < 24 => h,
            Some("AM") if (1..=12).contains(&h) => h % 12,
            Some("PM") if (1..=12).contains(&h) => h % 12 + 12,
            Some("AM" | "PM") | None => return Err(bad("the hour is out of range")),
            Some(_) => return Err(bad("expected AM or PM")),
        };
        if mi > 59 || sec > 59 {
            return Err(bad("minutes and seconds are 0-59"));
        }
        Ok(UsDateTime {
            year,
            month,
            day,
            hour: hour as u8,
            minute: mi as u8,
            second: sec as u8,
        })
    }
}

impl fmt::Display for UsDateTime {
    /// ISO 8601 without a zone: `2024-02-19T14:36:37`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

impl UsDateTime {
    /// As an `xs:dateTime` without an offset (for `setReportDate_v2`).
    pub fn to_date_time(&self) -> DateTime {
        // Always the lexical form DateTime accepts.
        DateTime::new(self.to_string()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_live_format_and_the_doc_format() {
        let t: UsDateTime = "2/19/2024 2:36:37 PM".parse().unwrap();
        assert_eq!(t.to_string(), "2024-02-19T14:36:37");
        assert_eq!(
            "2/16/2012 9:00 AM"
                .parse::<UsDateTime>()
                .unwrap()
                .to_string(),
            "2012-02-16T09:00:00"
        );
        assert_eq!(
            "12/31/2025 12:00:00 AM".parse::<UsDateTime>().unwrap().hour,
            0
        );
        assert_eq!(
            "1/1/2025 12:30:00 PM".parse::<UsDateTime>().unwrap().hour,
            12
        );
        assert_eq!("2/29/2024 13:05".parse::<UsDateTime>().unwrap().hour, 13);
    }

    #[test]
    fn refuses_what_is_not_a_date_time() {
        for bad in [
            "",
            "2/30/2024 1:00 PM",
            "2/29/2023 1:00 PM",
            "13/1/2024 1:00 PM",
            "1/1/24 1:00 PM",
            "1/1/2024 13:00 PM",
            "1/1/2024 1:60 PM",
            "1/1/2024 1:00 XM",
            "1/1/2024",
        ] {
            assert!(bad.parse::<UsDateTime>().is_err(), "{bad:?}");
        }
    }
}
