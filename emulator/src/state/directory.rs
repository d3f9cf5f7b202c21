//! The account and its nodes: `getAccount`, `getUser`/`setUser`, `getGroup`,
//! `getHierarchy`, `requestAuthCodeSSO`. The hierarchy is fixed around the
//! accounts: a root, an administrators' group, a technicians' group with one
//! channel, and every account under its role's group.

use std::time::Duration;

use logmein_rescue::api::*;

use super::{
    State, Suffix, ACCOUNT_ID, ADMIN_GROUP, CHANNEL_NAME, CHANNEL_NODE, ORGANIZATION, ROOT_NODE,
    TECH_GROUP,
};
use crate::accounts::Role;

/// What `setUser` can change about a user beyond the accounts file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// Display name (`sName`); by default the email's local part.
    pub name: String,
    /// Nickname.
    pub nick: String,
    /// Free text.
    pub description: String,
    /// Single sign-on id, for `requestAuthCodeSSO`.
    pub sso_id: String,
    /// The mobile add-on.
    pub mobile_addon: bool,
}

impl State {
    /// The user's profile (defaults until `setUser` changes it).
    pub fn profile(&self, i: usize) -> Profile {
        self.profiles.get(&i).cloned().unwrap_or_else(|| Profile {
            name: self.accounts[i]
                .email
                .split('@')
                .next()
                .unwrap_or_default()
                .to_owned(),
            ..Profile::default()
        })
    }

    fn status_of(&self, i: usize) -> UserStatus {
        if self.accounts[i].disabled {
            UserStatus::Disabled
        } else if self.sessions.values().any(|(owner, _)| *owner == i) {
            UserStatus::Online
        } else {
            UserStatus::Offline
        }
    }

    fn node_type(&self, i: usize) -> NodeType {
        match self.accounts[i].role {
            Role::Technician => NodeType::Technician,
            Role::Administrator => NodeType::Administrator,
        }
    }

    /// `getAccount`.
    pub fn get_account(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &GetAccountRequest,
    ) -> GetAccountResponse {
        let v2 = self.get_account_v2(
            now,
            cookie,
            &GetAccountV2Request {
                auth_code: req.auth_code.clone(),
            },
        );
        GetAccountResponse {
            result: v2.result,
            account_id: v2.account_id,
            organization: v2.organization,
            admin_id: v2.admin_id,
            tech_id: v2.tech_id,
            email: v2.email,
        }
    }

    /// `getAccount_v2`: as `getAccount`, plus whether the Technician Console runs.
    pub fn get_account_v2(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &GetAccountV2Request,
    ) -> GetAccountV2Response {
        let i = match self.who(now, cookie, req.auth_code.as_ref()) {
            Ok(i) => i,
            Err(v) => {
                return GetAccountV2Response {
                    result: GetAccountRet::from_suffix(v),
                    ..Default::default()
                }
            }
        };
        let a = &self.accounts[i];
        let first_admin = self
            .accounts
            .iter()
            .find(|a| a.role == Role::Administrator)
            .map_or(0, |a| a.node_id);
        let tech = a.role == Role::Technician;
        GetAccountV2Response {
            result: GetAccountRet::Ok,
            account_id: ACCOUNT_ID,
            organization: Some(ORGANIZATION.into()),
            admin_id: if tech { first_admin } else { a.node_id },
            tech_id: if tech { a.node_id } else { 0 },
            email: Some(a.email.clone()),
            tc_running: tech && !self.console_off.contains(&i),
        }
    }

