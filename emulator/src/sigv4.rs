//! SigV4 verification: the emulator refuses what AWS would refuse, so a client that works against
//! it signs correctly for AWS too. The signature is recomputed with `aws-sigv4` (the signer the AWS
//! SDK for Rust uses) over exactly the headers the client says it signed.

use std::time::{Duration, UNIX_EPOCH};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use axum::http::HeaderMap;
use subtle::ConstantTimeEq;

use crate::amz_date::{format_amz_date, parse_amz_date};
use crate::protocol::AwsError;

/// AWS tolerates this much difference between the signer's clock and its own.
const MAX_SKEW_SECONDS: f64 = 300.0;
const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authorization {
    pub access_key_id: String,
    pub date: String,
    pub region: String,
    pub service: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
}

/// The request as the verifier sees it.
pub struct SignedRequest<'a> {
    pub method: &'a str,
    pub path_and_query: &'a str,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

/// The region of a request, read from its credential scope without checking the signature.
pub fn scope_region(headers: &HeaderMap) -> Option<String> {
    let value = headers.get("authorization")?.to_str().ok()?;
    parse_authorization(value).ok().map(|auth| auth.region)
}

pub fn parse_authorization(value: &str) -> Result<Authorization, AwsError> {
    let incomplete = |what: &str| {
        AwsError::new(
            400,
            "IncompleteSignatureException",
            format!("Authorization header requires '{what}' parameter. Authorization={value}"),
        )
    };
    let rest = value.strip_prefix(ALGORITHM).ok_or_else(|| {
        AwsError::new(
            400,
            "IncompleteSignatureException",
            format!("Unsupported algorithm; only {ALGORITHM} is accepted"),
        )
    })?;
    let field = |name: &str| {
        rest.split(',')
            .map(str::trim)
            .find_map(|part| part.strip_prefix(name)?.strip_prefix('='))
            .filter(|v| !v.is_empty())
            .ok_or_else(|| incomplete(name))
    };
    let credential = field("Credential")?;
    let signed_headers = field("SignedHeaders")?;
    let signature = field("Signature")?;
    let scope: Vec<&str> = credential.split('/').collect();
    let [access_key_id, date, region, service, "aws4_request"] = scope.as_slice() else {
        return Err(incomplete("Credential"));
    };
    Ok(Authorization {
        access_key_id: (*access_key_id).to_owned(),
        date: (*date).to_owned(),
        region: (*region).to_owned(),
        service: (*service).to_owned(),
        signed_headers: signed_headers.split(';').map(str::to_owned).collect(),
        signature: signature.to_owned(),
    })
}

fn invalid_signature(message: impl Into<String>) -> AwsError {
    AwsError::new(403, "InvalidSignatureException", message)
}

/// Checks a request's signature against the configured key pair; on success returns the parsed
/// header (its scope names the request's region).
pub fn verify(
    request: &SignedRequest<'_>,
    access_key_id: &str,
    secret_access_key: &str,
    service: &str,
    now_epoch_s: f64,
) -> Result<Authorization, AwsError> {
    let header = request
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            AwsError::new(
                403,
                "MissingAuthenticationTokenException",
                "Missing Authentication Token",
            )
        })?;
    let auth = parse_authorization(header)?;
    if auth.access_key_id != access_key_id {
        return Err(AwsError::new(
            403,
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        ));
    }
    let amz_date = request
        .headers
        .get("x-amz-date")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            AwsError::new(
                400,
                "IncompleteSignatureException",
                "Authorization requires an X-Amz-Date header.",
            )
        })?;
    let signed_at = parse_amz_date(amz_date).ok_or_else(|| {
        invalid_signature(format!(
            "X-Amz-Date '{amz_date}' is not in the form 20260101T120000Z."
        ))
    })?;
    check_skew(amz_date, signed_at, now_epoch_s)?;
    if !amz_date.starts_with(&auth.date) {
        return Err(invalid_signature(format!(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{}' != '{}'",
            auth.date,
            &amz_date[..amz_date.len().min(8)]
        )));
    }
    if auth.service != service {
        return Err(invalid_signature(format!(
            "Credential should be scoped to correct service: '{service}'."
        )));
    }
    let expected = compute_signature(request, &auth, secret_access_key, signed_at)?;
    if bool::from(expected.as_bytes().ct_eq(auth.signature.as_bytes())) {
        Ok(auth)
    } else {
        Err(invalid_signature(
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
        ))
    }
}

fn check_skew(amz_date: &str, signed_at: f64, now: f64) -> Result<(), AwsError> {
    let stamp = |t: f64| format_amz_date(t);
    if signed_at < now - MAX_SKEW_SECONDS {
        return Err(invalid_signature(format!(
            "Signature expired: {amz_date} is now earlier than {} ({} - 5 min.)",
            stamp(now - MAX_SKEW_SECONDS),
            stamp(now)
        )));
    }
    if signed_at > now + MAX_SKEW_SECONDS {
        return Err(invalid_signature(format!(
            "Signature not yet current: {amz_date} is still later than {} ({} + 5 min.)",
            stamp(now + MAX_SKEW_SECONDS),
            stamp(now)
        )));
    }
    Ok(())
}

fn compute_signature(
    request: &SignedRequest<'_>,
    auth: &Authorization,
    secret_access_key: &str,
    signed_at: f64,
) -> Result<String, AwsError> {
    let cannot_verify = |e: &dyn std::fmt::Display| {
        invalid_signature(format!("The request cannot be verified: {e}"))
    };
    let mut headers: Vec<(&str, &str)> = Vec::new();
    for name in &auth.signed_headers {
        let values = request.headers.get_all(name.as_str());
        let mut any = false;
        for value in values {
            any = true;
            headers.push((
                name.as_str(),
                value.to_str().map_err(|e| cannot_verify(&e))?,
            ));
        }
        if !any {
            return Err(invalid_signature(format!(
                "The header '{name}' is listed in SignedHeaders but missing from the request."
            )));
        }
    }
    let host = request
        .headers
        .get("host")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let uri = format!("http://{host}{}", request.path_and_query);
    let signable = SignableRequest::new(
        request.method,
        uri,
        headers.into_iter(),
        SignableBody::Bytes(request.body),
    )
    .map_err(|e| cannot_verify(&e))?;
    let identity: Identity = Credentials::new(
        auth.access_key_id.clone(),
        secret_access_key,
        None,
        None,
        "emulator",
    )
    .into();
    let mut settings = SigningSettings::default();
    // Sign exactly what the client listed: its SignedHeaders already left out what must not be signed.
    settings.excluded_headers = None;
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(&auth.region)
        .name(&auth.service)
        .time(UNIX_EPOCH + Duration::from_secs_f64(signed_at.max(0.0)))
        .settings(settings)
        .build()
        .map_err(|e| cannot_verify(&e))?
        .into();
    let output = sign(signable, &params).map_err(|e| cannot_verify(&e))?;
    Ok(output.signature().to_owned())
}

#[cfg(test)]
#[path = "sigv4_tests.rs"]
mod tests;
