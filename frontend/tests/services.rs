//! The services components in headless Chromium: the table renders the rows it is given, its
//! headings sort and the filters filter (through the URL), and the tracing switch asks first,
//! calls the tracing route, follows the operation and shows the state read back. `fetch` is
//! replaced by a stub that records each request.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{click, exists, find, fire, host, settle, texts};
use frontend::components::services::{ListFilters, ServicesTable, TracingToggle};
use frontend::model::services::{ListQuery, ServiceRef, SortColumn, status_choices, visible_rows};
use frontend::server_config::ServerConfig;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_router::components::Router;
use shared::api::{AuthMode, Config, ServiceKind, ServiceStatus, ServiceSummary, Tracing};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn service(name: &str, status: &str, updated_at: f64, tracing: bool) -> ServiceSummary {
    ServiceSummary {
        region: "us-east-1".into(),
        name: name.into(),
        id: format!("id-{name}"),
        arn: format!("arn:aws:apprunner:us-east-1:123456789012:service/{name}/id"),
        url: Some(format!("{name}.us-east-1.awsapprunner.com")),
        status: ServiceStatus::from(status),
        created_at: 1_700_000_000.0,
        updated_at,
        tracing: Some(Tracing {
            enabled: tracing,
            configuration_arn: None,
        }),
        pending: false,
        kind: Default::default(),
        express: None,
    }
}

fn config(read_only: bool) -> Config {
    Config {
        regions: vec!["us-east-1".into()],
        default_region: "us-east-1".into(),
        read_only,
        demo: Some("movies".into()),
        auth: AuthMode::None,
        role: None,
        user: None,
        version: "test".into(),
    }
}

fn provide_config(read_only: bool) {
    let config = config(read_only);
    provide_context(ServerConfig::new(move || {
        let config = config.clone();
        async move { Ok(config) }
    }));
}

/// The table wired the way the page wires it: the query in a signal, rows derived from it.
fn mount_table(host: &HtmlElement, services: Vec<ServiceSummary>) -> RwSignal<ListQuery> {
    let query = RwSignal::new(ListQuery::default());
    let all = services.clone();
    let handle = mount_to(host.clone(), move || {
        provide_config(true);
        let all = all.clone();
        let statuses = Signal::derive({
            let all = all.clone();
            move || status_choices(&all)
        });
        let rows = Signal::derive(move || visible_rows(&all, &query.get()));
        let on_sort =
            Callback::new(move |column: SortColumn| query.update(|q| *q = q.sorted_by(column)));
        let on_change = Callback::new(move |next: ListQuery| query.set(next));
        view! {
            <Router>
                <ListFilters query=query.into() statuses on_change />
                <ServicesTable
                    rows
                    query=query.into()
                    on_sort
                    now=Signal::derive(|| 1_700_000_100.0)
                    on_changed=Callback::new(|()| {})
                />
            </Router>
        }
    });
    handle.forget();
    query
}

#[wasm_bindgen_test]
async fn the_table_renders_sorts_and_filters_its_rows() {
    let host = host();
    let services = vec![
        service("search", "RUNNING", 1_700_000_090.0, false),
        service("api", "OPERATION_IN_PROGRESS", 1_700_000_000.0, true),
        service("checkout", "PAUSED", 1_700_000_050.0, true),
    ];
    let query = mount_table(&host, services);
    leptos::task::tick().await;

    assert_eq!(texts(&host, "tbody th"), ["api", "checkout", "search"]);
    let first_row = texts(&host, "tbody tr:first-child td");
    assert_eq!(first_row[0], "App Runner");
    assert_eq!(first_row[1], "us-east-1");
    assert_eq!(first_row[2], "OPERATION_IN_PROGRESS");
    assert!(exists(&host, "tbody tr:first-child .spinner"));
    assert_eq!(first_row[3], "api.us-east-1.awsapprunner.com");
    assert_eq!(first_row[5], "1 min ago");
    // Read-only: tracing shows as text, and there is no switch at all.
    assert_eq!(texts(&host, ".tracing-state"), ["On", "On", "Off"]);
    assert!(!exists(&host, ".tracing-switch"));

    click(&host, "th:nth-child(7) .sort-button");
    leptos::task::tick().await;
    assert_eq!(texts(&host, "tbody th"), ["api", "checkout", "search"]);
    click(&host, "th:nth-child(7) .sort-button");
    leptos::task::tick().await;
    assert_eq!(texts(&host, "tbody th"), ["search", "checkout", "api"]);
    assert_eq!(
        find(&host, "th:nth-child(7)")
            .get_attribute("aria-sort")
            .as_deref(),
        Some("descending")
    );

    let name: HtmlInputElement = find(&host, "#service-name-filter").unchecked_into();
    name.set_value("CH");
    fire(&name, "input");
    leptos::task::tick().await;
    assert_eq!(texts(&host, "tbody th"), ["search", "checkout"]);
    assert_eq!(query.get_untracked().name, "CH");

    query.update(|q| q.status = Some("PAUSED".into()));
    leptos::task::tick().await;
    assert_eq!(texts(&host, "tbody th"), ["checkout"]);
}

