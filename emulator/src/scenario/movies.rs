//! The seed scenario: `movies_app` on App Runner, a REST API over the DynamoDB table
//! `movies-app`. About 8% of requests are refused with 400 Bad Request (no table call), and 4%
//! fail with 500 because DynamoDB faulted.

use rand::Rng;
use rand::rngs::SmallRng;

use super::call::{Annotation, AwsCall, AwsResource, Call, Target};
use super::driver::{ServiceSpec, Traffic};

pub(crate) const REGION: &str = "us-east-1";
pub(crate) const SERVICE: &str = "movies_app";
pub(crate) const TABLE: &str = "movies-app";

pub(crate) struct Movies;

/// (method, path template, DynamoDB operation, share of traffic).
const ROUTES: &[(&str, &str, &str, f64)] = &[
    ("GET", "/movies", "Scan", 0.35),
    ("GET", "/movies/{id}", "GetItem", 0.35),
    ("POST", "/movies", "PutItem", 0.12),
    ("PUT", "/movies/{id}", "UpdateItem", 0.10),
    ("DELETE", "/movies/{id}", "DeleteItem", 0.08),
];

impl Traffic for Movies {
    fn services(&self) -> Vec<ServiceSpec> {
        vec![ServiceSpec {
            region: REGION,
            name: SERVICE.into(),
            tracing_enabled: true,
        }]
    }

    fn history(&self) -> (f64, f64) {
        (45.0 * 60.0, 0.5)
    }

    fn request(&mut self, _at: f64, rng: &mut SmallRng) -> (&'static str, Call) {
        let (method, template, operation) = pick_route(rng.random());
        let movie_id = rng.random_range(1..=500);
        let url = template.replace("{id}", &movie_id.to_string());
        let mut call = Call::new(SERVICE, method, url);
        call.user = Some(format!("user-{}", rng.random_range(1..=40)));
        call.annotations
            .push(("operation", Annotation::Text(operation.into())));
        if template.contains("{id}") {
            call.annotations
                .push(("movie_id", Annotation::Number(f64::from(movie_id))));
        }
        let dice: f64 = rng.random();
        if dice < 0.08 {
            let call = call.finish(rng.random_range(0.002..0.01));
            return (
                REGION,
                call.fail(
                    400,
                    ("BadRequestError", "movie title and year are required"),
                ),
            );
        }
        let faulted = dice > 0.96;
        let table_time = if operation == "Scan" {
            rng.random_range(0.03..0.12)
        } else {
            rng.random_range(0.004..0.03)
        };
        call.then(
            Target::Aws(AwsCall {
                service: "DynamoDB",
                operation,
                resource: AwsResource::Table(TABLE.into()),
                duration: table_time,
                status: if faulted { 500 } else { 200 },
                exception: faulted.then(|| {
                    (
                        "InternalServerError".into(),
                        "Internal server error (Service: DynamoDb, Status Code: 500)".into(),
                    )
                }),
            }),
            rng.random_range(0.001..0.004),
        );
        let call = call.finish(rng.random_range(0.003..0.015));
        if faulted {
            return (
                REGION,
                call.fail(
                    500,
                    (
                        "DynamoDbException",
                        "Internal server error (Service: DynamoDb, Status Code: 500)",
                    ),
                ),
            );
        }
        let ok = if method == "POST" { 201 } else { 200 };
        (REGION, Call { status: ok, ..call })
    }
}

fn pick_route(dice: f64) -> (&'static str, &'static str, &'static str) {
    let mut acc = 0.0;
    for &(method, path, operation, share) in ROUTES {
        acc += share;
        if dice < acc {
            return (method, path, operation);
        }
    }
    ("GET", "/movies", "Scan")
}
