//! A service whose tracing is off emits no segments, and emits again once it is back on.

mod xray_support;

use emulator::apprunner::ServiceSeed;
use emulator::{Emulator, ScenarioName, scenario};
use serde_json::{Value, json};
use xray_support::*;

fn apprunner(emulator: &Emulator, operation: &str, body: Value) -> Value {
    emulator
        .apprunner
        .handle(REGION, operation, body.to_string().as_bytes())
        .unwrap_or_else(|e| panic!("{operation}: {e}"))
}

/// Turns tracing on or off and lets the update finish.
fn set_tracing(emulator: &Emulator, arn: &str, enabled: bool) {
    let mut observability = json!({ "ObservabilityEnabled": enabled });
    if enabled {
        let configs = apprunner(emulator, "ListObservabilityConfigurations", json!({}));
        observability["ObservabilityConfigurationArn"] =
            configs["ObservabilityConfigurationSummaryList"][0]["ObservabilityConfigurationArn"]
                .clone();
    }
    apprunner(
        emulator,
        "UpdateService",
        json!({ "ServiceArn": arn, "ObservabilityConfiguration": observability }),
    );
    emulator.clock.advance(60.0);
    assert_eq!(
        emulator.apprunner.tracing_enabled(REGION, "movies_app"),
        enabled
    );
}

/// The traffic of the next ten minutes, sent once the clock has moved past them.
fn ten_minutes(emulator: &Emulator) {
    let from = emulator.clock.now();
    emulator.clock.advance(600.0);
    scenario::generate(ScenarioName::Movies, emulator, 3, from, from + 600.0, 1.0);
}

#[test]
fn tracing_off_stops_the_segments_and_on_brings_them_back() {
    let emulator = emulator();
    scenario::install(ScenarioName::Movies, &emulator, 1);
    let arn = emulator.apprunner.add_service(ServiceSeed {
        region: REGION.into(),
        name: "movies_app".into(),
        tracing_enabled: true,
        status: None,
        instance_role_arn: None,
    });
    let stored = || emulator.xray.stored().segments;
    let installed = stored();
    assert!(installed > 0);

    set_tracing(&emulator, &arn, false);
    ten_minutes(&emulator);
    assert_eq!(stored(), installed, "no segments while tracing is off");

    set_tracing(&emulator, &arn, true);
    ten_minutes(&emulator);
    assert!(
        stored() > installed + 100,
        "about 600 new traces at 1/s, stored {} more",
        stored() - installed
    );
}

#[test]
fn shop_services_with_tracing_off_only_appear_as_their_callers_see_them() {
    let emulator = emulator();
    scenario::install(ScenarioName::Shop, &emulator, 1);
    let count = |filter: &str| {
        matching_ids(&emulator, filter)
            .expect("a valid filter")
            .len()
    };
    assert_eq!(
        count(r#"service(id(name: "notifications", type: "AWS::AppRunner::Service"))"#),
        0
    );
    assert!(count(r#"service(id(name: "notifications", type: "remote"))"#) > 0);
    assert!(count(r#"service(id(name: "orders", type: "AWS::AppRunner::Service"))"#) > 0);
}

/// The live task sends what happened since its last tick once the clock has moved; with a manual
/// clock nothing happens until the test moves it.
#[tokio::test]
async fn live_traffic_follows_the_clock() {
    let config = emulator::EmulatorConfig {
        clock: emulator::Clock::manual(NOW),
        scenario: ScenarioName::Movies,
        rate: 2.0,
        ..emulator::EmulatorConfig::default()
    };
    let running = emulator::start(config).await.expect("emulator starts");
    let emulator = running.emulator().clone();
    let installed = emulator.xray.stored().segments;
    emulator.clock.advance(300.0);
    let mut grown = false;
    // Polls for up to 30 s of wall time: the live task ticks twice a second.
    for _ in 0..300 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if emulator.xray.stored().segments > installed + 100 {
            grown = true;
            break;
        }
    }
    running.shutdown().await;
    assert!(
        grown,
        "five minutes at 2 traces/s should add about 600 segments"
    );
}
