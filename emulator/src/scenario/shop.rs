//! An online shop: twelve services in us-east-1 behind `frontend`, three in eu-west-1 behind
//! `storefront-eu`, in the middle of a move from App Runner to ECS Express Mode: `recommendations`
//! and `search` already run on Express. `recommendations` exports its spans to X-Ray's OTLP
//! endpoint; `search` still exports to `localhost:4317`, App Runner's collector, which does not
//! exist on Express, so its spans are lost (the migration trap). `notifications` runs on App
//! Runner with tracing off. See [`Incidents`] for the recurring latency spike, fault burst and
//! throttling.

use rand::Rng;
use rand::rngs::SmallRng;

use super::call::{Annotation, AwsResource, Call};
use super::driver::{ExpressSpec, ServiceSpec, Traffic};
use super::shop_calls::{Incidents, aws, dynamo, remote, service, settle, sql};

const US: &str = "us-east-1";
const EU: &str = "eu-west-1";
const US_SERVICES: &[&str] = &[
    "frontend",
    "auth",
    "catalog",
    "cart",
    "checkout",
    "payments",
    "orders",
    "inventory",
    "notifications",
    "shipping",
];
const EU_SERVICES: &[&str] = &["storefront-eu", "catalog-eu", "cart-eu"];
const TRACING_OFF: &[&str] = &["notifications"];
/// On ECS Express: exporting to X-Ray's OTLP endpoint, and to App Runner's localhost collector.
const EXPRESS_TRACED: &str = "recommendations";
const EXPRESS_TRAPPED: &str = "search";

pub(crate) struct Shop;

impl Traffic for Shop {
    fn services(&self) -> Vec<ServiceSpec> {
        let us = US_SERVICES.iter().map(|name| (US, name));
        let eu = EU_SERVICES.iter().map(|name| (EU, name));
        us.chain(eu)
            .map(|(region, name)| ServiceSpec {
                region,
                name: (*name).into(),
                tracing_enabled: !TRACING_OFF.contains(name),
            })
            .collect()
    }

    fn express_services(&self) -> Vec<ExpressSpec> {
        let environment = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
                .collect()
        };
        let traced = format!("service.name={EXPRESS_TRACED}");
        let trapped = format!("service.name={EXPRESS_TRAPPED}");
        vec![
            ExpressSpec {
                region: US,
                name: EXPRESS_TRACED,
                environment: environment(&[
                    ("PORT", "8080"),
                    ("OTEL_TRACES_EXPORTER", "otlp"),
                    ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf"),
                    (
                        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                        "https://xray.us-east-1.amazonaws.com/v1/traces",
                    ),
                    ("OTEL_METRICS_EXPORTER", "none"),
                    ("OTEL_LOGS_EXPORTER", "none"),
                    ("OTEL_PROPAGATORS", "tracecontext,baggage,xray"),
                    ("OTEL_RESOURCE_ATTRIBUTES", &traced),
                ]),
            },
            ExpressSpec {
                region: US,
                name: EXPRESS_TRAPPED,
                environment: environment(&[
                    ("PORT", "8080"),
                    ("LOG_LEVEL", "info"),
                    ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317"),
                    ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
                    ("OTEL_PROPAGATORS", "xray"),
                    ("OTEL_RESOURCE_ATTRIBUTES", &trapped),
                ]),
            },
        ]
    }

    fn history(&self) -> (f64, f64) {
        (30.0 * 60.0, 1.0)
    }

    fn request(&mut self, at: f64, rng: &mut SmallRng) -> (&'static str, Call) {
        let incidents = Incidents::at(at);
        let user = format!("customer-{}", rng.random_range(1..=300));
        let dice: f64 = rng.random();
        let (region, mut call) = if dice < 0.18 {
            (EU, storefront_eu(rng))
        } else if dice < 0.45 {
            (US, product_page(rng, incidents))
        } else if dice < 0.60 {
            (US, home_page(rng, incidents))
        } else if dice < 0.70 {
            let mut call = Call::new("frontend", "GET", "/search?q=shoes");
            call.then(
                service(settle(Call::new("search", "GET", "/search?q=shoes"), rng)),
                0.001,
            );
            (US, settle(call, rng))
        } else if dice < 0.88 {
            (US, add_to_cart(rng))
        } else {
            (US, checkout(rng, incidents))
        };
        call.user = Some(user);
        call.annotations.push((
            "tenant",
            Annotation::Text(if region == EU { "eu" } else { "us" }.into()),
        ));
        (region, call)
    }
}

fn catalog_lookup(rng: &mut SmallRng, incidents: Incidents, id: u32) -> Call {
    let mut catalog = Call::new("catalog", "GET", format!("/products/{id}"));
    catalog.then(
        dynamo(
            "GetItem",
            "catalog-products",
            rng,
            incidents.catalog_slow,
            false,
        ),
        0.001,
    );
    catalog.then(
        aws(
            "S3",
            "GetObject",
            AwsResource::Bucket("shop-product-images".into()),
            rng,
        ),
        0.001,
    );
    settle(catalog, rng)
}

