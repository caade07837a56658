//! The performance timeline stays bounded: a name never holds more measures than the bound in
//! force, the kiosk's small one included, so a page open for days does not grow its JS heap.
#![cfg(target_arch = "wasm32")]

use frontend::browser::perf::{self, MEASURES_KEPT, Since};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn count(name: &str) -> u32 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0, |p| p.get_entries_by_name(name).length())
}

#[wasm_bindgen_test]
fn a_name_never_holds_more_measures_than_the_bound() {
    let check = |kept: u32, measures: u32| {
        let name = format!("runtrace:test:bound-{kept}");
        let previous = perf::set_measures_kept(kept);
        let mut most = 0;
        for _ in 0..measures {
            perf::mark("runtrace:test:start");
            perf::measure(&name, Since::Mark("runtrace:test:start"));
            most = most.max(count(&name));
        }
        perf::set_measures_kept(previous);
        assert_eq!(
            most,
            kept.min(measures),
            "bound {kept}, {measures} measures"
        );
    };
    check(32, 100);
    check(5, 3);
    check(1, 10);
    assert_eq!(
        perf::set_measures_kept(MEASURES_KEPT),
        MEASURES_KEPT,
        "the bound was not restored"
    );
}