#[wasm_bindgen_test]
async fn an_express_row_shows_its_kind_ecs_status_and_tracing_as_two_facts() {
    let host = host();
    let express: ServiceSummary = serde_json::from_value(serde_json::json!({
        "region": "us-east-1", "name": "search", "id": "default/search",
        "arn": "arn:aws:ecs:us-east-1:123456789012:service/default/search",
        "url": "se-1.ecs.us-east-1.on.aws", "status": "RUNNING",
        "created_at": 1_700_000_000.0, "updated_at": 1_700_000_000.0,
        "tracing": { "enabled": false }, "kind": "ecs_express",
        "express": {
            "cluster": "default", "status": "ACTIVE",
            "deployment": { "id": "d1", "arn": "arn:d1", "status": "IN_PROGRESS" },
            "setup": { "state": "configured", "exporter": "local_collector" },
            "spans": { "arriving": false, "window_seconds": 900 },
        },
    }))
    .expect("an Express service");
    mount_table(
        &host,
        vec![service("api", "RUNNING", 1_700_000_000.0, true), express],
    );
    leptos::task::tick().await;

    let row = |css: &str| texts(&host, &format!("tr[data-kind='ecs_express'] {css}"));
    assert_eq!(row(".service-kind"), ["ECS Express"]);
    assert_eq!(row(".status-badge"), ["ACTIVE"]);
    assert_eq!(row(".status-badge .spinner"), [""]);
    assert_eq!(row(".status-detail"), ["deployment IN_PROGRESS"]);
    assert_eq!(
        row(".tracing-facts.tracing-silent"),
        ["configured, no spans arriving in the last 15 min"]
    );
    // Read-only: the state as text, no switch, as for App Runner.
    assert_eq!(texts(&host, ".tracing-state"), ["On", "Off"]);
    assert!(!exists(&host, ".tracing-switch"));
    let href = find(&host, "tr[data-kind='ecs_express'] th a")
        .get_attribute("href")
        .unwrap_or_default();
    assert!(
        href.starts_with("/services/search?") && href.contains("kind=ecs_express&cluster=default"),
        "{href}"
    );
}

#[wasm_bindgen_test]
async fn pending_rows_say_checking_and_are_filled_in_place() {
    let host = host();
    let pending = |service: ServiceSummary| ServiceSummary {
        tracing: None,
        pending: true,
        ..service
    };
    let express: ServiceSummary = serde_json::from_value(serde_json::json!({
        "region": "us-east-1", "name": "search", "id": "default/search",
        "arn": "arn:aws:ecs:us-east-1:123456789012:service/default/search",
        "status": "", "created_at": 0.0, "updated_at": 0.0, "kind": "ecs_express",
        "express": { "cluster": "default", "status": "" }, "pending": true,
    }))
    .expect("a pending Express service");
    let described = vec![
        service("api", "RUNNING", 1_700_000_000.0, true),
        service("cart", "RUNNING", 1_700_000_000.0, false),
    ];
    let quick = vec![
        pending(described[0].clone()),
        described[1].clone(),
        express.clone(),
    ];
    let shown = RwSignal::new(quick);
    let describing = RwSignal::new(true);
    let handle = mount_to(host.clone(), move || {
        provide_config(true);
        let rows = Signal::derive(move || visible_rows(&shown.get(), &ListQuery::default()));
        view! {
            <Router>
                <ServicesTable
                    rows
                    query=Signal::derive(ListQuery::default)
                    on_sort=Callback::new(|_| {})
                    now=Signal::derive(|| 1_700_000_100.0)
                    on_changed=Callback::new(|()| {})
                    describing
                />
            </Router>
        }
    });
    leptos::task::tick().await;

    // Never "off" (nor "on", nor "unknown") for what is being read.
    assert_eq!(
        texts(&host, ".tracing-checking"),
        ["checking…", "checking…"]
    );
    assert_eq!(
        find(&host, "tr[data-service='api'] .tracing-checking")
            .get_attribute("aria-busy")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        texts(&host, ".tracing-state"),
        ["Off"],
        "the described row as it is"
    );
    let express_row = |css: &str| texts(&host, &format!("tr[data-kind='ecs_express'] {css}"));
    assert_eq!(express_row(".status-badge"), ["checking…"]);
    assert_eq!(express_row(".tracing-facts"), Vec::<String>::new());
    let api_row = find(&host, "tr[data-service='api']");

    // The full list arrives: the same rows, filled in.
    let mut full = described.clone();
    full.push(ServiceSummary {
        pending: false,
        status: ServiceStatus::Running,
        ..express
    });
    shown.set(full);
    leptos::task::tick().await;
    assert!(!exists(&host, ".tracing-checking"));
    assert_eq!(texts(&host, ".tracing-state"), ["On", "Off", "Unknown"]);
    let api_again = find(&host, "tr[data-service='api']");
    assert!(
        api_row.is_same_node(Some(api_again.as_ref())),
        "a row keeps its element when it is filled in"
    );

    // A pending row whose description did not come is "unknown", not "checking…".
    shown.set(vec![pending(described[0].clone())]);
    describing.set(false);
    leptos::task::tick().await;
    assert_eq!(texts(&host, ".tracing-checking"), ["unknown"]);
    handle.forget();
}

