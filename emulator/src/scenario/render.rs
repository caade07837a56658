//! Turns a call tree into segment documents the way ADOT's X-Ray exporter writes them: a segment
//! per service (origin `AWS::AppRunner::Service`, or `AWS::ECS::Fargate` with the `aws.ecs` block
//! for an Express service, as X-Ray makes of an ECS task's OTLP spans), a `remote` subsegment for
//! each call to another
//! service (the callee's segment names it as parent), `aws` subsegments for SDK calls, `sql`
//! subsegments for database queries, exceptions with stacks in `cause`.
//!
//! A service whose tracing is off emits nothing; the services it calls get no trace header from
//! it, so their segments start new traces, as they would on App Runner.

use rand::Rng;
use rand::rngs::SmallRng;
use serde_json::json;
use shared::trace::{
    AnnotationValue, Aws, Cause, CauseDetails, Exception, Http, HttpRequest, HttpResponse,
    SegmentDocument, ServiceInfo, Sql, StackFrame,
};

use super::call::{Annotation, AwsCall, AwsResource, Call, Target};
use crate::ecs::TracedTask;

/// Time a request spends on the wire between a caller's subsegment and the callee's segment.
pub(crate) const NETWORK_SECONDS: f64 = 0.002;

/// Where a trace's services live, and which of them emit segments now.
pub(crate) struct Context<'a> {
    pub region: &'a str,
    pub account_id: &'a str,
    /// Where the service runs when its segments reach X-Ray, `None` when it emits nothing.
    pub emitting: &'a dyn Fn(&str) -> Option<Emitter>,
    /// The host name callers reach the service at.
    pub host: &'a dyn Fn(&str) -> String,
}

/// A service whose segments reach X-Ray, and where it runs.
pub(crate) enum Emitter {
    /// On App Runner with tracing on: the service's ARN.
    AppRunner(String),
    /// On ECS Express, exporting to X-Ray's OTLP endpoint from this task.
    Ecs(TracedTask),
}

/// The documents of the trace rooted at `call` (and of any trace split off by a service with
/// tracing off), as JSON strings ready for `XRay::put_documents`.
pub(crate) fn render(
    call: &Call,
    start: f64,
    ctx: &Context<'_>,
    rng: &mut SmallRng,
) -> Vec<String> {
    let mut out = Vec::new();
    render_trace(call, start, ctx, rng, &mut out);
    out
}

fn render_trace(
    call: &Call,
    start: f64,
    ctx: &Context<'_>,
    rng: &mut SmallRng,
    out: &mut Vec<String>,
) {
    let trace_id = trace_id(start, rng);
    render_call(call, start, None, &trace_id, ctx, rng, out);
}

pub(crate) fn trace_id(start: f64, rng: &mut SmallRng) -> String {
    let random: u128 = rng.random::<u128>() & ((1 << 96) - 1);
    format!("1-{:08x}-{random:024x}", start as u32)
}

pub(crate) fn segment_id(rng: &mut SmallRng) -> String {
    format!("{:016x}", rng.random::<u64>())
}

fn render_call(
    call: &Call,
    start: f64,
    parent_id: Option<String>,
    trace_id: &str,
    ctx: &Context<'_>,
    rng: &mut SmallRng,
    out: &mut Vec<String>,
) {
    let Some(emitter) = (ctx.emitting)(&call.service) else {
        for downstream in &call.downstream {
            if let Target::Service(callee) = &downstream.target {
                render_trace(
                    callee,
                    start + downstream.offset + NETWORK_SECONDS,
                    ctx,
                    rng,
                    out,
                );
            }
        }
        return;
    };
    let host = (ctx.host)(&call.service);
    let mut segment = SegmentDocument {
        id: Some(segment_id(rng)),
        name: Some(call.service.clone()),
        trace_id: Some(trace_id.to_owned()),
        parent_id,
        start_time: Some(start),
        end_time: Some(start + call.duration),
        user: call.user.clone(),
        service: Some(ServiceInfo {
            version: Some("1.4.2".into()),
        }),
        http: Some(http(
            call.method,
            &format!("https://{host}{}", call.url),
            call.status,
            false,
        )),
        cause: call
            .exception
            .as_ref()
            .map(|e| cause(e, &call.service, false, rng)),
        annotations: call
            .annotations
            .iter()
            .map(|(k, v)| ((*k).to_owned(), annotation(v)))
            .collect(),
        ..SegmentDocument::default()
    };
    place(&mut segment, &emitter, &call.service, ctx);
    set_flags(&mut segment, call.status);
    for downstream in &call.downstream {
        let sub_start = start + downstream.offset;
        let sub = subsegment(&downstream.target, sub_start, ctx, rng);
        if let Target::Service(callee) = &downstream.target {
            render_call(
                callee,
                sub_start + NETWORK_SECONDS,
                sub.id.clone(),
                trace_id,
                ctx,
                rng,
                out,
            );
        }
        segment.subsegments.push(sub);
    }
    let mut value = serde_json::to_value(&segment).unwrap_or_default();
    if let Emitter::AppRunner(arn) = &emitter {
        value["resource_arn"] = json!(arn);
    }
    out.push(value.to_string());
}

