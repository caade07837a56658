//! What a person is told about a failed AWS call: a stable code from `shared::api::codes` and a
//! message that says what to do. The detail (AWS's own text, request id) goes to the log.

use shared::api::codes;

use super::error::{ErrorKind, UpstreamError};

impl UpstreamError {
    pub fn public_code(&self) -> &'static str {
        match self.kind {
            ErrorKind::AccessDenied => codes::FORBIDDEN,
            ErrorKind::Throttled => codes::THROTTLED,
            ErrorKind::NotFound { .. } => codes::NOT_FOUND,
            ErrorKind::ServiceBusy | ErrorKind::NotRunning { .. } => codes::SERVICE_BUSY,
            ErrorKind::Conflict { .. } => codes::CONFLICT,
            ErrorKind::Credentials => codes::UNAUTHORIZED,
            ErrorKind::InvalidRequest => codes::BAD_REQUEST,
            ErrorKind::Unavailable => codes::UPSTREAM_UNAVAILABLE,
            ErrorKind::Fault => codes::UPSTREAM_ERROR,
        }
    }

    pub fn public_message(&self) -> String {
        let (action, region) = (self.action, &self.region);
        match &self.kind {
            ErrorKind::AccessDenied => format!(
                "AWS denied {action} in {region}: the IAM policy of runtrace's credentials must \
                 allow the action `{action}` (README.md lists the whole policy)"
            ),
            ErrorKind::Throttled => format!(
                "AWS is throttling {action} in {region} even after retries; try again in a few \
                 seconds"
            ),
            ErrorKind::NotFound { what } if action == "xray:BatchGetTraces" => {
                format!("{what} not found (traces are kept 30 days)")
            }
            ErrorKind::NotFound { what } if what.is_empty() => {
                format!("AWS found nothing for {action} in {region}")
            }
            ErrorKind::NotFound { what } => format!("{what} not found"),
            ErrorKind::ServiceBusy => "the service is busy with another operation; try again \
                once it is RUNNING"
                .to_owned(),
            ErrorKind::NotRunning { service, status } => format!(
                "service {service} is {status}, not RUNNING: tracing can only be changed on a \
                 running service"
            ),
            ErrorKind::Conflict { reason } => reason.clone(),
            ErrorKind::Credentials => "AWS did not accept runtrace's credentials (missing, \
                expired or invalid): renew them (for SSO run `aws sso login`; keys in \
                environment variables need a restart of runtrace)"
                .to_owned(),
            ErrorKind::InvalidRequest => match &self.aws_message {
                Some(message) => format!("AWS refused {action}: {message}"),
                None => format!("AWS refused {action} as invalid"),
            },
            ErrorKind::Unavailable => {
                format!("AWS ({region}) could not be reached or did not answer {action} in time")
            }
            ErrorKind::Fault => {
                format!("AWS answered {action} in {region} with a server error; try again")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_what_to_do() {
        let check = |kind: ErrorKind, action: &'static str, code: &str, says: &str| {
            let error = UpstreamError::new(kind, action, "us-east-1", "detail");
            assert_eq!(error.public_code(), code);
            let message = error.public_message();
            assert!(
                message.contains(says),
                "{message:?} should contain {says:?}"
            );
        };
        check(
            ErrorKind::AccessDenied,
            "xray:GetServiceGraph",
            "forbidden",
            "`xray:GetServiceGraph`",
        );
        check(
            ErrorKind::Throttled,
            "xray:GetGroups",
            "throttled",
            "try again",
        );
        check(
            ErrorKind::NotFound {
                what: "trace 1-5f000000-000000000000000000000000".into(),
            },
            "xray:BatchGetTraces",
            "not_found",
            "not found (traces are kept 30 days)",
        );
        check(
            ErrorKind::NotFound {
                what: "service api in us-east-1".into(),
            },
            "apprunner:ListServices",
            "not_found",
            "service api in us-east-1 not found",
        );
        check(
            ErrorKind::ServiceBusy,
            "apprunner:UpdateService",
            "service_busy",
            "busy with another operation",
        );
        check(
            ErrorKind::NotRunning {
                service: "api".into(),
                status: "PAUSED".into(),
            },
            "apprunner:UpdateService",
            "service_busy",
            "api is PAUSED, not RUNNING",
        );
        check(
            ErrorKind::Conflict {
                reason: "search has no task role".into(),
            },
            "ecs:UpdateExpressGatewayService",
            "conflict",
            "search has no task role",
        );
        check(
            ErrorKind::Credentials,
            "apprunner:ListServices",
            "unauthorized",
            "aws sso login",
        );
        check(
            ErrorKind::Unavailable,
            "xray:GetGroups",
            "upstream_unavailable",
            "could not be reached",
        );
        check(
            ErrorKind::Fault,
            "xray:GetGroups",
            "upstream_error",
            "server error",
        );
    }

    #[test]
    fn invalid_requests_show_aws_reason() {
        let mut error = UpstreamError::new(
            ErrorKind::InvalidRequest,
            "xray:GetTraceSummaries",
            "us-east-1",
            "d",
        );
        error.aws_message = Some("bad filter".into());
        assert_eq!(
            error.public_message(),
            "AWS refused xray:GetTraceSummaries: bad filter"
        );
    }
}