/// Replaces `fetch`: PUT .../tracing is accepted, the operation runs for one poll and then
/// succeeds with tracing off. Every request is recorded in `window.calls`.
fn stub_fetch() {
    let stub = js_sys::Function::new_no_args(
        r#"
        window.calls = [];
        let polls = 0;
        window.fetch = async (input, init) => {
            const request = new Request(input, init);
            const path = new URL(request.url).pathname;
            const body = request.method === "PUT" ? await request.text() : "";
            window.calls.push(`${request.method} ${path} ${body}`.trim());
            const json = (status, value) => new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });
            if (request.method === "PUT") return json(202, { operation_id: "op-1", service_arn: "arn" });
            polls += 1;
            const done = polls > 1;
            return json(200, {
                operation: { id: "op-1", kind: "UPDATE_SERVICE", status: done ? "SUCCEEDED" : "IN_PROGRESS" },
                service_status: done ? "RUNNING" : "OPERATION_IN_PROGRESS",
                tracing: done ? { enabled: false } : null,
            });
        };
        "#,
    );
    stub.call0(&JsValue::NULL).expect("fetch stubbed");
}

fn calls() -> Vec<String> {
    let window = web_sys::window().expect("a window");
    let calls = js_sys::Reflect::get(&window, &JsValue::from_str("calls")).expect("window.calls");
    js_sys::Array::from(&calls)
        .iter()
        .filter_map(|call| call.as_string())
        .collect()
}

#[wasm_bindgen_test]
async fn the_switch_confirms_calls_the_route_and_follows_the_operation() {
    stub_fetch();
    let host = host();
    let handle = mount_to(host.clone(), || {
        provide_config(false);
        view! { <TracingToggle service=ServiceRef::app_runner("us-east-1", "movies_app") enabled=Signal::derive(|| Some(true)) /> }
    });
    handle.forget();
    settle(10).await;

    let switch = find(&host, "button.tracing-switch[role='switch']");
    assert_eq!(
        switch.get_attribute("aria-checked").as_deref(),
        Some("true")
    );
    assert_eq!(
        switch.get_attribute("aria-label").as_deref(),
        Some("Tracing for movies_app")
    );
    click(&host, ".tracing-switch");
    leptos::task::tick().await;
    assert!(exists(&host, "dialog[open]"), "no confirmation");
    assert!(texts(&host, "dialog h2")[0].contains("Turn tracing off for movies_app?"));
    assert!(
        calls().is_empty(),
        "asked AWS before the confirmation: {:?}",
        calls()
    );

    click(&host, "dialog button.confirm");
    let mut seen_progress = false;
    for _ in 0..100 {
        settle(50).await;
        // In words, with the seconds it has taken ("Deploying… 1 s").
        seen_progress |= texts(&host, ".toggle-progress")
            .iter()
            .any(|t| t.starts_with("Deploying… ") && t.ends_with(" s"));
        if exists(&host, ".toggle-done") {
            break;
        }
    }
    assert!(seen_progress, "the progress was never shown");
    assert_eq!(texts(&host, ".toggle-done"), ["Done: tracing is off"]);
    assert_eq!(
        find(&host, ".tracing-switch")
            .get_attribute("aria-checked")
            .as_deref(),
        Some("false")
    );
    let calls = calls();
    assert_eq!(
        calls[0],
        r#"PUT /api/v1/services/us-east-1/movies_app/tracing {"enabled":false}"#
    );
    assert!(
        calls[1..]
            .iter()
            .all(|call| call == "GET /api/v1/services/us-east-1/movies_app/operations/op-1"),
        "{calls:?}"
    );
}

