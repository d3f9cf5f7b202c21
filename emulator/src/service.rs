//! The emulator as an implementation of the generated `ApiService` trait: each
//! method reads the clock and the session cookie, and lets [`State`] answer.

use logmein_rescue::api::*;
use logmein_rescue::runtime::{ServerContext, ServerFault};

use crate::state::State;
use crate::Emulator;

/// The ASP.NET session cookie the real service uses.
pub(crate) const COOKIE_NAME: &str = "ASP.NET_SessionId";

impl Emulator {
    /// Runs `f` on the state with the current time and the request's session cookie.
    fn with_state<T>(
        &self,
        ctx: &ServerContext,
        f: impl FnOnce(&mut State, std::time::Duration, Option<&str>) -> T,
    ) -> Result<T, ServerFault> {
        let now = self.clock.now();
        Ok(f(&mut self.state(), now, ctx.cookie(COOKIE_NAME)))
    }
}

impl ApiService for Emulator {
    async fn login(
        &self,
        ctx: &mut ServerContext,
        request: LoginRequest,
    ) -> Result<LoginResponse, ServerFault> {
        let (response, cookie) = self.with_state(ctx, |s, now, _| s.login(now, &request))?;
        if let Some(cookie) = cookie {
            ctx.set_cookies.push((COOKIE_NAME.to_owned(), cookie));
        }
        Ok(response)
    }

    async fn logout(
        &self,
        ctx: &mut ServerContext,
        _request: LogoutRequest,
    ) -> Result<LogoutResponse, ServerFault> {
        self.with_state(ctx, |s, now, cookie| s.logout(now, cookie))
    }

    async fn request_auth_code(
        &self,
        ctx: &mut ServerContext,
        request: RequestAuthCodeRequest,
    ) -> Result<RequestAuthCodeResponse, ServerFault> {
        self.with_state(ctx, |s, now, _| s.request_auth_code(now, &request))
    }

    async fn request_pin_code(
        &self,
        ctx: &mut ServerContext,
        request: RequestPinCodeRequest,
    ) -> Result<RequestPinCodeResponse, ServerFault> {
        self.with_state(ctx, |s, now, cookie| {
            s.request_pin_code(now, cookie, &request)
        })
    }

    async fn request_pin_code_v3(
        &self,
        ctx: &mut ServerContext,
        request: RequestPinCodeV3Request,
    ) -> Result<RequestPinCodeV3Response, ServerFault> {
        self.with_state(ctx, |s, now, cookie| {
            s.request_pin_code_v3(now, cookie, &request)
        })
    }

    async fn request_lens_pin_code_v2(
        &self,
        ctx: &mut ServerContext,
        request: RequestLensPinCodeV2Request,
    ) -> Result<RequestLensPinCodeV2Response, ServerFault> {
        self.with_state(ctx, |s, now, cookie| {
            s.request_lens_pin_code_v2(now, cookie, &request)
        })
    }

    async fn request_lens_pin_code_v3(
        &self,
        ctx: &mut ServerContext,
        request: RequestLensPinCodeV3Request,
    ) -> Result<RequestLensPinCodeV3Response, ServerFault> {
        self.with_state(ctx, |s, now, cookie| {
            s.request_lens_pin_code_v3(now, cookie, &request)
        })
    }

    async fn generate_email_text(
        &self,
        ctx: &mut ServerContext,
        request: GenerateEmailTextRequest,
    ) -> Result<GenerateEmailTextResponse, ServerFault> {
        self.with_state(ctx, |s, now, cookie| {
            s.generate_email_text(now, cookie, &request)
        })
    }

    async fn start_session(
        &self,
        ctx: &mut ServerContext,
        request: StartSessionRequest,
    ) -> Result<StartSessionResponse, ServerFault> {
        self.with_state(ctx, |s, now, cookie| s.start_session(now, cookie, &request))
    }
}
