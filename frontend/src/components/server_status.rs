use leptos::prelude::*;
use shared::api::{Config, Role};

/// One line on the server this page talks to: its version, demo or AWS, read-only, and who is
/// signed in.
#[component]
pub fn ServerStatus(
    /// The server's configuration, as `/api/v1/config` reported it.
    config: Config,
) -> impl IntoView {
    let upstream = match &config.demo {
        Some(scenario) => format!("demo: {scenario} scenario"),
        None => "AWS".to_owned(),
    };
    let user = config.user.map(|user| match config.role {
        Some(role) => format!("signed in as {user} ({})", role_name(role)),
        None => format!("signed in as {user}"),
    });

    view! {
        <span class="status-dot" aria-hidden="true"></span>
        <span class="server-mode">{upstream}</span>
        {config.read_only.then(|| view! { <span class="badge">"read-only"</span> })}
        {user.map(|user| view! { <span>{user}</span> })}
        <span class="muted">"runtrace " {config.version}</span>
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Viewer => "viewer",
        Role::Operator => "operator",
    }
}
