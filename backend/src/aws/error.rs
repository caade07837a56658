//! What can go wrong talking to AWS, classified so the HTTP layer can answer with a fitting status
//! and a message a person can act on, without knowing the SDK's error types.

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_xray::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_xray::operation::RequestId;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

/// The kinds of failure the dashboard tells apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The credentials' IAM policy does not allow the action.
    AccessDenied,
    /// AWS still throttled after the SDK's retries.
    Throttled,
    /// The thing asked for does not exist; `what` names it for a person, e.g. "service `api` in
    /// us-east-1".
    NotFound { what: String },
    /// App Runner's `InvalidStateException`: another operation is running on the service.
    ServiceBusy,
    /// A change was asked of a service that is not `RUNNING`.
    NotRunning { service: String, status: String },
    /// The change cannot be made to the service as it is; `reason` says why, for a person
    /// (an Express service without a task role, tracing set up outside runtrace, ...).
    Conflict { reason: String },
    /// No credentials, or credentials AWS refused (expired, unknown key, bad signature).
    Credentials,
    /// AWS refused the request as malformed; its message says why.
    InvalidRequest,
    /// AWS could not be reached or did not answer in time.
    Unavailable,
    /// AWS answered with a server fault even after retries, or with something unexpected.
    Fault,
}

/// A failed AWS call, boxed: errors travel through every `Result` of the AWS layer, and most
/// of those results are `Ok`.
#[derive(Debug, Clone, thiserror::Error)]
#[error(transparent)]
pub struct UpstreamError(Box<Failure>);

impl std::ops::Deref for UpstreamError {
    type Target = Failure;

    fn deref(&self) -> &Failure {
        &self.0
    }
}

impl std::ops::DerefMut for UpstreamError {
    fn deref_mut(&mut self) -> &mut Failure {
        &mut self.0
    }
}

/// What went wrong: its kind, the IAM action the call needed, and the detail for the log.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{action} in {region} failed: {detail}")]
pub struct Failure {
    pub kind: ErrorKind,
    /// The IAM action of the call, e.g. `xray:GetServiceGraph`.
    pub action: &'static str,
    pub region: String,
    /// AWS's error code, e.g. `AccessDeniedException`.
    pub aws_code: Option<String>,
    /// AWS's own message; only shown for [`ErrorKind::InvalidRequest`], logged for the rest.
    pub aws_message: Option<String>,
    pub request_id: Option<String>,
    /// Everything known about the failure, for the log.
    pub detail: String,
}

impl UpstreamError {
    /// An error runtrace decided on itself (not found, not running), not one AWS returned.
    pub fn new(
        kind: ErrorKind,
        action: &'static str,
        region: &str,
        detail: impl Into<String>,
    ) -> Self {
        Self(Box::new(Failure {
            kind,
            action,
            region: region.to_owned(),
            aws_code: None,
            aws_message: None,
            request_id: None,
            detail: detail.into(),
        }))
    }

    /// Classifies a failed SDK call to `action` in `region`.
    pub fn from_sdk<E>(action: &'static str, region: &str, error: SdkError<E, HttpResponse>) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let status = error
            .raw_response()
            .map(|response| response.status().as_u16());
        let code = error.code().map(str::to_owned);
        let kind = match &error {
            SdkError::TimeoutError(_) => ErrorKind::Unavailable,
            SdkError::DispatchFailure(_) | SdkError::ConstructionFailure(_) => {
                if caused_by_credentials(&error) {
                    ErrorKind::Credentials
                } else {
                    ErrorKind::Unavailable
                }
            }
            _ => classify(code.as_deref(), status),
        };
        Self(Box::new(Failure {
            kind,
            action,
            region: region.to_owned(),
            aws_message: error.message().map(str::to_owned),
            request_id: error.request_id().map(str::to_owned),
            aws_code: code,
            detail: DisplayErrorContext(&error).to_string(),
        }))
    }
}

