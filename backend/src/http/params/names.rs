//! Validation of the names and ids that reach AWS from the URL: each is checked against what
//! AWS itself allows, before any call is made.

/// `1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx`: version 1, 8 hex digits of epoch seconds, 24 hex
/// digits of randomness.
pub fn is_trace_id(id: &str) -> bool {
    let mut parts = id.split('-');
    let hex = |part: Option<&str>, len: usize| {
        part.is_some_and(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    parts.next() == Some("1")
        && hex(parts.next(), 8)
        && hex(parts.next(), 24)
        && parts.next().is_none()
}

/// App Runner service names: 4–40 characters, `[A-Za-z0-9][A-Za-z0-9-_]*`.
pub fn is_service_name(name: &str) -> bool {
    (4..=40).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// ECS names (Express services, clusters): 1–255 letters, digits, `-` and `_`.
pub fn is_ecs_name(name: &str) -> bool {
    (1..=255).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// An ECS service deployment id (the last part of its ARN): 1–64 letters, digits, `-`, `_`.
pub fn is_deployment_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// App Runner operation ids are UUIDs.
pub fn is_operation_id(id: &str) -> bool {
    uuid::Uuid::try_parse(id).is_ok()
}

/// X-Ray group names: 1–32 characters of letters, digits, `-` and `_`.
pub fn is_group_name(name: &str) -> bool {
    (1..=32).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A service-map node name as X-Ray allows it (≤ 200 characters of letters, digits, white space
/// and `_ . : / % & # = + - @`). The backslash X-Ray also allows is refused: the name is quoted
/// in an entity selector, where it would escape.
pub fn is_node_name(name: &str) -> bool {
    (1..=200).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || "_.:/%&#=+-@".contains(c))
}

/// A node type such as `AWS::AppRunner::Service`, `client` or `remote`.
pub fn is_node_type(node_type: &str) -> bool {
    (1..=100).contains(&node_type.len())
        && node_type
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b':' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(validate: fn(&str) -> bool, cases: &[(&str, bool)]) {
        for (input, expect) in cases {
            assert_eq!(validate(input), *expect, "{input:?}");
        }
    }

    #[test]
    fn trace_ids() {
        check(
            is_trace_id,
            &[
                ("1-58406520-a006649127e371903a2de979", true),
                ("1-58406520-A006649127E371903A2DE979", true),
                ("2-58406520-a006649127e371903a2de979", false),
                ("1-5840652-a006649127e371903a2de979", false),
                ("1-58406520-a006649127e371903a2de97", false),
                ("1-58406520-a006649127e371903a2de979-0", false),
                ("1-5840652g-a006649127e371903a2de979", false),
                ("", false),
            ],
        );
    }

    #[test]
    fn service_names() {
        check(
            is_service_name,
            &[
                ("movies_app", true),
                ("api-1", true),
                ("abc", false),
                ("_abc", false),
                ("a".repeat(41).as_str(), false),
                ("bad/name", false),
                ("with space", false),
            ],
        );
    }

    #[test]
    fn ecs_names() {
        check(
            is_ecs_name,
            &[
                ("api", true),
                ("x", true),
                ("a".repeat(255).as_str(), true),
                ("a".repeat(256).as_str(), false),
                ("", false),
                ("a.b", false),
            ],
        );
        check(
            is_deployment_id,
            &[
                ("NCWGC2ZR-taawPAYrIaU5", true),
                ("", false),
                ("a/b", false),
                ("a".repeat(65).as_str(), false),
            ],
        );
    }

    #[test]
    fn other_names() {
        check(
            is_operation_id,
            &[
                ("0d9a4f4e-8c0a-4f8b-9d55-1f3f8f1b2c3d", true),
                ("op-1", false),
            ],
        );
        check(
            is_group_name,
            &[
                ("Default", true),
                ("team_a-1", true),
                ("", false),
                ("a b", false),
            ],
        );
        check(
            is_node_name,
            &[
                ("movies-app", true),
                ("api.example.com:443", true),
                ("Café", true),
                ("a\"b", false),
                ("a\\b", false),
                ("", false),
            ],
        );
        check(
            is_node_type,
            &[
                ("AWS::DynamoDB::Table", true),
                ("client", true),
                ("a\"", false),
            ],
        );
    }
}