/// Replaces `fetch` for an Express service: its page (the plan and Transaction Search), the
/// change accepted, a poll in the canary, then a rollback with its reason. Requests are recorded
/// with their query.
fn stub_express_fetch() {
    let stub = js_sys::Function::new_no_args(
        r#"
        window.calls = [];
        let polls = 0;
        window.fetch = async (input, init) => {
            const request = new Request(input, init);
            const url = new URL(request.url);
            window.calls.push(`${request.method} ${url.pathname}${url.search}`);
            const json = (status, value) => new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });
            if (request.method === "PUT") return json(202, { operation_id: "d1", service_arn: "arn" });
            if (!url.pathname.includes("/operations/")) {
                return json(200, {
                    service: { region: "us-east-1", name: "search", id: "default/search", arn: "arn", status: "RUNNING",
                               created_at: 0, updated_at: 0, kind: "ecs_express", express: { cluster: "default", status: "ACTIVE" } },
                    express: {
                        configuration: { task_role_arn: "arn:aws:iam::123456789012:role/search-task" },
                        plan: { turn_on: [{ name: "OTEL_TRACES_EXPORTER", to: "otlp" }] },
                        transaction_search: { region: "us-east-1", destination: "XRay", status: "ACTIVE", all_spans: false },
                    },
                });
            }
            polls += 1;
            const done = polls > 1;
            return json(200, {
                operation: { id: "d1", kind: "UPDATE_SERVICE", status: done ? "ROLLBACK_SUCCEEDED" : "IN_PROGRESS" },
                service_status: done ? "RUNNING" : "OPERATION_IN_PROGRESS",
                tracing: done ? { enabled: false } : null,
                deployment: done
                    ? { status: "ROLLBACK_SUCCESSFUL", stage: "CLEAN_UP", rollback_reason: "The alarm went into ALARM." }
                    : { status: "IN_PROGRESS", stage: "PRODUCTION_TRAFFIC_SHIFT", target_weight: 5 },
            });
        };
        "#,
    );
    stub.call0(&JsValue::NULL).expect("fetch stubbed");
}

#[wasm_bindgen_test]
async fn the_express_switch_lists_the_variables_follows_the_canary_and_reports_a_rollback() {
    stub_express_fetch();
    let host = host();
    let search = ServiceRef {
        region: "us-east-1".into(),
        name: "search".into(),
        kind: ServiceKind::EcsExpress,
        cluster: Some("default".into()),
    };
    let handle = mount_to(host.clone(), move || {
        provide_config(false);
        view! { <TracingToggle service=search.clone() enabled=Signal::derive(|| Some(false)) /> }
    });
    handle.forget();
    settle(10).await;

    click(&host, ".tracing-switch");
    for _ in 0..40 {
        settle(25).await;
        if exists(&host, "dialog[open]") {
            break;
        }
    }
    assert!(exists(&host, "dialog[open]"), "no confirmation");
    assert_eq!(
        texts(&host, "dialog .confirm-list li"),
        ["OTEL_TRACES_EXPORTER=otlp"]
    );
    let dialog = texts(&host, "dialog p").join("\n");
    assert!(dialog.contains("ADOT auto-instrumentation"), "{dialog}");
    assert!(
        dialog.contains("Transaction Search is off in us-east-1"),
        "{dialog}"
    );
    assert_eq!(
        calls(),
        ["GET /api/v1/services/us-east-1/search?kind=ecs_express&cluster=default"]
    );

    click(&host, "dialog button.confirm");
    let mut canary = false;
    for _ in 0..100 {
        settle(50).await;
        canary |= texts(&host, ".toggle-progress").iter().any(|t| {
            t.starts_with("Deploying… ")
                && t.ends_with("canary: 5 % of traffic on the new configuration")
        });
        if exists(&host, ".toggle-error") {
            break;
        }
    }
    assert!(canary, "the canary was never shown");
    assert_eq!(
        texts(&host, ".toggle-error"),
        [
            "the deployment ended with ROLLBACK_SUCCEEDED (The alarm went into ALARM); ECS kept the previous configuration"
        ]
    );
    let calls = calls();
    assert_eq!(
        calls[1],
        "PUT /api/v1/services/us-east-1/search/tracing?kind=ecs_express&cluster=default"
    );
    assert!(
        calls[2..].iter().all(|call| call
            == "GET /api/v1/services/us-east-1/search/operations/d1?kind=ecs_express&cluster=default"),
        "{calls:?}"
    );
}
