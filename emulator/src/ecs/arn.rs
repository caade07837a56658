//! ECS ARNs (the long format: the cluster is part of a service's ARN), the ids inside them, and
//! the host name of an Express service's endpoint.

use rand::Rng;

use crate::apprunner::resource_id;

pub fn cluster(region: &str, account: &str, name: &str) -> String {
    format!("arn:aws:ecs:{region}:{account}:cluster/{name}")
}

pub fn service(region: &str, account: &str, cluster: &str, name: &str) -> String {
    format!("arn:aws:ecs:{region}:{account}:service/{cluster}/{name}")
}

pub fn service_deployment(
    region: &str,
    account: &str,
    cluster: &str,
    name: &str,
    id: &str,
) -> String {
    format!("arn:aws:ecs:{region}:{account}:service-deployment/{cluster}/{name}/{id}")
}

pub fn service_revision(region: &str, account: &str, cluster: &str, name: &str, id: u64) -> String {
    format!("arn:aws:ecs:{region}:{account}:service-revision/{cluster}/{name}/{id}")
}

pub fn task_definition(region: &str, account: &str, family: &str, revision: usize) -> String {
    format!("arn:aws:ecs:{region}:{account}:task-definition/{family}:{revision}")
}

pub fn task(region: &str, account: &str, cluster: &str, id: &str) -> String {
    format!("arn:aws:ecs:{region}:{account}:task/{cluster}/{id}")
}

/// A service deployment id as ECS writes them: 21 characters of letters, digits, `-` and `_`.
pub fn deployment_id(rng: &mut impl Rng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    (0..21)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// A service revision id: a 19-digit number.
pub fn revision_id(rng: &mut impl Rng) -> u64 {
    rng.random_range(1_000_000_000_000_000_000..10_000_000_000_000_000_000)
}

/// The endpoint's host, stable for a service (its load balancer rule outlives revisions). AWS
/// returns a bare host like this one; its exact format is undocumented.
pub fn endpoint_host(region: &str, cluster: &str, name: &str) -> String {
    let prefix: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(2)
        .collect::<String>()
        .to_ascii_lowercase();
    let id = resource_id(&[region, cluster, name]);
    format!("{prefix}-{id}.ecs.{region}.on.aws")
}

/// What a `cluster` or `service` request member names: a plain name, or the last part of an ARN.
pub fn name_of(reference: &str, kind: &str) -> Option<String> {
    if !reference.starts_with("arn:") {
        return Some(reference.to_owned());
    }
    let resource = reference.splitn(6, ':').nth(5)?;
    let (first, rest) = resource.split_once('/')?;
    if first != kind {
        return None;
    }
    rest.rsplit('/').next().map(str::to_owned)
}

/// The cluster named inside a long-format service ARN.
pub fn cluster_of_service(service_arn: &str) -> Option<String> {
    let resource = service_arn.splitn(6, ':').nth(5)?;
    let parts: Vec<&str> = resource.split('/').collect();
    match parts.as_slice() {
        ["service", cluster, _name] => Some((*cluster).to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn check_references() {
        let check = |reference: &str, kind: &str, expect: Option<&str>| {
            assert_eq!(name_of(reference, kind).as_deref(), expect, "{reference}");
        };
        check("default", "cluster", Some("default"));
        check(
            "arn:aws:ecs:us-east-1:123456789012:cluster/shop",
            "cluster",
            Some("shop"),
        );
        check(
            "arn:aws:ecs:us-east-1:123456789012:service/default/search",
            "service",
            Some("search"),
        );
        check(
            "arn:aws:ecs:us-east-1:123456789012:service/default/search",
            "cluster",
            None,
        );
        check("arn:aws:ecs", "cluster", None);
        assert_eq!(
            cluster_of_service("arn:aws:ecs:us-east-1:123456789012:service/shop/search").as_deref(),
            Some("shop")
        );
        assert_eq!(
            cluster_of_service("arn:aws:ecs:us-east-1:123456789012:service/search"),
            None
        );
    }

    #[test]
    fn ids_look_like_ecs_ids() {
        let mut rng = rand::rngs::SmallRng::seed_from_u64(7);
        let id = deployment_id(&mut rng);
        assert_eq!(id.len(), 21);
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert_eq!(revision_id(&mut rng).to_string().len(), 19);
        let host = endpoint_host("us-east-1", "default", "search");
        assert!(
            host.starts_with("se-") && host.ends_with(".ecs.us-east-1.on.aws"),
            "{host}"
        );
        assert_eq!(host, endpoint_host("us-east-1", "default", "search"));
    }
}