    /// `getUser`: a person node.
    pub fn get_user(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &GetUserRequest,
    ) -> GetUserResponse {
        let fail = |v: &str| GetUserResponse {
            result: GetUserRet::from_suffix(v),
            user: None,
        };
        if let Err(v) = self.who(now, cookie, req.auth_code.as_ref()) {
            return fail(v);
        }
        let Some(i) = self.accounts.iter().position(|a| a.node_id == req.node_id) else {
            return fail("InvalidParam_NodeID");
        };
        let p = self.profile(i);
        GetUserResponse {
            result: GetUserRet::Ok,
            user: Some(User {
                node_id: req.node_id,
                name: Some(p.name),
                nick: Some(p.nick),
                email: Some(self.accounts[i].email.clone()),
                ssoid: Some(p.sso_id),
                description: Some(p.description),
                type_: self.node_type(i),
                account_holder: i == 0,
                has_mobile_addon: p.mobile_addon,
                status: self.status_of(i),
            }),
        }
    }

    /// `setUser`: an administrator updates a person node.
    pub fn set_user(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &SetUserRequest,
    ) -> SetUserResponse {
        let result = match self.apply_set_user(now, cookie, req) {
            Ok(()) => SetUserRet::Ok,
            Err(v) => SetUserRet::from_suffix(v),
        };
        SetUserResponse { result }
    }

    fn apply_set_user(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &SetUserRequest,
    ) -> Result<(), Suffix> {
        let caller = self.who(now, cookie, req.auth_code.as_ref())?;
        let Some(i) = self.accounts.iter().position(|a| a.node_id == req.node_id) else {
            return Err("InvalidParam_NodeID");
        };
        if caller != i && self.accounts[caller].role != Role::Administrator {
            return Err("InvalidParam_NodeID");
        }
        let name = req.name.as_deref().unwrap_or_default().trim();
        if name.is_empty() {
            return Err("InvalidParam_Name");
        }
        let email = req.email.as_deref().unwrap_or_default().trim();
        if !email.contains('@') {
            return Err("InvalidParam_Email");
        }
        if self
            .accounts
            .iter()
            .enumerate()
            .any(|(j, a)| j != i && super::same_email(&a.email, email))
        {
            return Err("InvalidParam_Email_Already_In_Use");
        }
        let disabled = match req.status {
            UserSetStatus::Disabled => true,
            UserSetStatus::Enabled => false,
            UserSetStatus::Unknown(_) => return Err("InvalidParam_Status"),
        };
        let mobile = match req.add_ons {
            Addons::True => true,
            Addons::False => false,
            Addons::Unknown(_) => return Err("InvalidParam_MobileAddOn"),
        };
        let new_password = req
            .pwd
            .as_ref()
            .map(|p| p.expose().to_owned())
            .filter(|p| !p.is_empty());
        if let Some(pwd) = &new_password {
            if pwd.chars().any(char::is_whitespace) {
                return Err("InvalidParam_Password_Cannot_Contain_Whitespace_Characters");
            }
            if req.conf_pwd.as_ref().map(|p| p.expose()) != Some(pwd.as_str()) {
                return Err("Error");
            }
            let current = req.current_pwd.as_ref().map(|p| p.expose());
            if caller == i && current != Some(self.accounts[i].password.as_str()) {
                return Err("InvalidParam_Missing_Current_Password");
            }
        }
        let account = &mut self.accounts[i];
        account.email = email.to_owned();
        account.disabled = disabled;
        if let Some(pwd) = new_password {
            account.password = pwd;
        }
        self.profiles.insert(
            i,
            Profile {
                name: name.to_owned(),
                nick: req.nick.clone().unwrap_or_default(),
                description: req.description.clone().unwrap_or_default(),
                sso_id: req.ssoid.clone().unwrap_or_default(),
                mobile_addon: mobile,
            },
        );
        Ok(())
    }

