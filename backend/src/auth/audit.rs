//! The audit trail: one line per mutation attempt (who, role, what, which service, result), as a
//! `tracing` event with target `audit` and, with `--audit-log PATH`, as one JSON object per line
//! appended to that file.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

use axum::http::StatusCode;
use serde::Serialize;
use shared::api::Role;

use super::principal::Principal;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    /// Epoch seconds.
    pub at: i64,
    pub who: String,
    pub role: Role,
    /// `auth` mode of the request: none, token, proxy.
    pub via: shared::api::AuthMode,
    /// Method and path, e.g. `PUT /api/v1/services/us-east-1/shop/tracing`.
    pub what: String,
    pub region: Option<String>,
    pub service: Option<String>,
    /// The HTTP status answered.
    pub status: u16,
    pub result: &'static str,
}

impl AuditEvent {
    /// `what` is the method and path; `region` and `service` come from the route's parameters
    /// (see `http::routes::table::Lookup::service`).
    pub fn new(
        at: i64,
        principal: &Principal,
        what: String,
        region: Option<&str>,
        service: Option<&str>,
        status: StatusCode,
    ) -> Self {
        let result = match status.as_u16() {
            200..=299 => "ok",
            400..=499 => "refused",
            _ => "failed",
        };
        Self {
            at,
            who: principal.who().to_owned(),
            role: principal.role,
            via: principal.mode,
            what,
            region: region.map(str::to_owned),
            service: service.map(str::to_owned),
            status: status.as_u16(),
            result,
        }
    }
}

/// Where audit lines go besides the log.
#[derive(Debug, Default)]
pub struct AuditLog {
    file: Option<Mutex<File>>,
}

impl AuditLog {
    /// Opens `path` for appending (creating it); never truncates an existing trail.
    pub fn open(path: &Path) -> Result<Self, String> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| format!("cannot open the audit log {}: {e}", path.display()))?;
        Ok(Self {
            file: Some(Mutex::new(file)),
        })
    }

    pub fn record(&self, event: &AuditEvent) {
        tracing::info!(
            target: "audit",
            who = %event.who,
            role = ?event.role,
            via = ?event.via,
            what = %event.what,
            region = event.region.as_deref().unwrap_or("-"),
            service = event.service.as_deref().unwrap_or("-"),
            status = event.status,
            result = event.result,
            "mutation"
        );
        let Some(file) = &self.file else { return };
        let Ok(mut line) = serde_json::to_string(event) else {
            return;
        };
        line.push('\n');
        // One write per line, so concurrent requests never interleave within a line.
        let written = match file.lock() {
            Ok(mut file) => file.write_all(line.as_bytes()),
            Err(poisoned) => poisoned.into_inner().write_all(line.as_bytes()),
        };
        if let Err(error) = written {
            tracing::error!(target: "audit", %error, "cannot write the audit log");
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::http::Method;
    use shared::api::AuthMode;

    use super::*;
    use crate::http::routes::table;

    fn alice() -> Principal {
        Principal {
            mode: AuthMode::Token,
            role: Role::Operator,
            user: Some("alice".into()),
        }
    }

    /// An attempt of `PUT path` answered `status`, as the auth layer records it.
    fn event(at: i64, who: &Principal, path: &str, status: u16) -> AuditEvent {
        let route = table::lookup(&Method::PUT, path);
        let (region, service) = route.service();
        let status = StatusCode::from_u16(status).expect("a status");
        AuditEvent::new(at, who, format!("PUT {path}"), region, service, status)
    }

    #[test]
    fn events_name_the_service_and_the_result() {
        let check = |path: &str, status: u16, expect: (Option<&str>, Option<&str>, &str)| {
            let event = event(7, &alice(), path, status);
            let got = (
                event.region.as_deref(),
                event.service.as_deref(),
                event.result,
            );
            assert_eq!(got, expect, "{path} {status}");
            assert_eq!(event.what, format!("PUT {path}"));
        };
        check(
            "/api/v1/services/us-east-1/shop/tracing",
            202,
            (Some("us-east-1"), Some("shop"), "ok"),
        );
        check(
            "/api/v1/services/eu-west-1/cart/tracing",
            403,
            (Some("eu-west-1"), Some("cart"), "refused"),
        );
        check("/api/v1/other", 502, (None, None, "failed"));
    }

    #[test]
    fn the_file_gets_one_json_object_per_line_and_keeps_old_lines() {
        let dir = std::env::temp_dir().join(format!("runtrace-audit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temp dir");
        let path = dir.join("audit.jsonl");
        std::fs::write(&path, "{\"earlier\":true}\n").expect("seed line");
        let log = AuditLog::open(&path).expect("opens");
        let tracing = "/api/v1/services/us-east-1/shop/tracing";
        log.record(&event(1, &alice(), tracing, 202));
        log.record(&event(2, &Principal::local(), tracing, 409));
        let text = std::fs::read_to_string(&path).expect("readable");
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1]["who"], "alice");
        assert_eq!(lines[1]["role"], "operator");
        assert_eq!(lines[1]["service"], "shop");
        assert_eq!(lines[1]["result"], "ok");
        assert_eq!(lines[2]["who"], "local");
        assert_eq!(lines[2]["result"], "refused");
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
