//! The help desk: customer sessions from PIN codes, invitation links and
//! channels, moving through the session status enum; `getSession`/`getSession_V3`,
//! `startSession`, `cancelAction`, `closeSession`, chat logs and notes.

use std::time::Duration;

use logmein_rescue::api::*;
use logmein_rescue::Secret;

use super::{outcome, State, Suffix, Waiting};
use crate::accounts::Role;
use crate::civil;

/// Chat lines kept per session; older ones go first.
pub const MAX_CHAT_LINES: usize = 1000;

/// A customer session as the emulator keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSession {
    /// Session id (`iID`).
    pub id: i32,
    /// Where it is in its life.
    pub status: SessionStatus,
    /// The status before the last administrator action (for `cancelAction`).
    previous: Option<SessionStatus>,
    /// Node id of the technician who issued the PIN or picked it up (0: none yet).
    pub technician: i32,
    /// The channel the customer came in on, if any.
    pub channel: Option<i32>,
    /// Clock time the customer connected.
    pub started: Duration,
    /// Clock time a technician picked it up.
    pub picked_up: Option<Duration>,
    /// `sCField0`…`sCField5` from the PIN request.
    pub custom_fields: [String; 6],
    /// The chat, one line per message.
    pub chat: Vec<String>,
    /// The technician's note.
    pub note: String,
}

impl LiveSession {
    /// Whether the session still shows in `getSession` (not closed).
    pub fn is_open(&self) -> bool {
        matches!(
            self.status,
            SessionStatus::Waiting
                | SessionStatus::Pickedup
                | SessionStatus::Connecting
                | SessionStatus::Onhold
        )
    }

    fn status_text(&self) -> &'static str {
        match self.status {
            SessionStatus::Waiting => "Waiting",
            SessionStatus::Pickedup => "Active",
            SessionStatus::Onhold => "On Hold",
            SessionStatus::Connecting => "Connecting",
            _ => "Closed",
        }
    }
}

impl State {
    /// The node a session belongs to, and whether `node` (a technician, a group or
    /// the root, or a channel when `channel`) covers it.
    fn covers(&self, node: i32, channel: bool, s: &LiveSession) -> bool {
        if channel {
            return s.channel == Some(node);
        }
        if node == super::ROOT_NODE {
            return true;
        }
        if node == super::TECH_GROUP {
            return s.channel.is_some()
                || self
                    .accounts
                    .iter()
                    .any(|a| a.node_id == s.technician && a.role == Role::Technician);
        }
        s.technician == node
    }

    /// Whether `node` can be asked about with `node_ref`.
    fn known_node(&self, node: i32, node_ref: &NodeRef) -> bool {
        match node_ref {
            NodeRef::Channel => node == super::CHANNEL_NODE,
            NodeRef::Node => {
                node == super::ROOT_NODE
                    || node == super::TECH_GROUP
                    || node == super::ADMIN_GROUP
                    || self.accounts.iter().any(|a| a.node_id == node)
            }
            _ => false,
        }
    }

    /// The open sessions `node` covers, oldest first; or the failure suffix.
    fn sessions_of(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        auth: Option<&Secret>,
        node: i32,
        node_ref: &NodeRef,
    ) -> Result<Vec<LiveSession>, Suffix> {
        let mut all = self.sessions_covered(now, cookie, auth, node, node_ref)?;
        all.retain(LiveSession::is_open);
        Ok(all)
    }

    /// Every session, open or closed, that `node` covers (for reports).
    pub(super) fn sessions_covered(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        auth: Option<&Secret>,
        node: i32,
        node_ref: &NodeRef,
    ) -> Result<Vec<LiveSession>, Suffix> {
        self.who(now, cookie, auth)?;
        if !self.known_node(node, node_ref) {
            return Err("InvalidParam_NodeID");
        }
        let channel = *node_ref == NodeRef::Channel;
        Ok(self
            .live
            .values()
            .filter(|s| self.covers(node, channel, s))
            .cloned()
            .collect())
    }

