//! Keeps calls within the documented rates: one PIN request per second, one
//! `generateEmailText` per second, ten logins per three minutes (per client and
//! its clones), and one `requestAuthCode` per second (it has a
//! `_PollRateExceeded` value; the guide gives no rate, so the PIN rate is assumed).
//! Uses tokio's clock, so tests can pause and advance it.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::Instant;

use crate::Error;

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

/// Slack added to each interval so that network jitter cannot make two calls
/// arrive closer together than the server allows.
pub const MARGIN: Duration = Duration::from_millis(100);

const PIN_OPERATIONS: &[&str] = &[
    "requestPINCode",
    "requestPINCodeV3",
    "requestLensPINCodeV2",
    "requestLensPINCodeV3",
];

#[derive(Default)]
struct State {
    last_pin: Option<Instant>,
    last_email: Option<Instant>,
    last_auth_code: Option<Instant>,
    logins: VecDeque<Instant>,
}

impl State {
    /// The last-call slot of an operation limited to one call per second;
    /// `None` for `login`, which has a window instead.
    fn one_per_second(&mut self, operation: &str) -> Option<&mut Option<Instant>> {
        match operation {
            "generateEmailText" => Some(&mut self.last_email),
            "requestAuthCode" => Some(&mut self.last_auth_code),
            "login" => None,
            _ => Some(&mut self.last_pin),
        }
    }
}

pub(crate) struct Pacer {
    mode: Pacing,
    state: tokio::sync::Mutex<State>,
}

impl Pacer {
    pub(crate) fn new(mode: Pacing) -> Self {
        Pacer {
            mode,
            state: tokio::sync::Mutex::new(State::default()),
        }
    }

    /// Waits (or refuses) until `operation` may be sent, then records it.
    pub(crate) async fn admit(&self, operation: &'static str) -> Result<(), Error> {
        if self.mode == Pacing::Off {
            return Ok(());
        }
        if !PIN_OPERATIONS.contains(&operation)
            && !matches!(operation, "generateEmailText" | "login" | "requestAuthCode")
        {
            return Ok(());
        }
        // Held while waiting, so waiting callers go in arrival order.
        let mut state = self.state.lock().await;
        let now = Instant::now();
        let ready_at =
            match state.one_per_second(operation) {
                Some(last) => last.map(|t| t + Duration::from_secs(1) + MARGIN),
                None => {
                    while state.logins.front().is_some_and(|t| {
                        now.duration_since(*t) >= Duration::from_secs(180) + MARGIN
                    }) {
                        state.logins.pop_front();
                    }
                    (state.logins.len() >= 10)
                        .then(|| {
                            state
                                .logins
                                .front()
                                .map(|t| *t + Duration::from_secs(180) + MARGIN)
                        })
                        .flatten()
                }
            };
        if let Some(at) = ready_at.filter(|at| *at > now) {
            if self.mode == Pacing::FailFast {
                return Err(Error::RateLimited {
                    operation,
                    retry_after: at - now,
                });
            }
            tokio::time::sleep_until(at).await;
        }
        let sent = Instant::now();
        match state.one_per_second(operation) {
            Some(last) => *last = Some(sent),
            None => state.logins.push_back(sent),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn pin_requests_wait_one_second_plus_margin() {
        let pacer = Pacer::new(Pacing::Wait);
        let start = Instant::now();
        for _ in 0..3 {
            pacer.admit("requestLensPINCodeV2").await.unwrap();
        }
        assert_eq!(start.elapsed(), (Duration::from_secs(1) + MARGIN) * 2);
        // other operations are not paced
        let t = Instant::now();
        pacer.admit("startSession").await.unwrap();
        assert_eq!(t.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn fail_fast_reports_when_to_retry() {
        let pacer = Pacer::new(Pacing::FailFast);
        pacer.admit("generateEmailText").await.unwrap();
        match pacer.admit("generateEmailText").await {
            Err(Error::RateLimited { retry_after, .. }) => {
                assert_eq!(retry_after, Duration::from_secs(1) + MARGIN)
            }
            other => panic!("{other:?}"),
        }
        tokio::time::advance(Duration::from_secs(2)).await;
        pacer.admit("generateEmailText").await.unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn eleventh_login_in_three_minutes_waits() {
        let pacer = Pacer::new(Pacing::Wait);
        let start = Instant::now();
        for _ in 0..10 {
            pacer.admit("login").await.unwrap();
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
        pacer.admit("login").await.unwrap();
        assert_eq!(start.elapsed(), Duration::from_secs(180) + MARGIN);
    }
}
