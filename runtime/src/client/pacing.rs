//! Keeps calls within the rates the overlay declares (`[pacing.*]`): each group of
//! operations may make at most `calls` calls in any `per` window, per client and
//! its clones, plus [`MARGIN`]. Uses tokio's clock, so tests can pause and advance it.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use tokio::time::Instant;

use crate::Error;
use crate::Pace;

/// What to do with a call that would exceed a documented rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pacing {
    /// Wait until the call is allowed (default).
    #[default]
    Wait,
    /// Refuse at once with [`Error::RateLimited`].
    FailFast,
    /// Send every call at once (the server may answer `…_PollRateExceeded`).
    Off,
}

/// Slack added to each window so that network jitter cannot make two calls
/// arrive closer together than the server allows.
pub const MARGIN: Duration = Duration::from_millis(100);

pub(crate) struct Pacer {
    mode: Pacing,
    /// Send times of each group's calls inside its current window, oldest first.
    windows: tokio::sync::Mutex<HashMap<&'static str, VecDeque<Instant>>>,
}

impl Pacer {
    pub(crate) fn new(mode: Pacing) -> Self {
        Pacer {
            mode,
            windows: tokio::sync::Mutex::new(HashMap::new()),
        }
    }

    /// Waits (or refuses) until a call of `operation` under `pace` may be sent,
    /// then records it. Operations without a rule pass at once.
    pub(crate) async fn admit(
        &self,
        operation: &'static str,
        pace: Option<Pace>,
    ) -> Result<(), Error> {
        let Some(pace) = pace.filter(|_| self.mode != Pacing::Off) else {
            return Ok(());
        };
        let window = pace.per + MARGIN;
        // Held while waiting, so waiting callers go in arrival order.
        let mut windows = self.windows.lock().await;
        let sent = windows.entry(pace.group).or_default();
        let now = Instant::now();
        while sent
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            sent.pop_front();
        }
        let full = sent.len() >= pace.calls as usize;
        if let Some(at) = sent.front().map(|t| *t + window).filter(|_| full) {
            if self.mode == Pacing::FailFast {
                return Err(Error::RateLimited {
                    operation,
                    retry_after: at - now,
                });
            }
            tokio::time::sleep_until(at).await;
            sent.pop_front();
        }
        sent.push_back(Instant::now());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PIN: Pace = Pace::new("pin", 1, 1000);
    const LOGIN: Pace = Pace::new("signIn", 10, 180_000);

    #[tokio::test(start_paused = true)]
    async fn one_per_second_waits_one_second_plus_margin() {
        let pacer = Pacer::new(Pacing::Wait);
        let start = Instant::now();
        for _ in 0..3 {
            pacer.admit("getCode", Some(PIN)).await.unwrap();
        }
        assert_eq!(start.elapsed(), (Duration::from_secs(1) + MARGIN) * 2);
        // operations without a rule are not paced
        let t = Instant::now();
        pacer.admit("unpaced", None).await.unwrap();
        assert_eq!(t.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn a_group_shares_one_budget() {
        let pacer = Pacer::new(Pacing::FailFast);
        pacer.admit("getCode", Some(PIN)).await.unwrap();
        assert!(pacer.admit("getOtherCode", Some(PIN)).await.is_err());
        // another group has its own
        pacer.admit("signIn", Some(LOGIN)).await.unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn fail_fast_reports_when_to_retry() {
        let pacer = Pacer::new(Pacing::FailFast);
        pacer.admit("sendMail", Some(PIN)).await.unwrap();
        match pacer.admit("sendMail", Some(PIN)).await {
            Err(Error::RateLimited { retry_after, .. }) => {
                assert_eq!(retry_after, Duration::from_secs(1) + MARGIN)
            }
            other => panic!("{other:?}"),
        }
        tokio::time::advance(Duration::from_secs(2)).await;
        pacer.admit("sendMail", Some(PIN)).await.unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn eleventh_sign_in_in_three_minutes_waits() {
        let pacer = Pacer::new(Pacing::Wait);
        let start = Instant::now();
        for _ in 0..10 {
            pacer.admit("signIn", Some(LOGIN)).await.unwrap();
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
        pacer.admit("signIn", Some(LOGIN)).await.unwrap();
        assert_eq!(start.elapsed(), Duration::from_secs(180) + MARGIN);
    }

    #[tokio::test(start_paused = true)]
    async fn off_never_waits() {
        let pacer = Pacer::new(Pacing::Off);
        let start = Instant::now();
        for _ in 0..5 {
            pacer.admit("getCode", Some(PIN)).await.unwrap();
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
    }
}
