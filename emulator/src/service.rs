//! The emulator as an implementation of the generated `ApiService` trait: each
//! method reads the clock and the session cookie, and lets [`State`] answer.

use logmein_rescue::api::*;
use logmein_rescue::runtime::{ServerContext, ServerFault};

use crate::state::State;
use crate::Emulator;

/// Methods that only read the clock and cookie and let [`State`] answer.
macro_rules! stateful {
    ($($method:ident($req:ident: $request:ty) -> $response:ty => |$s:ident, $now:ident, $cookie:ident| $body:expr;)*) => {
        $(
            async fn $method(
                &self,
                ctx: &mut ServerContext,
                $req: $request,
            ) -> Result<$response, ServerFault> {
                self.with_state(ctx, |$s, $now, $cookie| $body)
            }
        )*
    };
}

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

    stateful! {
        start_session(req: StartSessionRequest) -> StartSessionResponse
            => |s, now, cookie| s.start_session(now, cookie, &req);
        request_auth_code_sso(req: RequestAuthCodeSsoRequest) -> RequestAuthCodeSsoResponse
            => |s, now, _cookie| s.request_auth_code_sso(now, &req);
        get_account(req: GetAccountRequest) -> GetAccountResponse
            => |s, now, cookie| s.get_account(now, cookie, &req);
        get_account_v2(req: GetAccountV2Request) -> GetAccountV2Response
            => |s, now, cookie| s.get_account_v2(now, cookie, &req);
        get_user(req: GetUserRequest) -> GetUserResponse
            => |s, now, cookie| s.get_user(now, cookie, &req);
        set_user(req: SetUserRequest) -> SetUserResponse
            => |s, now, cookie| s.set_user(now, cookie, &req);
        get_group(req: GetGroupRequest) -> GetGroupResponse
            => |s, now, cookie| s.get_group(now, cookie, &req);
        get_hierarchy(req: GetHierarchyRequest) -> GetHierarchyResponse
            => |s, now, cookie| s.get_hierarchy(now, cookie, &req);
        request_invitation_link(req: RequestInvitationLinkRequest) -> RequestInvitationLinkResponse
            => |s, now, cookie| s.request_invitation_link(now, cookie, &req);
        get_session(req: GetSessionRequest) -> GetSessionResponse
            => |s, now, cookie| s.get_session(now, cookie, &req);
        get_session_v3(req: GetSessionV3Request) -> GetSessionV3Response
            => |s, now, cookie| s.get_session_v3(now, cookie, &req);
        cancel_action(req: CancelActionRequest) -> CancelActionResponse
            => |s, now, cookie| s.cancel_action(now, cookie, &req);
        close_session(req: CloseSessionRequest) -> CloseSessionResponse
            => |s, now, cookie| s.close_session(now, cookie, &req);
        get_chat(req: GetChatRequest) -> GetChatResponse
            => |s, now, cookie| s.get_chat(now, cookie, &req);
        get_note(req: GetNoteRequest) -> GetNoteResponse
            => |s, now, cookie| s.get_note(now, cookie, &req);
        set_report_area(req: SetReportAreaRequest) -> SetReportAreaResponse
            => |s, now, cookie| SetReportAreaResponse {
                result: s.set_report_area(now, cookie, &req.report_area, req.auth_code.as_ref()),
            };
        set_report_area_v2(req: SetReportAreaV2Request) -> SetReportAreaV2Response
            => |s, now, cookie| SetReportAreaV2Response {
                result: s.set_report_area(now, cookie, &req.report_area, req.auth_code.as_ref()),
            };
        get_report_area(req: GetReportAreaRequest) -> GetReportAreaResponse
            => |s, now, cookie| s.get_report_area(now, cookie, &req);
        set_report_date(req: SetReportDateRequest) -> SetReportDateResponse
            => |s, now, cookie| SetReportDateResponse { result: s.set_report_date(now, cookie, &req) };
        set_report_date_v2(req: SetReportDateV2Request) -> SetReportDateV2Response
            => |s, now, cookie| SetReportDateV2Response { result: s.set_report_date_v2(now, cookie, &req) };
        get_report_date(req: GetReportDateRequest) -> GetReportDateResponse
            => |s, now, cookie| s.get_report_date(now, cookie, &req);
        set_report_time(req: SetReportTimeRequest) -> SetReportTimeResponse
            => |s, now, cookie| SetReportTimeResponse { result: s.set_report_time(now, cookie, &req) };
        get_report_time(req: GetReportTimeRequest) -> GetReportTimeResponse
            => |s, now, cookie| s.get_report_time(now, cookie, &req);
        set_timezone(req: SetTimezoneRequest) -> SetTimezoneResponse
            => |s, now, cookie| SetTimezoneResponse { result: s.set_timezone(now, cookie, &req) };
        get_timezone(req: GetTimezoneRequest) -> GetTimezoneResponse
            => |s, now, cookie| s.get_timezone(now, cookie, &req);
        set_delimiter(req: SetDelimiterRequest) -> SetDelimiterResponse
            => |s, now, cookie| SetDelimiterResponse { result: s.set_delimiter(now, cookie, &req) };
        get_delimiter(req: GetDelimiterRequest) -> GetDelimiterResponse
            => |s, now, cookie| s.get_delimiter(now, cookie, &req);
        set_output(req: SetOutputRequest) -> SetOutputResponse
            => |s, now, cookie| SetOutputResponse { result: s.set_output(now, cookie, &req) };
        get_output(req: GetOutputRequest) -> GetOutputResponse
            => |s, now, cookie| s.get_output(now, cookie, &req);
        get_report(req: GetReportRequest) -> GetReportResponse
            => |s, now, cookie| s.get_report(now, cookie, req.node_id, &req.node_ref, req.auth_code.as_ref());
        get_report_v2(req: GetReportV2Request) -> GetReportV2Response
            => |s, now, cookie| {
                let r = s.get_report(now, cookie, req.node_id, &req.node_ref, req.auth_code.as_ref());
                GetReportV2Response { result: r.result, report: r.report }
            };
    }
}
