//! What a Rescue account does, operation by operation, on an injectable clock.

mod desk;
mod directory;
mod reports;

pub use desk::LiveSession;
pub use directory::Profile;
pub use reports::REPORT_INTERVAL;

use std::collections::hash_map::RandomState;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::hash::BuildHasher;
use std::time::Duration;

use logmein_rescue::api::*;
use logmein_rescue::Secret;

use crate::accounts::{Account, Role};

/// Idle time after which a login session ends.
pub const SESSION_IDLE: Duration = Duration::from_secs(20 * 60);
/// Window of the login limit.
pub const LOGIN_WINDOW: Duration = Duration::from_secs(180);
/// Logins allowed per window and user.
pub const LOGINS_PER_WINDOW: usize = 10;
/// Minimum interval between PIN requests (and email texts) of one user.
pub const ONE_PER_SECOND: Duration = Duration::from_secs(1);

/// The account's id (`iAccountID`), also its SSO company id.
pub const ACCOUNT_ID: i32 = 4242;
/// The account's organisation (`sOrganization`), also the root node's name.
pub const ORGANIZATION: &str = "Example Support Ltd";
/// Node id of the hierarchy's root.
pub const ROOT_NODE: i32 = 1;
/// Node id of the administrators' group.
pub const ADMIN_GROUP: i32 = 10;
/// Node id of the technicians' group ("Support").
pub const TECH_GROUP: i32 = 100;
/// Node id of the channel in the technicians' group.
pub const CHANNEL_NODE: i32 = 200;
/// The channel's name.
pub const CHANNEL_NAME: &str = "Web support";

/// A failure result value's part after the operation prefix (`NotLoggedIn`).
type Suffix = &'static str;

/// The result value for `r` (`{prefix}_OK`, or `{prefix}_` and the failure suffix,
/// by the enum's `from_suffix`) and, on success, what the call produced.
fn outcome<T, R>(r: Result<T, Suffix>, from_suffix: fn(&str) -> R) -> (R, Option<T>) {
    match r {
        Ok(value) => (from_suffix("OK"), Some(value)),
        Err(v) => (from_suffix(v), None),
    }
}

#[derive(Default)]
struct UserState {
    last_pin: Option<Duration>,
    last_email: Option<Duration>,
    last_auth_code: Option<Duration>,
    logins: VecDeque<Duration>,
    sms_used: u32,
}

/// Who is calling, from the session cookie or the auth code.
enum Caller {
    User(usize),
    NotLoggedIn,
    InvalidAuthCode,
    Disabled,
}

/// A customer waiting in the queue for `startSession`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting {
    /// The PIN the customer entered.
    pub pin: u32,
    /// The technician who issued the PIN.
    pub node_id: i32,
}

/// Caps on what the emulated service remembers, so that no client can make it
/// grow without bound. The oldest entry goes first when a cap is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateLimits {
    /// Login sessions (cookies) kept; expired ones are purged first.
    pub max_sessions: usize,
    /// PIN codes remembered for `connect`.
    pub max_pins: usize,
    /// Customers waiting for `startSession`.
    pub max_waiting: usize,
}

impl Default for StateLimits {
    fn default() -> Self {
        StateLimits {
            max_sessions: 10_000,
            max_pins: 100_000,
            max_waiting: 10_000,
        }
    }
}

/// The emulated service's data.
pub struct State {
    limits: StateLimits,
    /// PINs in the order they were issued, for evicting the oldest.
    pin_order: VecDeque<u32>,
    accounts: Vec<Account>,
    users: HashMap<usize, UserState>,
    sessions: HashMap<String, (usize, Duration)>,
    auth_codes: HashMap<String, usize>,
    /// Admin-issued API tokens: they stand in for auth codes and do not expire.
    api_tokens: HashMap<String, usize>,
    /// The account-wide setting that disables `requestAuthCode` and `login`.
    tokens_only: bool,
    pins_issued: u32,
    pin_start: u32,
    pin_owner: HashMap<u32, usize>,
    waiting: HashMap<i32, Waiting>,
    /// Customer sessions by id, open and closed (capped like `waiting`).
    live: BTreeMap<i32, LiveSession>,
    /// Custom fields given with a PIN, for the session it opens.
    pin_fields: HashMap<u32, [String; 6]>,
    /// Users whose Technician Console is not running.
    console_off: HashSet<usize>,
    profiles: HashMap<usize, Profile>,
    /// Report settings by server session (cookie) or auth-code user.
    reports: HashMap<String, reports::ReportSettings>,
    next_session: i32,
    secrets: RandomState,
    counter: u64,
}