fn product_page(rng: &mut SmallRng, incidents: Incidents) -> Call {
    let id = rng.random_range(1..2_000);
    let mut frontend = Call::new("frontend", "GET", format!("/product/{id}"));
    frontend
        .annotations
        .push(("product_id", Annotation::Number(f64::from(id))));
    if rng.random_bool(0.03) {
        let missing = Call::new("catalog", "GET", format!("/products/{id}"))
            .finish(0.004)
            .fail(404, ("NotFoundException", "no such product"));
        frontend.then(service(missing), 0.001);
        return frontend
            .finish(0.003)
            .fail(404, ("NotFoundException", "no such product"));
    }
    frontend.then(service(catalog_lookup(rng, incidents, id)), 0.001);
    let mut recommendations = Call::new(
        "recommendations",
        "GET",
        format!("/recommendations?product={id}"),
    );
    recommendations.then(
        dynamo("Query", "recommendations-cache", rng, false, false),
        0.001,
    );
    frontend.then(service(settle(recommendations, rng)), 0.001);
    settle(frontend, rng)
}

fn home_page(rng: &mut SmallRng, incidents: Incidents) -> Call {
    let mut frontend = Call::new("frontend", "GET", "/");
    let mut catalog = Call::new("catalog", "GET", "/products?featured=true");
    catalog.then(
        dynamo(
            "Query",
            "catalog-products",
            rng,
            incidents.catalog_slow,
            false,
        ),
        0.001,
    );
    frontend.then(service(settle(catalog, rng)), 0.001);
    settle(frontend, rng)
}

fn session(rng: &mut SmallRng) -> Call {
    let mut auth = Call::new("auth", "GET", "/session");
    auth.then(dynamo("GetItem", "sessions", rng, false, false), 0.001);
    settle(auth, rng)
}

fn add_to_cart(rng: &mut SmallRng) -> Call {
    let mut frontend = Call::new("frontend", "POST", "/cart");
    if rng.random_bool(0.04) {
        return frontend.finish(0.003).fail(
            400,
            ("ValidationException", "quantity must be between 1 and 10"),
        );
    }
    frontend.then(service(session(rng)), 0.001);
    let mut cart = Call::new("cart", "POST", "/cart/items");
    cart.then(dynamo("PutItem", "cart-sessions", rng, false, false), 0.001);
    frontend.then(service(settle(cart, rng)), 0.001);
    settle(frontend, rng)
}

fn checkout(rng: &mut SmallRng, incidents: Incidents) -> Call {
    let mut frontend = Call::new("frontend", "POST", "/checkout");
    frontend.then(service(session(rng)), 0.001);
    let mut checkout = Call::new("checkout", "POST", "/checkout");
    checkout
        .annotations
        .push(("express_shipping", Annotation::Flag(rng.random_bool(0.2))));
    let mut cart = Call::new("cart", "GET", "/cart");
    cart.then(dynamo("GetItem", "cart-sessions", rng, false, false), 0.001);
    checkout.then(service(settle(cart, rng)), 0.001);
    let declined = incidents.payments_down && rng.random_bool(0.5);
    let mut payments = Call::new("payments", "POST", "/charges");
    payments.then(
        remote(
            "api.payments.example",
            "POST",
            "/v1/charges",
            if declined { 503 } else { 200 },
            rng,
        ),
        0.001,
    );
    checkout.then(service(settle(payments, rng)), 0.001);
    if !declined {
        checkout.then(service(place_order(rng, incidents)), 0.001);
        let mut shipping = Call::new("shipping", "POST", "/quotes");
        shipping.then(
            remote("api.shipping.example", "POST", "/v2/rates", 200, rng),
            0.001,
        );
        checkout.then(service(settle(shipping, rng)), 0.001);
    }
    frontend.then(service(settle(checkout, rng)), 0.001);
    settle(frontend, rng)
}

fn place_order(rng: &mut SmallRng, incidents: Incidents) -> Call {
    let mut orders = Call::new("orders", "POST", "/orders");
    orders.then(
        sql(
            "INSERT INTO orders (customer_id, total, status) VALUES (?, ?, ?)",
            rng,
        ),
        0.001,
    );
    let mut inventory = Call::new("inventory", "POST", "/reservations");
    inventory.then(
        dynamo(
            "UpdateItem",
            "inventory",
            rng,
            false,
            incidents.inventory_throttled,
        ),
        0.001,
    );
    orders.then(service(settle(inventory, rng)), 0.001);
    orders.then(sql("UPDATE orders SET status = ? WHERE id = ?", rng), 0.001);
    orders.then(
        aws(
            "SQS",
            "SendMessage",
            AwsResource::Queue("order-events".into()),
            rng,
        ),
        0.001,
    );
    let mut notifications = Call::new("notifications", "POST", "/notify");
    notifications.then(
        aws(
            "SQS",
            "SendMessage",
            AwsResource::Queue("email-outbox".into()),
            rng,
        ),
        0.001,
    );
    orders.then(service(settle(notifications, rng)), 0.001);
    settle(orders, rng)
}

fn storefront_eu(rng: &mut SmallRng) -> Call {
    let id = rng.random_range(1..2_000);
    if rng.random_bool(0.7) {
        let mut front = Call::new("storefront-eu", "GET", format!("/product/{id}"));
        let mut catalog = Call::new("catalog-eu", "GET", format!("/products/{id}"));
        catalog.then(
            dynamo("GetItem", "catalog-products-eu", rng, false, false),
            0.001,
        );
        front.then(service(settle(catalog, rng)), 0.001);
        return settle(front, rng);
    }
    let mut front = Call::new("storefront-eu", "POST", "/cart");
    let mut cart = Call::new("cart-eu", "POST", "/cart/items");
    cart.then(
        dynamo("PutItem", "cart-sessions-eu", rng, false, false),
        0.001,
    );
    front.then(service(settle(cart, rng)), 0.001);
    settle(front, rng)
}
