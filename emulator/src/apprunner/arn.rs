//! App Runner ARNs, resource ids and name rules.

use sha2::{Digest, Sha256};

use crate::protocol::{AwsError, AwsResult};

pub const OBSERVABILITY: &str = "observabilityconfiguration";

/// A 32-hex-digit id derived from the resource's identity, so the same scenario always produces
/// the same ARNs (real ids are random; nothing may depend on their value).
pub fn resource_id(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hex::encode(&hasher.finalize()[..16])
}

pub fn service_arn(region: &str, account: &str, name: &str, id: &str) -> String {
    format!("arn:aws:apprunner:{region}:{account}:service/{name}/{id}")
}

pub fn observability_arn(
    region: &str,
    account: &str,
    name: &str,
    revision: u32,
    id: &str,
) -> String {
    format!("arn:aws:apprunner:{region}:{account}:{OBSERVABILITY}/{name}/{revision}/{id}")
}

/// What an observability configuration ARN names: a name, maybe a revision, maybe the full id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigRef {
    pub name: String,
    pub revision: Option<u32>,
    pub id: Option<String>,
}

/// Accepts the three forms App Runner does: `…/name`, `…/name/revision`, `…/name/revision/id`.
pub fn parse_observability_arn(arn: &str, region: &str, account: &str) -> AwsResult<ConfigRef> {
    let not_an_arn =
        || AwsError::invalid_request(format!("'{arn}' is not an observability configuration ARN"));
    let fields: Vec<&str> = arn.splitn(6, ':').collect();
    let [
        "arn",
        _partition,
        "apprunner",
        arn_region,
        arn_account,
        resource,
    ] = fields.as_slice()
    else {
        return Err(not_an_arn());
    };
    let mut path = resource.split('/');
    if path.next() != Some(OBSERVABILITY) {
        return Err(not_an_arn());
    }
    let name = path
        .next()
        .filter(|n| !n.is_empty())
        .ok_or_else(not_an_arn)?;
    let revision = path
        .next()
        .map(|r| r.parse::<u32>().map_err(|_| not_an_arn()))
        .transpose()?;
    let id = path.next().map(str::to_owned);
    if path.next().is_some() {
        return Err(not_an_arn());
    }
    if *arn_region != region || *arn_account != account {
        return Err(AwsError::not_found(format!(
            "Observability configuration '{arn}' is not in this account and region ({account}, {region})"
        )));
    }
    Ok(ConfigRef {
        name: name.to_owned(),
        revision,
        id,
    })
}

/// `[A-Za-z0-9][A-Za-z0-9\-_]{3,31}`: 4–32 characters.
pub fn validate_config_name(name: &str) -> AwsResult<()> {
    let valid_first = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let valid_rest = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if (4..=32).contains(&name.len()) && valid_first && valid_rest {
        Ok(())
    } else {
        Err(AwsError::invalid_request(format!(
            "ObservabilityConfigurationName '{name}' is invalid: use 4 to 32 letters, digits, '-' or '_', starting with a letter or digit"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_observability_arns() {
        let base = "arn:aws:apprunner:us-east-1:123456789012:observabilityconfiguration";
        let check = |arn: &str, expect: Result<(&str, Option<u32>, Option<&str>), &str>| {
            let got = parse_observability_arn(arn, "us-east-1", "123456789012");
            match expect {
                Ok((name, revision, id)) => {
                    let want = ConfigRef {
                        name: name.into(),
                        revision,
                        id: id.map(Into::into),
                    };
                    assert_eq!(got, Ok(want), "{arn}");
                }
                Err(code) => assert_eq!(got.err().map(|e| e.code), Some(code), "{arn}"),
            }
        };
        check(&format!("{base}/xray"), Ok(("xray", None, None)));
        check(&format!("{base}/xray/3"), Ok(("xray", Some(3), None)));
        check(
            &format!("{base}/xray/3/abc"),
            Ok(("xray", Some(3), Some("abc"))),
        );
        check(
            &format!("{base}/xray/three"),
            Err("InvalidRequestException"),
        );
        check(
            &format!("{base}/xray/3/abc/more"),
            Err("InvalidRequestException"),
        );
        check(
            "arn:aws:apprunner:us-east-1:123456789012:service/x/y",
            Err("InvalidRequestException"),
        );
        check("not-an-arn", Err("InvalidRequestException"));
        check(
            "arn:aws:apprunner:eu-west-1:123456789012:observabilityconfiguration/xray",
            Err("ResourceNotFoundException"),
        );
    }

    #[test]
    fn check_config_names() {
        for ok in ["xray", "xray-tracing", "A_b-9", &"a".repeat(32)] {
            assert!(validate_config_name(ok).is_ok(), "{ok}");
        }
        for bad in [
            "abc",
            "-xray",
            "_xray",
            "x ray",
            "xray.tracing",
            &"a".repeat(33),
            "",
        ] {
            assert!(validate_config_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        let id = resource_id(&["us-east-1", "movies_app"]);
        assert_eq!(id.len(), 32);
        assert_eq!(id, resource_id(&["us-east-1", "movies_app"]));
        assert_ne!(id, resource_id(&["us-east-1movies_app"]));
    }
}
