//! Repeating calls the server turned away with HTTP 429 or 503: only operations
//! marked safe to repeat (the overlay's `retry_safe`), a bounded number of times,
//! waiting what `Retry-After` asks (capped), and never past the call's deadline.

use std::time::{Duration, SystemTime};

/// When and how often a throttled call is repeated. The default repeats nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Repeats after the first attempt (0: none).
    pub max_retries: u32,
    /// The wait when the answer has no usable `Retry-After`.
    pub default_delay: Duration,
    /// The longest wait; a server asking for more gets [`Error::Throttled`](crate::Error::Throttled).
    pub max_delay: Duration,
}

impl RetryPolicy {
    /// Never repeat (the default).
    pub const NONE: RetryPolicy = RetryPolicy {
        max_retries: 0,
        default_delay: Duration::from_secs(15),
        max_delay: Duration::from_secs(120),
    };

    /// Up to `max_retries` repeats, 15 s without `Retry-After`, at most 120 s each
    /// (the back-off public Rescue integrations use).
    pub fn retries(max_retries: u32) -> Self {
        RetryPolicy {
            max_retries,
            ..RetryPolicy::NONE
        }
    }

    /// The wait before repeat number `attempt` (1-based), or `None` to give up.
    pub(crate) fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if attempt > self.max_retries {
            return None;
        }
        let wait = retry_after.unwrap_or(self.default_delay);
        (wait <= self.max_delay).then_some(wait)
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::NONE
    }
}

/// Reads `Retry-After`: delta-seconds (at most a day) or an HTTP date (from now;
/// a date in the past is no wait).
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return (secs <= 86_400).then(|| Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let wait = at
        .duration_since(SystemTime::now())
        .unwrap_or(Duration::ZERO);
    (wait <= Duration::from_secs(86_400)).then_some(wait)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_both_forms() {
        assert_eq!(parse_retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("99999999"), None, "over a day is refused");
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO),
            "a date in the past is no wait"
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn policy_bounds_attempts_and_waits() {
        let p = RetryPolicy::retries(2);
        assert_eq!(p.delay(1, None), Some(Duration::from_secs(15)));
        assert_eq!(
            p.delay(2, Some(Duration::from_secs(3))),
            Some(Duration::from_secs(3))
        );
        assert_eq!(p.delay(3, None), None);
        assert_eq!(p.delay(1, Some(Duration::from_secs(121))), None);
        assert_eq!(RetryPolicy::NONE.delay(1, None), None);
    }
}
