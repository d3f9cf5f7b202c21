//! The emulator's wall clock: its injectable clock counts from
//! [`EPOCH`], so that times in answers and reports are deterministic under a
//! `ManualClock`.

use std::time::Duration;

use logmein_rescue::runtime::DateTime;

/// The wall-clock time of clock zero: 2026-01-05 09:00:00 (a Monday morning).
pub const EPOCH_DAYS: i64 = 20_458;
const EPOCH_SECONDS: i64 = EPOCH_DAYS * 86_400 + 9 * 3600;

/// Year, month, day, hour, minute, second of `now` on the emulator's wall clock.
pub fn civil(now: Duration) -> (i64, u32, u32, u32, u32, u32) {
    let secs = EPOCH_SECONDS + i64::try_from(now.as_secs()).unwrap_or(i64::MAX / 2);
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil from days since 1970-01-01 (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        month,
        day,
        (rest / 3600) as u32,
        (rest / 60 % 60) as u32,
        (rest % 60) as u32,
    )
}

/// `2/19/2024 2:36:37 PM`, as the live service writes `sStartTime`.
pub fn us_time(now: Duration) -> String {
    let (y, mo, d, h, mi, s) = civil(now);
    let (h12, half) = match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h - 12, "PM"),
    };
    format!("{mo}/{d}/{y} {h12}:{mi:02}:{s:02} {half}")
}

/// `2026-01-05T09:00:00`, for comparing with `setReportDate_v2`'s range.
pub fn date_time(now: Duration) -> DateTime {
    let (y, mo, d, h, mi, s) = civil(now);
    DateTime::new(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_zero_is_a_monday_morning() {
        assert_eq!(us_time(Duration::ZERO), "1/5/2026 9:00:00 AM");
        assert_eq!(
            us_time(Duration::from_secs(5 * 3600 + 61)),
            "1/5/2026 2:01:01 PM"
        );
        assert_eq!(
            date_time(Duration::from_secs(60 * 86_400)).as_str(),
            "2026-03-06T09:00:00"
        );
    }
}
