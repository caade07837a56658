//! Who is asking, as decided by the auth layer; handlers and `/api/v1/config` read it from the
//! request's extensions.

use shared::api::{AuthMode, Role};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// How this request was authenticated (`Embed` for a signed embed link).
    pub mode: AuthMode,
    /// With `none`, everyone on the loopback address is an operator.
    pub role: Role,
    /// The token's name or the proxy's user; absent with `none` and embed links.
    pub user: Option<String>,
}

impl Principal {
    pub fn local() -> Self {
        Self {
            mode: AuthMode::None,
            role: Role::Operator,
            user: None,
        }
    }

    pub fn embed() -> Self {
        Self {
            mode: AuthMode::Embed,
            role: Role::Viewer,
            user: None,
        }
    }

    /// The role as `/api/v1/config` reports it: none when nobody signed in.
    pub fn reported_role(&self) -> Option<Role> {
        (self.mode != AuthMode::None).then_some(self.role)
    }

    /// Whether the request was let in as itself, not as anyone (the bundle, the health probe).
    pub fn signed_in(&self) -> bool {
        self.user.is_some() || matches!(self.mode, AuthMode::None | AuthMode::Embed)
    }

    /// A name for the audit log, never empty.
    pub fn who(&self) -> &str {
        match (&self.user, self.mode) {
            (Some(user), _) => user,
            (None, AuthMode::None) => "local",
            (None, AuthMode::Embed) => "embed-link",
            (None, _) => "anonymous",
        }
    }
}
