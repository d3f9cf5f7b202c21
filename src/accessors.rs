//! Conveniences on generated types: the lists ASMX wraps in `ArrayOf…` elements
//! (items may be `nil`) as plain iterators, and typed reads of values the service
//! sends as strings.

use crate::api;
use crate::us_time::{InvalidUsDateTime, UsDateTime};

impl api::GetSessionV3Response {
    /// The sessions (none when `aSessions` is absent; `nil` items skipped). One
    /// session or many, it is always a list.
    pub fn sessions(&self) -> impl Iterator<Item = &api::SessionV3> {
        self.sessions
            .iter()
            .flat_map(|a| a.session_v3.iter().flatten())
    }
}

impl api::GetSessionResponse {
    /// The sessions (none when `aSessions` is absent; `nil` items skipped).
    pub fn sessions(&self) -> impl Iterator<Item = &api::Session> {
        self.sessions
            .iter()
            .flat_map(|a| a.session.iter().flatten())
    }
}

impl api::GetHierarchyResponse {
    /// The nodes (none when `aHierarchy` is absent; `nil` items skipped).
    pub fn nodes(&self) -> impl Iterator<Item = &api::Hierarchy> {
        self.hierarchy
            .iter()
            .flat_map(|a| a.hierarchy.iter().flatten())
    }
}

impl api::Group {
    /// The group's permissions (none when `aPermissions` is absent).
    pub fn permission_list(&self) -> &[api::NodePermissions] {
        self.permissions
            .as_ref()
            .map_or(&[], |p| p.node_permissions.as_slice())
    }
}

impl api::SessionV3 {
    /// `sStartTime` read from its US format; `None` when absent or empty.
    pub fn started_at(&self) -> Option<Result<UsDateTime, InvalidUsDateTime>> {
        parse_start(self.start_time.as_deref())
    }
}

impl api::Session {
    /// `sStartTime` read from its US format; `None` when absent or empty.
    pub fn started_at(&self) -> Option<Result<UsDateTime, InvalidUsDateTime>> {
        parse_start(self.start_time.as_deref())
    }
}

fn parse_start(text: Option<&str>) -> Option<Result<UsDateTime, InvalidUsDateTime>> {
    text.filter(|t| !t.trim().is_empty()).map(str::parse)
}