    pub(super) fn technician_name(&self, node: i32) -> String {
        self.accounts
            .iter()
            .position(|a| a.node_id == node)
            .map(|i| self.profile(i).name)
            .unwrap_or_default()
    }

    fn session_v3(&self, now: Duration, s: &LiveSession) -> SessionV3 {
        let waited = s.picked_up.unwrap_or(now).saturating_sub(s.started);
        let [f0, f1, f2, f3, f4, f5] = s.custom_fields.clone();
        SessionV3 {
            id: s.id,
            b_status: s.status.clone(),
            s_status: Some(s.status_text().into()),
            i_entry: s.channel.unwrap_or(0),
            s_entry: Some(if s.channel.is_some() {
                super::CHANNEL_NAME.into()
            } else {
                String::new()
            }),
            i_technician: s.technician,
            s_technician: Some(self.technician_name(s.technician)),
            start_time: Some(civil::us_time(s.started)),
            waiting_time_in_sec: i32::try_from(waited.as_secs()).unwrap_or(i32::MAX),
            custom_field0: Some(f0),
            custom_field1: Some(f1),
            custom_field2: Some(f2),
            custom_field3: Some(f3),
            custom_field4: Some(f4),
            custom_field5: Some(f5),
            language: Some("en".into()),
            transferred_to: Some(String::new()),
            transferred_comment: Some(String::new()),
            is_lead: true,
            handing_off: false,
        }
    }

    /// `getSession_V3`: the open sessions of a technician, group or channel.
    pub fn get_session_v3(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &GetSessionV3Request,
    ) -> GetSessionV3Response {
        let r = self.sessions_of(
            now,
            cookie,
            req.auth_code.as_ref(),
            req.node_id,
            &req.node_ref,
        );
        let (result, list) = outcome(r, GetSessionRet::from_suffix);
        GetSessionV3Response {
            result,
            sessions: list.map(|list| ArrayOfSessionV3 {
                session_v3: list.iter().map(|s| Some(self.session_v3(now, s))).collect(),
            }),
        }
    }

    /// `getSession` (v1): the V3 answer without the fields V3 added.
    pub fn get_session(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &GetSessionRequest,
    ) -> GetSessionResponse {
        let v3 = self.get_session_v3(
            now,
            cookie,
            &GetSessionV3Request {
                node_id: req.node_id,
                node_ref: req.node_ref.clone(),
                auth_code: req.auth_code.clone(),
            },
        );
        GetSessionResponse {
            result: v3.result,
            sessions: v3.sessions.map(|list| ArrayOfSession {
                session: list
                    .session_v3
                    .into_iter()
                    .map(|v3| {
                        v3.map(|v3| Session {
                            id: v3.id,
                            b_status: v3.b_status,
                            s_status: v3.s_status,
                            i_entry: v3.i_entry,
                            s_entry: v3.s_entry,
                            i_technician: v3.i_technician,
                            s_technician: v3.s_technician,
                            start_time: v3.start_time,
                            waiting_time_in_sec: v3.waiting_time_in_sec,
                            custom_field0: v3.custom_field0,
                            custom_field1: v3.custom_field1,
                            custom_field2: v3.custom_field2,
                            language: v3.language,
                            transferred_to: v3.transferred_to,
                            transferred_comment: v3.transferred_comment,
                            is_lead: v3.is_lead,
                            handing_off: v3.handing_off,
                        })
                    })
                    .collect(),
            }),
        }
    }

