//! Accounts the emulator knows: the three defaults, or a TOML file.

use serde::Deserialize;

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Requests PIN codes and email texts.
    Technician,
    /// Starts sessions for technicians.
    Administrator,
}

/// One user.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// Login email.
    pub email: String,
    /// Login password.
    pub password: String,
    /// Technician or administrator.
    pub role: Role,
    /// The user's node id (for `requestPINCodeV3` and `startSession`).
    pub node_id: i32,
    /// Whether the user may use Rescue Lens.
    #[serde(default)]
    pub lens: bool,
    /// SMS messages left for `requestLensPINCodeV3`.
    #[serde(default)]
    pub sms_quota: u32,
    /// A disabled user cannot log in and gets `…_User_Deleted_Or_Disabled`.
    #[serde(default)]
    pub disabled: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountsFile {
    #[serde(default, rename = "account")]
    accounts: Vec<Account>,
}

/// The default accounts: a technician with Lens access and an SMS quota, an
/// administrator, and a disabled user.
pub fn default_accounts() -> Vec<Account> {
    vec![
        Account {
            email: "tech@example.com".into(),
            password: "tech-password".into(),
            role: Role::Technician,
            node_id: 1001,
            lens: true,
            sms_quota: 10,
            disabled: false,
        },
        Account {
            email: "admin@example.com".into(),
            password: "admin-password".into(),
            role: Role::Administrator,
            node_id: 1000,
            lens: false,
            sms_quota: 0,
            disabled: false,
        },
        Account {
            email: "disabled@example.com".into(),
            password: "disabled-password".into(),
            role: Role::Technician,
            node_id: 1002,
            lens: false,
            sms_quota: 0,
            disabled: true,
        },
    ]
}

/// Reads accounts from TOML: `[[account]]` tables with `email`, `password`,
/// `role` (`technician`/`administrator`), `node_id`, and optional `lens`,
/// `sms_quota`, `disabled`. They are added to the defaults. An unknown key is an
/// error naming its line and column (a typo must not silently change nothing).
pub fn parse_accounts(toml_text: &str) -> Result<Vec<Account>, String> {
    let file: AccountsFile = toml::from_str(toml_text).map_err(|e| {
        let at = e.span().map(|span| {
            let mut start = span.start.min(toml_text.len());
            while !toml_text.is_char_boundary(start) {
                start -= 1;
            }
            let before = &toml_text[..start];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}: ")
        });
        format!("{}{}", at.unwrap_or_default(), e.message().trim())
    })?;
    let mut all = default_accounts();
    for a in file.accounts {
        all.retain(|d| !d.email.eq_ignore_ascii_case(&a.email));
        all.push(a);
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_refused_with_their_place() {
        let e = parse_accounts(
            "[[account]]\nemail = \"a@b.c\"\npassword = \"p\"\nrole = \"technician\"\nnode_id = 1\nsms_qouta = 3\n",
        )
        .unwrap_err();
        assert!(
            e.starts_with("line 6, column 1: unknown field `sms_qouta`"),
            "{e}"
        );
    }
}
