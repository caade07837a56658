//! A document's `name` and `namespace` (reference §4–5; the Collector's `MakeSegment`). X-Ray
//! names segments after services, where spans are named after operations, so the rules look for
//! a service name first; the span name is the last resort.

use opentelemetry_proto::tonic::trace::v1::span::SpanKind;

use super::attrs::Attrs;

/// The longest name X-Ray accepts, in bytes.
const MAX_NAME_BYTES: usize = 200;

/// The first rule that yields a name wins; `namespace` is `aws` for AWS SDK calls and `remote`
/// for other client calls.
pub(super) fn name_and_namespace(
    kind: SpanKind,
    attrs: &Attrs<'_>,
    resource: &Attrs<'_>,
    span_name: &str,
) -> (String, Option<&'static str>) {
    let aws_sdk = attrs.str("rpc.system") == Some("aws-api");
    let dependency = matches!(
        kind,
        SpanKind::Client | SpanKind::Producer | SpanKind::Consumer
    );
    let local_root = attrs.str("aws.span.kind") == Some(super::LOCAL_ROOT);
    let mut namespace = aws_sdk.then_some("aws");

    let name = None
        .or_else(|| (kind == SpanKind::Server).then(|| attrs.str("aws.local.service"))?)
        .or_else(|| {
            (kind == SpanKind::Internal && local_root).then(|| attrs.str("aws.local.service"))?
        })
        .map(str::to_owned)
        .or_else(|| {
            let remote = dependency.then(|| attrs.str("aws.remote.service"))??;
            Some(trim_aws_sdk_prefix(remote, attrs).to_owned())
        })
        .or_else(|| attrs.str("peer.service").map(str::to_owned))
        .or_else(|| {
            let service = attrs.str("aws.service")?;
            namespace.get_or_insert("aws");
            Some(service.to_owned())
        })
        .or_else(|| database_name(attrs))
        .or_else(|| {
            let server = kind == SpanKind::Server;
            server.then(|| resource.str("service.name").map(str::to_owned))?
        })
        .or_else(|| {
            attrs
                .first_str(&["rpc.service", "http.host", "net.peer.name"])
                .map(str::to_owned)
        })
        .unwrap_or_else(|| span_name.to_owned());

    if namespace.is_none() && kind == SpanKind::Client {
        namespace = Some("remote");
    }
    (sanitize(&name), namespace)
}

/// `<db.name>@<host>`, the host taken from `db.connection_string` (a JDBC prefix dropped).
fn database_name(attrs: &Attrs<'_>) -> Option<String> {
    let database = attrs.str("db.name")?;
    let host = attrs
        .str("db.connection_string")
        .and_then(|text| url::Url::parse(text.trim_start_matches("jdbc:")).ok())
        .and_then(|url| url.host_str().filter(|h| !h.is_empty()).map(str::to_owned));
    Some(match host {
        Some(host) => format!("{database}@{host}"),
        None => database.to_owned(),
    })
}

/// AWS SDK instrumentations name the remote service `AWS.SDK.DynamoDB` or `AWS::DynamoDB`;
/// X-Ray's node is `DynamoDB`.
pub(super) fn trim_aws_sdk_prefix<'a>(name: &'a str, attrs: &Attrs<'_>) -> &'a str {
    if attrs.str("rpc.system") != Some("aws-api") {
        return name;
    }
    name.strip_prefix("AWS.SDK.")
        .or_else(|| name.strip_prefix("AWS::"))
        .unwrap_or(name)
}

/// Keeps the characters X-Ray allows in a name (letters, digits, spaces and
/// `_ . : / % & # = + - @`), cut to 200 bytes on a character boundary; nothing left is `span`. The Collector only
/// cleans span names; the emulator cleans every name, because X-Ray's own check of a
/// document's name (which PutTraceSegments applies) would otherwise refuse the whole span.
pub(super) fn sanitize(name: &str) -> String {
    let mut clean = String::with_capacity(name.len().min(MAX_NAME_BYTES));
    for c in name.chars().filter(|&c| allowed(c)) {
        if clean.len() + c.len_utf8() > MAX_NAME_BYTES {
            break;
        }
        clean.push(c);
    }
    if clean.is_empty() {
        "span".to_owned()
    } else {
        clean
    }
}

fn allowed(c: char) -> bool {
    c == ' ' || c.is_ascii_digit() || c.is_alphabetic() || "_.:/%&#=+-@".contains(c)
}