fn same_email(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn is_phone_number(s: &str) -> bool {
    let digits = s.strip_prefix('+').unwrap_or(s);
    (6..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

impl State {
    /// A fresh service with these accounts.
    pub fn new(accounts: Vec<Account>) -> Self {
        let secrets = RandomState::new();
        let pin_start = (secrets.hash_one("pin-start") % 1_000_000) as u32;
        State {
            limits: StateLimits::default(),
            pin_order: VecDeque::new(),
            accounts,
            users: HashMap::new(),
            sessions: HashMap::new(),
            auth_codes: HashMap::new(),
            api_tokens: HashMap::new(),
            tokens_only: false,
            pins_issued: 0,
            pin_start,
            pin_owner: HashMap::new(),
            waiting: HashMap::new(),
            live: BTreeMap::new(),
            pin_fields: HashMap::new(),
            console_off: HashSet::new(),
            profiles: HashMap::new(),
            reports: HashMap::new(),
            next_session: 10_000_000,
            secrets,
            counter: 0,
        }
    }

    /// Applies new caps (evicting at once what is over them).
    pub fn set_limits(&mut self, limits: StateLimits) {
        self.limits = limits;
        self.make_room_for_session(None);
        while self.pin_owner.len() > limits.max_pins {
            self.evict_oldest_pin();
        }
        while self.waiting.len() > limits.max_waiting {
            self.evict_oldest_waiting();
        }
        while self.live.len() > limits.max_waiting.max(1) {
            self.live.pop_first();
        }
    }

    /// Before adding a session: drop expired ones, then the least recently used
    /// while at the cap.
    fn make_room_for_session(&mut self, now: Option<Duration>) {
        if self.sessions.len() < self.limits.max_sessions {
            return;
        }
        if let Some(now) = now {
            self.sessions
                .retain(|_, (_, last)| now.saturating_sub(*last) <= SESSION_IDLE);
        }
        while self.sessions.len() >= self.limits.max_sessions.max(1) {
            let oldest = self
                .sessions
                .iter()
                .min_by_key(|(_, (_, last))| *last)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => self.sessions.remove(&k),
                None => break,
            };
        }
    }

    fn evict_oldest_pin(&mut self) {
        if let Some(pin) = self.pin_order.pop_front() {
            self.pin_owner.remove(&pin);
            self.pin_fields.remove(&pin);
        }
    }

    fn evict_oldest_waiting(&mut self) {
        if let Some(oldest) = self.waiting.keys().min().copied() {
            self.waiting.remove(&oldest);
        }
    }

    fn token(&mut self, kind: &str) -> String {
        self.counter += 1;
        let a = self.secrets.hash_one((kind, self.counter));
        let b = self.secrets.hash_one((self.counter, kind));
        format!("{a:016x}{b:016x}")
    }

    fn account_by_login(&self, email: Option<&str>, password: Option<&Secret>) -> Option<usize> {
        let (email, password) = (email?, password?);
        self.accounts
            .iter()
            .position(|a| same_email(&a.email, email) && a.password == password.expose())
    }

    fn caller(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        auth_code: Option<&Secret>,
    ) -> Caller {
        if let Some(code) = auth_code.filter(|c| !c.expose().is_empty()) {
            let known = self.auth_codes.get(code.expose());
            return match known.or_else(|| self.api_tokens.get(code.expose())) {
                Some(&i) if self.accounts[i].disabled => Caller::Disabled,
                Some(&i) => Caller::User(i),
                None => Caller::InvalidAuthCode,
            };
        }
        let Some(cookie) = cookie else {
            return Caller::NotLoggedIn;
        };
        match self.sessions.get_mut(cookie) {
            Some((i, last)) if now.saturating_sub(*last) <= SESSION_IDLE => {
                *last = now;
                let i = *i;
                if self.accounts[i].disabled {
                    Caller::Disabled
                } else {
                    Caller::User(i)
                }
            }
            Some(_) => {
                self.sessions.remove(cookie);
                Caller::NotLoggedIn
            }
            None => Caller::NotLoggedIn,
        }
    }

    /// The caller's account, or the failure suffix every operation shares.
    fn who(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        auth: Option<&Secret>,
    ) -> Result<usize, Suffix> {
        match self.caller(now, cookie, auth) {
            Caller::User(i) => Ok(i),
            Caller::NotLoggedIn => Err("NotLoggedIn"),
            Caller::InvalidAuthCode => Err("Invalid_SecretAuthCode"),
            Caller::Disabled => Err("User_Deleted_Or_Disabled"),
        }
    }

    /// As [`who`](Self::who), for operations only an administrator may call.
    fn admin(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        auth: Option<&Secret>,
    ) -> Result<(), Suffix> {
        match self.who(now, cookie, auth) {
            Ok(i) if self.accounts[i].role == Role::Administrator => Ok(()),
            Ok(_) | Err("NotLoggedIn") => Err("NotLoggedInAsAdmin"),
            Err(other) => Err(other),
        }
    }

    /// `login`; on OK also the new session cookie value.
    pub fn login(&mut self, now: Duration, req: &LoginRequest) -> (LoginResponse, Option<String>) {
        let result = |r| LoginResponse { result: r };
        if self.tokens_only {
            return (result(LoginRet::Error), None);
        }
        let Some(i) = self.account_by_login(req.email.as_deref(), req.password.as_ref()) else {
            return (result(LoginRet::Invalid), None);
        };
        if self.accounts[i].disabled {
            return (result(LoginRet::Invalid), None);
        }
        let user = self.users.entry(i).or_default();
        while user
            .logins
            .front()
            .is_some_and(|t| now.saturating_sub(*t) >= LOGIN_WINDOW)
        {
            user.logins.pop_front();
        }
        if user.logins.len() >= LOGINS_PER_WINDOW {
            return (result(LoginRet::LimitReached), None);
        }
        user.logins.push_back(now);
        let cookie = self.token("session");
        self.make_room_for_session(Some(now));
        self.sessions.insert(cookie.clone(), (i, now));
        (result(LoginRet::Ok), Some(cookie))
    }

    /// `logout`.
    pub fn logout(&mut self, now: Duration, cookie: Option<&str>) -> LogoutResponse {
        let result = match self.caller(now, cookie, None) {
            Caller::User(_) => {
                if let Some(c) = cookie {
                    self.sessions.remove(c);
                }
                LogoutRet::Ok
            }
            _ => LogoutRet::NotLoggedIn,
        };
        LogoutResponse { result }
    }

    /// `requestAuthCode`.
    pub fn request_auth_code(
        &mut self,
        now: Duration,
        req: &RequestAuthCodeRequest,
    ) -> RequestAuthCodeResponse {
        let fail = |r| RequestAuthCodeResponse {
            result: r,
            auth_code: None,
        };
        if self.tokens_only {
            return fail(RequestAuthCodeRet::Error);
        }
        let Some(i) = self.account_by_login(req.email.as_deref(), req.password.as_ref()) else {
            return fail(RequestAuthCodeRet::Invalid);
        };
        if self.accounts[i].disabled {
            return fail(RequestAuthCodeRet::Invalid);
        }
        match self.grant_auth_code(now, i) {
            Ok(code) => RequestAuthCodeResponse {
                result: RequestAuthCodeRet::Ok,
                auth_code: Some(code.into()),
            },
            Err(_) => fail(RequestAuthCodeRet::PollRateExceeded),
        }
    }

    /// A new auth code for user `i` (at most one per second), replacing the
    /// user's previous one: one code per account.
    fn grant_auth_code(&mut self, now: Duration, i: usize) -> Result<String, Suffix> {
        let user = self.users.entry(i).or_default();
        if user
            .last_auth_code
            .is_some_and(|t| now.saturating_sub(t) < ONE_PER_SECOND)
        {
            return Err("PollRateExceeded");
        }
        user.last_auth_code = Some(now);
        let code = self.token("authcode");
        self.auth_codes.retain(|_, owner| *owner != i);
        self.auth_codes.insert(code.clone(), i);
        Ok(code)
    }

    /// The shared part of the four PIN operations: `Ok((user, pin))` or the failure
    /// value's suffix (`NotLoggedIn`, `PollRateExceeded`, …).
    fn issue_pin(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        auth: Option<&Secret>,
        lens: bool,
    ) -> Result<(usize, u32), &'static str> {
        let i = match self.caller(now, cookie, auth) {
            Caller::User(i) => i,
            Caller::NotLoggedIn => return Err("NotLoggedIn"),
            Caller::InvalidAuthCode => return Err("Invalid_SecretAuthCode"),
            Caller::Disabled => return Err("User_Deleted_Or_Disabled"),
        };
        let account = &self.accounts[i];
        if account.role != Role::Technician {
            return Err("NotTechnician");
        }
        if lens && !account.lens {
            return Err("NoAccessToLens");
        }
        let user = self.users.entry(i).or_default();
        if user
            .last_pin
            .is_some_and(|t| now.saturating_sub(t) < ONE_PER_SECOND)
        {
            return Err("PollRateExceeded");
        }
        if self.pins_issued >= 1_000_000 {
            return Err("OutOfPINCodes");
        }
        user.last_pin = Some(now);
        // 7919 is prime and coprime to 10^6: a million distinct PINs before repeating.
        let pin = (self.pin_start + self.pins_issued.wrapping_mul(7919) % 1_000_000) % 1_000_000;
        self.pins_issued += 1;
        if self.pin_owner.insert(pin, i).is_none() {
            self.pin_order.push_back(pin);
        }
        while self.pin_owner.len() > self.limits.max_pins {
            self.evict_oldest_pin();
        }
        Ok((i, pin))
    }

    /// `requestPINCode` (integer PIN).
    pub fn request_pin_code(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &RequestPinCodeRequest,
    ) -> RequestPinCodeResponse {
        match self.issue_pin(now, cookie, req.auth_code.as_ref(), false) {
            Ok((_, pin)) => RequestPinCodeResponse {
                result: RequestPinCodeRet::Ok,
                pin_code: pin as i32,
            },
            Err(v) => RequestPinCodeResponse {
                result: RequestPinCodeRet::from_suffix(v),
                pin_code: 0,
            },
        }
    }

    /// `requestPINCodeV3` (string PIN, for a technician's node).
    pub fn request_pin_code_v3(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &RequestPinCodeV3Request,
    ) -> RequestPinCodeV3Response {
        if !self
            .accounts
            .iter()
            .any(|a| a.node_id == req.node_id && a.role == Role::Technician)
        {
            return RequestPinCodeV3Response {
                result: RequestPinCodeRet::Error,
                pin_code: None,
            };
        }
        match self.issue_pin(now, cookie, req.auth_code.as_ref(), false) {
            Ok((_, pin)) => RequestPinCodeV3Response {
                result: RequestPinCodeRet::Ok,
                pin_code: Some(format!("{pin:06}")),
            },
            Err(v) => RequestPinCodeV3Response {
                result: RequestPinCodeRet::from_suffix(v),
                pin_code: None,
            },
        }
    }

    /// `requestLensPINCodeV2`.
    pub fn request_lens_pin_code_v2(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &RequestLensPinCodeV2Request,
    ) -> RequestLensPinCodeV2Response {
        match self.issue_pin(now, cookie, req.auth_code.as_ref(), true) {
            Ok((_, pin)) => RequestLensPinCodeV2Response {
                result: RequestLensPinCodeRet::Ok,
                pin_code: Some(format!("{pin:06}")),
            },
            Err(v) => RequestLensPinCodeV2Response {
                result: RequestLensPinCodeRet::from_suffix(v),
                pin_code: None,
            },
        }
    }

    /// `requestLensPINCodeV3`: as V2, plus the invitation SMS.
    pub fn request_lens_pin_code_v3(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &RequestLensPinCodeV3Request,
    ) -> RequestLensPinCodeV3Response {
        let fail = |v: &str| RequestLensPinCodeV3Response {
            result: RequestLensPinCodeV3Ret::from_suffix(v),
            pin_code: None,
        };
        let phone = req.phone_number.as_deref().filter(|p| !p.is_empty());
        if phone.is_some_and(|p| !is_phone_number(p)) {
            return fail("InvalidPhoneNumber");
        }
        let (i, pin) = match self.issue_pin(now, cookie, req.auth_code.as_ref(), true) {
            Ok(x) => x,
            Err(v) => return fail(v),
        };
        if phone.is_some() {
            let quota = self.accounts[i].sms_quota;
            let user = self.users.entry(i).or_default();
            if user.sms_used >= quota {
                return fail("NoMoreSMS");
            }
            user.sms_used += 1;
        }
        RequestLensPinCodeV3Response {
            result: RequestLensPinCodeV3Ret::Ok,
            pin_code: Some(format!("{pin:06}")),
        }
    }

    /// `generateEmailText` for a PIN this user issued.
    pub fn generate_email_text(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &GenerateEmailTextRequest,
    ) -> GenerateEmailTextResponse {
        let fail = |r| GenerateEmailTextResponse {
            result: r,
            ..Default::default()
        };
        let i = match self.caller(now, cookie, req.auth_code.as_ref()) {
            Caller::User(i) => i,
            Caller::NotLoggedIn => return fail(GenerateEmailTextRet::NotLoggedIn),
            Caller::InvalidAuthCode => return fail(GenerateEmailTextRet::InvalidSecretAuthCode),
            Caller::Disabled => return fail(GenerateEmailTextRet::UserDeletedOrDisabled),
        };
        if self.accounts[i].role != Role::Technician {
            return fail(GenerateEmailTextRet::NotTechnician);
        }
        let user = self.users.entry(i).or_default();
        // The guide: more than one call per second answers ERROR.
        if user
            .last_email
            .is_some_and(|t| now.saturating_sub(t) < ONE_PER_SECOND)
        {
            return fail(GenerateEmailTextRet::Error);
        }
        user.last_email = Some(now);
        let Ok(pin) = u32::try_from(req.pin_code) else {
            return fail(GenerateEmailTextRet::InvalidPinFormat);
        };
        if pin > 999_999 {
            return fail(GenerateEmailTextRet::InvalidPinFormat);
        }
        if self.pin_owner.get(&pin) != Some(&i) {
            return fail(GenerateEmailTextRet::Error);
        }
        GenerateEmailTextResponse {
            result: GenerateEmailTextRet::Ok,
            subject: Some("Connection email link".into()),
            text: Some("Please click the link below to request a live support session:".into()),
            link: Some(format!(
                "https://secure.logmeinrescue.com/R?i=2&Code={pin:06}"
            )),
            signature: Some("Best Regards, Support Team".into()),
        }
    }

    /// An administrator generates an API token for the user (Admin Center); with
    /// `tokens_only`, `requestAuthCode` and `login` answer `…_Error` for the whole
    /// account from then on. `None` for an unknown email.
    pub fn issue_api_token(&mut self, email: &str, tokens_only: bool) -> Option<String> {
        let i = self
            .accounts
            .iter()
            .position(|a| same_email(&a.email, email))?;
        let token = self.token("apitoken");
        // One token per user here (the state stays bounded by the accounts).
        self.api_tokens.retain(|_, owner| *owner != i);
        self.api_tokens.insert(token.clone(), i);
        self.tokens_only = tokens_only;
        Some(token)
    }

    /// Marks a user's Technician Console as running or not (`NoTechConsoleRunning`,
    /// `bTcRunning`). False for an unknown email.
    pub fn set_console_running(&mut self, email: &str, running: bool) -> bool {
        match self
            .accounts
            .iter()
            .position(|a| same_email(&a.email, email))
        {
            Some(i) => {
                if running {
                    self.console_off.remove(&i);
                } else {
                    self.console_off.insert(i);
                }
                true
            }
            None => false,
        }
    }

    /// Disables or re-enables a user (as an administrator would in the Admin Center).
    /// Returns false for an unknown email.
    pub fn set_disabled(&mut self, email: &str, disabled: bool) -> bool {
        match self
            .accounts
            .iter_mut()
            .find(|a| same_email(&a.email, email))
        {
            Some(a) => {
                a.disabled = disabled;
                true
            }
            None => false,
        }
    }

    /// Sessions waiting to be started.
    pub fn waiting(&self) -> Vec<(i32, Waiting)> {
        let mut all: Vec<_> = self.waiting.iter().map(|(k, v)| (*k, *v)).collect();
        all.sort_by_key(|(k, _)| *k);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_stays_within_its_caps() {
        let mut s = State::new(crate::accounts::default_accounts());
        s.set_limits(StateLimits {
            max_sessions: 3,
            max_pins: 2,
            max_waiting: 2,
        });
        let login = LoginRequest {
            email: Some("tech@example.com".into()),
            password: Some("tech-password".into()),
        };
        let mut cookies = Vec::new();
        for t in 0..5 {
            cookies.push(s.login(Duration::from_secs(t), &login).1.unwrap());
        }
        assert_eq!(s.sessions.len(), 3);
        // The newest sessions survive; the oldest were evicted.
        assert!(s.sessions.contains_key(&cookies[4]) && !s.sessions.contains_key(&cookies[0]));
        let cookie = cookies[4].clone();
        let mut pins = Vec::new();
        for t in 10..14 {
            let r = s.request_lens_pin_code_v2(
                Duration::from_secs(t),
                Some(&cookie),
                &RequestLensPinCodeV2Request::default(),
            );
            pins.push(r.pin_code.unwrap().parse::<u32>().unwrap());
        }
        assert_eq!(s.pin_owner.len(), 2);
        assert!(
            s.connect(Duration::from_secs(20), pins[0]).is_none(),
            "the oldest PIN was forgotten"
        );
        for _ in 0..3 {
            assert!(s.connect(Duration::from_secs(20), pins[3]).is_some());
        }
        assert_eq!(s.waiting.len(), 2);
        assert_eq!(s.live.len(), 2, "customer sessions share the waiting cap");
    }

    #[test]
    fn a_new_auth_code_replaces_the_previous_one() {
        let mut s = State::new(crate::accounts::default_accounts());
        let req = RequestAuthCodeRequest {
            email: Some("tech@example.com".into()),
            password: Some("tech-password".into()),
        };
        let first = s
            .request_auth_code(Duration::from_secs(0), &req)
            .auth_code
            .unwrap();
        let second = s
            .request_auth_code(Duration::from_secs(5), &req)
            .auth_code
            .unwrap();
        assert_ne!(first, second);
        assert_eq!(s.auth_codes.len(), 1);
        assert!(s.auth_codes.contains_key(second.expose()));
    }

    /// The client refuses a PIN outside 0..=999999 before sending, so the server's
    /// answer to one is checked here.
    #[test]
    fn malformed_pin_is_invalid_pin_format() {
        let mut s = State::new(crate::accounts::default_accounts());
        let login = LoginRequest {
            email: Some("tech@example.com".into()),
            password: Some("tech-password".into()),
        };
        let (_, cookie) = s.login(Duration::ZERO, &login);
        for (second, pin) in [(2u64, -5i32), (4, 1_000_000)] {
            let r = s.generate_email_text(
                Duration::from_secs(second),
                cookie.as_deref(),
                &GenerateEmailTextRequest {
                    pin_code: pin,
                    auth_code: None,
                },
            );
            assert_eq!(r.result, GenerateEmailTextRet::InvalidPinFormat);
        }
    }
}