const SDK: (&str, &str) = ("opentelemetry for java", "1.32.0");

/// What the platform adds to a service's segment: its origin, the `aws` block and the resource
/// attributes the exporter keeps as metadata. App Runner's ADOT integration also sets
/// `resource_arn`; the X-Ray exporter behind X-Ray's OTLP endpoint does not, and drops a local
/// root's call fields such as `account_id`.
fn place(segment: &mut SegmentDocument, emitter: &Emitter, service: &str, ctx: &Context<'_>) {
    let xray = json!({"auto_instrumentation": true, "sdk": SDK.0, "sdk_version": SDK.1});
    match emitter {
        Emitter::AppRunner(_) => {
            segment.origin = Some("AWS::AppRunner::Service".into());
            segment.aws = Some(Aws {
                account_id: Some(ctx.account_id.to_owned()),
                other: [(
                    "xray".to_owned(),
                    json!({"auto_instrumentation": false, "sdk": SDK.0, "sdk_version": SDK.1}),
                )]
                .into(),
                ..Aws::default()
            });
            segment.metadata = Some(json!({"default": {
                "otel.resource.service.name": service,
                "otel.resource.cloud.platform": "aws_app_runner",
            }}));
        }
        Emitter::Ecs(task) => {
            segment.origin = Some("AWS::ECS::Fargate".into());
            let ecs = json!({
                "container": "Main",
                "container_id": task.container_id,
                "availability_zone": task.availability_zone,
                "cluster_arn": task.cluster_arn,
                "task_arn": task.task_arn,
                "task_family": task.task_family,
                "launch_type": "fargate",
            });
            segment.aws = Some(Aws {
                other: [("ecs".to_owned(), ecs), ("xray".to_owned(), xray)].into(),
                ..Aws::default()
            });
            segment.metadata = Some(json!({"default": {
                "otel.resource.service.name": service,
                "otel.resource.cloud.provider": "aws",
                "otel.resource.cloud.platform": "aws_ecs",
                "otel.resource.aws.ecs.launchtype": "fargate",
                "otel.resource.aws.ecs.task.family": task.task_family,
            }}));
        }
    }
}

fn subsegment(
    target: &Target,
    start: f64,
    ctx: &Context<'_>,
    rng: &mut SmallRng,
) -> SegmentDocument {
    let mut sub = SegmentDocument {
        id: Some(segment_id(rng)),
        start_time: Some(start),
        end_time: Some(start + target.duration()),
        namespace: Some("remote".into()),
        ..SegmentDocument::default()
    };
    match target {
        Target::Service(callee) => {
            sub.name = Some(callee.service.clone());
            let url = format!("https://{}{}", (ctx.host)(&callee.service), callee.url);
            sub.http = Some(http(callee.method, &url, callee.status, true));
        }
        Target::Aws(call) => aws_subsegment(&mut sub, call, ctx, rng),
        Target::Sql(call) => {
            sub.name = Some(call.name.clone());
            sub.sql = Some(Sql {
                url: Some(call.url.clone()),
                sanitized_query: Some(call.query.to_owned()),
                database_type: Some("PostgreSQL".into()),
                database_version: Some("15.4".into()),
                driver_version: Some("PostgreSQL JDBC Driver 42.6.0".into()),
                user: Some("shop_app".into()),
                preparation: Some("statement".into()),
                ..Sql::default()
            });
            if call.fault {
                sub.fault = true;
                sub.cause = Some(cause(
                    &(
                        "PSQLException".into(),
                        "canceling statement due to statement timeout".into(),
                    ),
                    "orders",
                    true,
                    rng,
                ));
            }
        }
        Target::Remote(call) => {
            sub.name = Some(call.host.clone());
            sub.http = Some(http(call.method, &call.url, call.status, true));
        }
    }
    set_flags(&mut sub, target.status());
    sub
}