/// Classifies an error response by AWS's error code, falling back to the HTTP status when the
/// code is missing or unknown.
pub fn classify(code: Option<&str>, status: Option<u16>) -> ErrorKind {
    match code.unwrap_or_default() {
        "AccessDeniedException" | "AccessDenied" | "UnauthorizedOperation" => {
            ErrorKind::AccessDenied
        }
        "ThrottledException"
        | "ThrottlingException"
        | "Throttling"
        | "TooManyRequestsException"
        | "RequestLimitExceeded" => ErrorKind::Throttled,
        "ResourceNotFoundException"
        | "NotFoundException"
        | "ServiceNotFoundException"
        | "ClusterNotFoundException" => ErrorKind::NotFound {
            what: String::new(),
        },
        "InvalidStateException" | "ServiceNotActiveException" => ErrorKind::ServiceBusy,
        "ExpiredTokenException"
        | "ExpiredToken"
        | "UnrecognizedClientException"
        | "InvalidClientTokenId"
        | "InvalidSignatureException"
        | "SignatureDoesNotMatch"
        | "IncompleteSignature"
        | "MissingAuthenticationToken"
        | "InvalidAccessKeyId" => ErrorKind::Credentials,
        "InvalidRequestException"
        | "ValidationException"
        | "InvalidParameterException"
        | "InvalidParameterValue"
        | "ClientException"
        | "UnsupportedFeatureException" => ErrorKind::InvalidRequest,
        _ => match status.unwrap_or(500) {
            401 => ErrorKind::Credentials,
            403 => ErrorKind::AccessDenied,
            404 => ErrorKind::NotFound {
                what: String::new(),
            },
            429 => ErrorKind::Throttled,
            _ => ErrorKind::Fault,
        },
    }
}

/// The credential chain's errors arrive wrapped as dispatch or construction failures.
fn caused_by_credentials(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(error) = current {
        if error.is::<CredentialsError>() {
            return true;
        }
        current = error.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_statuses_are_classified() {
        let check = |code: Option<&str>, status: Option<u16>, expect: ErrorKind| {
            assert_eq!(classify(code, status), expect, "{code:?} {status:?}");
        };
        let not_found = ErrorKind::NotFound {
            what: String::new(),
        };
        check(
            Some("AccessDeniedException"),
            Some(403),
            ErrorKind::AccessDenied,
        );
        check(Some("ThrottledException"), Some(429), ErrorKind::Throttled);
        check(Some("ThrottlingException"), Some(400), ErrorKind::Throttled);
        check(
            Some("ResourceNotFoundException"),
            Some(400),
            not_found.clone(),
        );
        check(
            Some("InvalidStateException"),
            Some(400),
            ErrorKind::ServiceBusy,
        );
        check(
            Some("ExpiredTokenException"),
            Some(400),
            ErrorKind::Credentials,
        );
        check(
            Some("UnrecognizedClientException"),
            Some(403),
            ErrorKind::Credentials,
        );
        check(
            Some("InvalidSignatureException"),
            Some(403),
            ErrorKind::Credentials,
        );
        check(
            Some("InvalidRequestException"),
            Some(400),
            ErrorKind::InvalidRequest,
        );
        check(
            Some("ServiceNotFoundException"),
            Some(400),
            not_found.clone(),
        );
        check(
            Some("ClusterNotFoundException"),
            Some(400),
            not_found.clone(),
        );
        check(
            Some("ServiceNotActiveException"),
            Some(400),
            ErrorKind::ServiceBusy,
        );
        check(
            Some("ClientException"),
            Some(400),
            ErrorKind::InvalidRequest,
        );
        check(
            Some("InternalServiceErrorException"),
            Some(500),
            ErrorKind::Fault,
        );
        check(Some("SomethingNew"), Some(503), ErrorKind::Fault);
        check(None, Some(401), ErrorKind::Credentials);
        check(None, Some(403), ErrorKind::AccessDenied);
        check(None, Some(404), not_found);
        check(None, Some(429), ErrorKind::Throttled);
        check(None, None, ErrorKind::Fault);
    }

    #[test]
    fn credential_errors_are_found_anywhere_in_the_cause_chain() {
        #[derive(Debug, thiserror::Error)]
        #[error("dispatch failed")]
        struct Wrapper(#[source] CredentialsError);

        let wrapped = Wrapper(CredentialsError::not_loaded("no credentials in the chain"));
        assert!(caused_by_credentials(&wrapped));
        let unrelated = std::io::Error::other("connection refused");
        assert!(!caused_by_credentials(&unrelated));
    }
}