    /// `requestInvitationLink`: a PIN code as a link (`…/R?i=2&Code=NNNNNN`).
    pub fn request_invitation_link(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &RequestInvitationLinkRequest,
    ) -> RequestInvitationLinkResponse {
        let fail = |v: &str| RequestInvitationLinkResponse {
            result: RequestInvitationLinkRet::from_suffix(v),
            // The live service sends `<sInvitationLink/>` on failure (API-SURFACE §3.7).
            invitation_link: Some(String::new()),
        };
        let issued = self.issue_pin(now, cookie, req.auth_code.as_ref(), false);
        let (i, pin) = match issued {
            Ok(x) => x,
            Err(v) => return fail(v),
        };
        if self.accounts[i].node_id != req.node_id {
            return fail("Error");
        }
        if self.console_off.contains(&i) {
            return fail("NoTechConsoleRunning");
        }
        let fields = [
            &req.c_field0,
            &req.c_field1,
            &req.c_field2,
            &req.c_field3,
            &req.c_field4,
            &req.c_field5,
        ]
        .map(|f| f.clone().unwrap_or_default());
        self.pin_fields.insert(pin, fields);
        RequestInvitationLinkResponse {
            result: RequestInvitationLinkRet::Ok,
            invitation_link: Some(format!(
                "https://secure.logmeinrescue.com/R?i=2&Code={pin:06}"
            )),
        }
    }

    /// A customer enters `pin`: a waiting session for the technician who issued it.
    pub fn connect(&mut self, now: Duration, pin: u32) -> Option<i32> {
        let owner = *self.pin_owner.get(&pin)?;
        let node = self.accounts[owner].node_id;
        let fields = self.pin_fields.get(&pin).cloned().unwrap_or_default();
        self.open_session(now, node, None, fields, pin)
    }

    /// A customer comes in on the channel: a waiting session nobody has picked up.
    pub fn connect_channel(&mut self, now: Duration, channel: i32) -> Option<i32> {
        if channel != super::CHANNEL_NODE {
            return None;
        }
        self.open_session(now, 0, Some(channel), Default::default(), 0)
    }

    fn open_session(
        &mut self,
        now: Duration,
        technician: i32,
        channel: Option<i32>,
        custom_fields: [String; 6],
        pin: u32,
    ) -> Option<i32> {
        self.next_session = self.next_session.checked_add(1)?;
        let id = self.next_session;
        while self.waiting.len() >= self.limits.max_waiting.max(1) {
            self.evict_oldest_waiting();
        }
        while self.live.len() >= self.limits.max_waiting.max(1) {
            self.live.pop_first();
        }
        self.waiting.insert(
            id,
            Waiting {
                pin,
                node_id: channel.unwrap_or(technician),
            },
        );
        self.live.insert(
            id,
            LiveSession {
                id,
                status: SessionStatus::Waiting,
                previous: None,
                technician,
                channel,
                started: now,
                picked_up: None,
                custom_fields,
                chat: Vec::new(),
                note: String::new(),
            },
        );
        Some(id)
    }

    /// A technician picks up a waiting session (from the Technician Console): it
    /// becomes active and the chat starts. False when it is not waiting.
    pub fn pick_up(&mut self, now: Duration, session: i32, technician: Option<i32>) -> bool {
        let Some(s) = self.live.get(&session) else {
            return false;
        };
        if s.status != SessionStatus::Waiting {
            return false;
        }
        let tech = technician.unwrap_or(s.technician);
        let name = self.technician_name(tech);
        let stamp = civil::us_time(now);
        let Some(s) = self.live.get_mut(&session) else {
            return false;
        };
        s.previous = Some(s.status.clone());
        s.status = SessionStatus::Pickedup;
        s.technician = tech;
        s.picked_up = Some(now);
        s.chat
            .push(format!("{stamp} {name}: Hello, how can I help?"));
        s.chat
            .push(format!("{stamp} Customer: My printer does not print."));
        self.waiting.remove(&session);
        true
    }

    /// Adds a chat line (from the control endpoint). False for an unknown session.
    pub fn add_chat(&mut self, now: Duration, session: i32, text: &str) -> bool {
        let stamp = civil::us_time(now);
        match self.live.get_mut(&session) {
            Some(s) => {
                if s.chat.len() >= MAX_CHAT_LINES {
                    s.chat.remove(0);
                }
                s.chat.push(format!("{stamp} Customer: {text}"));
                true
            }
            None => false,
        }
    }

    /// Sets a session's note (from the control endpoint). False for an unknown session.
    pub fn set_note(&mut self, session: i32, text: &str) -> bool {
        match self.live.get_mut(&session) {
            Some(s) => {
                s.note = text.to_owned();
                true
            }
            None => false,
        }
    }