    /// `getGroup`: one of the two groups.
    pub fn get_group(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &GetGroupRequest,
    ) -> GetGroupResponse {
        let fail = |v: &str| GetGroupResponse {
            result: GetGroupRet::from_suffix(v),
            group: None,
        };
        if let Err(v) = self.who(now, cookie, req.auth_code.as_ref()) {
            return fail(v);
        }
        use NodePermissions as P;
        let (name, type_, permissions) = match req.node_id {
            TECH_GROUP => (
                "Support",
                NodeType::TechnicianGroup,
                vec![
                    P::RemoteControl,
                    P::RemoteView,
                    P::SendFile,
                    P::SendUrl,
                    P::ViewSystemInformation,
                    P::ChatSuppression,
                ],
            ),
            ADMIN_GROUP => (
                "Administrators",
                NodeType::AdministratorGroup,
                vec![P::RemoteControl, P::RemoteView],
            ),
            _ => return fail("InvalidParam_NodeID"),
        };
        GetGroupResponse {
            result: GetGroupRet::Ok,
            group: Some(Group {
                node_id: req.node_id,
                name: Some(name.into()),
                description: Some(String::new()),
                type_,
                permissions: Some(ArrayOfNodePermissions {
                    node_permissions: permissions,
                }),
            }),
        }
    }

    /// `getHierarchy`: every node, parents before children.
    pub fn get_hierarchy(
        &mut self,
        now: Duration,
        cookie: Option<&str>,
        req: &GetHierarchyRequest,
    ) -> GetHierarchyResponse {
        if let Err(v) = self.who(now, cookie, req.auth_code.as_ref()) {
            return GetHierarchyResponse {
                result: GetHierarchyRet::from_suffix(v),
                hierarchy: None,
            };
        }
        let node = |id, parent, name: &str, type_| Hierarchy {
            node_id: Some(id),
            parent_id: Some(parent),
            name: Some(name.to_owned()),
            email: Some(String::new()),
            description: Some(String::new()),
            status: None,
            type_,
        };
        let mut all = vec![
            node(ROOT_NODE, 0, ORGANIZATION, NodeType::Root),
            node(
                ADMIN_GROUP,
                ROOT_NODE,
                "Administrators",
                NodeType::AdministratorGroup,
            ),
            node(TECH_GROUP, ROOT_NODE, "Support", NodeType::TechnicianGroup),
            node(CHANNEL_NODE, TECH_GROUP, CHANNEL_NAME, NodeType::Channel),
        ];
        for (i, a) in self.accounts.iter().enumerate() {
            let parent = match a.role {
                Role::Technician => TECH_GROUP,
                Role::Administrator => ADMIN_GROUP,
            };
            all.push(Hierarchy {
                email: Some(a.email.clone()),
                status: Some(self.status_of(i)),
                ..node(a.node_id, parent, &self.profile(i).name, self.node_type(i))
            });
        }
        GetHierarchyResponse {
            result: GetHierarchyRet::Ok,
            hierarchy: Some(ArrayOfHierarchy {
                hierarchy: all.into_iter().map(Some).collect(),
            }),
        }
    }

    /// `requestAuthCodeSSO`: an auth code for a user's single sign-on id.
    pub fn request_auth_code_sso(
        &mut self,
        now: Duration,
        req: &RequestAuthCodeSsoRequest,
    ) -> RequestAuthCodeSsoResponse {
        let fail = |v: &str| RequestAuthCodeSsoResponse {
            result: RequestAuthCodeSsoRet::from_suffix(v),
            auth_code: None,
        };
        let company = req.company.as_deref().unwrap_or_default();
        if company.is_empty() || !company.bytes().all(|b| b.is_ascii_digit()) {
            return fail("InvalidParam_Company");
        }
        let sso = req.ssoid.as_deref().unwrap_or_default();
        let password = req.password.as_ref().map(|p| p.expose());
        let found = (0..self.accounts.len()).find(|&i| {
            !sso.is_empty()
                && self.profile(i).sso_id == sso
                && password == Some(self.accounts[i].password.as_str())
        });
        let Some(i) = found.filter(|_| company == ACCOUNT_ID.to_string()) else {
            return fail("Invalid");
        };
        match self.grant_auth_code(now, i) {
            Ok(code) => RequestAuthCodeSsoResponse {
                result: RequestAuthCodeSsoRet::Ok,
                auth_code: Some(code.into()),
            },
            Err(_) => fail("Error"),
        }
    }
}