fn aws_subsegment(
    sub: &mut SegmentDocument,
    call: &AwsCall,
    ctx: &Context<'_>,
    rng: &mut SmallRng,
) {
    sub.name = Some(call.service.to_owned());
    sub.namespace = Some("aws".into());
    let mut aws = Aws {
        operation: Some(call.operation.to_owned()),
        region: Some(ctx.region.to_owned()),
        request_id: Some(format!(
            "{:016X}{:016X}",
            rng.random::<u64>(),
            rng.random::<u64>()
        )),
        ..Aws::default()
    };
    match &call.resource {
        AwsResource::Table(table) => aws.table_name = Some(table.clone()),
        AwsResource::Queue(queue) => {
            aws.queue_url = Some(format!(
                "https://sqs.{}.amazonaws.com/{}/{queue}",
                ctx.region, ctx.account_id
            ));
        }
        AwsResource::Bucket(bucket) => {
            aws.other.insert("bucket_name".into(), json!(bucket));
        }
    }
    sub.aws = Some(aws);
    sub.http = Some(Http {
        request: None,
        response: Some(HttpResponse {
            status: Some(call.status),
            content_length: None,
        }),
    });
    sub.cause = call
        .exception
        .as_ref()
        .map(|e| cause(e, call.service, true, rng));
}

fn http(method: &str, url: &str, status: u16, outgoing: bool) -> Http {
    Http {
        request: Some(HttpRequest {
            method: Some(method.to_owned()),
            url: Some(url.to_owned()),
            user_agent: (!outgoing)
                .then(|| "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0".to_owned()),
            client_ip: (!outgoing).then(|| "203.0.113.24".to_owned()),
            x_forwarded_for: (!outgoing).then_some(true),
            traced: outgoing.then_some(true),
        }),
        response: Some(HttpResponse {
            status: Some(status),
            content_length: Some(if status < 300 { 512 } else { 96 }),
        }),
    }
}

/// The flags ADOT derives from an HTTP status: 4xx error, 429 also throttle, 5xx fault.
fn set_flags(doc: &mut SegmentDocument, status: u16) {
    doc.error = (400..500).contains(&status);
    doc.throttle = status == 429;
    doc.fault = status >= 500;
}

fn cause(exception: &(String, String), component: &str, remote: bool, rng: &mut SmallRng) -> Cause {
    let class = component.replace(['-', '_'], "");
    Cause::Details(CauseDetails {
        working_directory: Some("/app".into()),
        paths: Vec::new(),
        exceptions: vec![Exception {
            id: Some(segment_id(rng)),
            exception_type: Some(exception.0.clone()),
            message: Some(exception.1.clone()),
            remote: remote.then_some(true),
            stack: vec![
                StackFrame {
                    path: Some(format!("{class}Handler.java")),
                    line: Some(87),
                    label: Some(format!("com.example.{class}.{class}Handler.handle")),
                },
                StackFrame {
                    path: Some("Router.java".into()),
                    line: Some(214),
                    label: Some("com.example.web.Router.dispatch".into()),
                },
            ],
            ..Exception::default()
        }],
    })
}

fn annotation(value: &Annotation) -> AnnotationValue {
    match value {
        Annotation::Text(text) => AnnotationValue::String(text.clone()),
        Annotation::Number(number) => AnnotationValue::Number(*number),
        Annotation::Flag(flag) => AnnotationValue::Bool(*flag),
    }
}