    /// All sessions the emulator knows, open or closed, oldest first.
    pub fn live_sessions(&self) -> Vec<LiveSession> {
        self.live.values().cloned().collect()
    }

    /// `startSession`: an administrator picks up a waiting customer for a node.
    pub fn start_session(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &StartSessionRequest,
    ) -> StartSessionResponse {
        let result = match self.admin(now, cookie, req.auth_code.as_ref()) {
            Err(v) => StartSessionRet::from_suffix(v),
            Ok(()) => {
                let node_known = self
                    .accounts
                    .iter()
                    .any(|a| a.node_id == req.node && !a.disabled);
                if node_known && self.pick_up(now, req.session, Some(req.node)) {
                    StartSessionRet::Ok
                } else {
                    // The guide's INVALIDPARAM_SESSION / _NODE have no value in the
                    // WSDL's enum; the emulator answers ActionFailed.
                    StartSessionRet::ActionFailed
                }
            }
        };
        StartSessionResponse { result }
    }

    /// `cancelAction`: undoes the administrator's last action on a session.
    pub fn cancel_action(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &CancelActionRequest,
    ) -> CancelActionResponse {
        let result = match self.admin(now, cookie, req.auth_code.as_ref()) {
            Err(v) => CancelActionRet::from_suffix(v),
            Ok(()) => match self.live.get_mut(&req.session) {
                Some(s) if s.previous.is_some() && s.is_open() => {
                    s.status = s.previous.take().unwrap_or(SessionStatus::Waiting);
                    if s.status == SessionStatus::Waiting {
                        s.picked_up = None;
                        let waiting = Waiting {
                            pin: 0,
                            node_id: s.channel.unwrap_or(s.technician),
                        };
                        self.waiting.insert(req.session, waiting);
                    }
                    CancelActionRet::Ok
                }
                _ => CancelActionRet::ActionFailed,
            },
        };
        CancelActionResponse { result }
    }

    /// `closeSession`: an administrator ends a session.
    pub fn close_session(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &CloseSessionRequest,
    ) -> CloseSessionResponse {
        let result = match self.admin(now, cookie, req.auth_code.as_ref()) {
            Err(v) => CloseSessionRet::from_suffix(v),
            Ok(()) => match self.live.get_mut(&req.session) {
                Some(s) if s.is_open() => {
                    s.previous = None;
                    s.status = SessionStatus::Closedbytechnician;
                    self.waiting.remove(&req.session);
                    CloseSessionRet::Ok
                }
                Some(_) => CloseSessionRet::ActionFailed,
                None => CloseSessionRet::InvalidParamSession,
            },
        };
        CloseSessionResponse { result }
    }

    /// The session the caller may read, or the failure suffix.
    fn readable_session(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        auth: Option<&Secret>,
        session: i32,
    ) -> Result<&LiveSession, Suffix> {
        let i = self.who(now, cookie, auth)?;
        let (node, admin) = (
            self.accounts[i].node_id,
            self.accounts[i].role == Role::Administrator,
        );
        match self.live.get(&session) {
            Some(s) if admin || s.technician == node => Ok(s),
            _ => Err("InvalidParam_SessionID"),
        }
    }

    /// `getChat`: the chat log of a session, one line per message.
    pub fn get_chat(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &GetChatRequest,
    ) -> GetChatResponse {
        let r = self.readable_session(now, cookie, req.auth_code.as_ref(), req.session_id);
        let (result, s) = outcome(r, GetChatRet::from_suffix);
        GetChatResponse {
            result,
            chat_log: s.map(|s| s.chat.join("\n")),
        }
    }

    /// `getNote`: the technician's note on a session.
    pub fn get_note(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &GetNoteRequest,
    ) -> GetNoteResponse {
        let r = self.readable_session(now, cookie, req.auth_code.as_ref(), req.session_id);
        let (result, s) = outcome(r, GetNoteRet::from_suffix);
        GetNoteResponse {
            result,
            note: s.map(|s| s.note.clone()),
        }
    }
}
