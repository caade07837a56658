//! The map canvas in a real browser: a pointer click at a node's drawn position selects that
//! node, and a click on empty canvas clears the selection.
#![cfg(target_arch = "wasm32")]

mod common;

use std::sync::Arc;

use common::{find, next_frame, pointer, sized_host};
use frontend::components::map::MapCanvas;
use frontend::model::map::Hit;
use frontend::model::map::fixture::movies;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn click(canvas: &HtmlElement, x: f64, y: f64) {
    pointer(canvas, &[("pointerdown", (x, y)), ("pointerup", (x, y))]);
}

#[wasm_bindgen_test]
async fn a_click_on_a_node_selects_it() {
    let host = sized_host("width: 800px; height: 500px");
    let chosen = RwSignal::new(None::<Option<Hit>>);
    let _handle = mount_to(host.clone(), move || {
        let map = Signal::derive(|| Some(Arc::new(movies())));
        view! {
            <MapCanvas
                map
                selected=Signal::derive(|| None)
                on_select=Callback::new(move |hit| chosen.set(Some(hit)))
                initial_camera=None
                on_camera=Callback::new(|_| ())
            />
        }
    });
    next_frame().await;
    let canvas: HtmlElement = find(&host, "canvas.map-canvas").unchecked_into();
    let positions = canvas
        .get_attribute("data-node-positions")
        .expect("published positions");
    let positions: serde_json::Value = serde_json::from_str(&positions).expect("JSON");
    let at = |name: &str| {
        let p = &positions[name];
        (p[0].as_f64().expect("x"), p[1].as_f64().expect("y"))
    };
    let (x, y) = at("movies_app");
    click(&canvas, x, y);
    assert_eq!(chosen.get_untracked(), Some(Some(Hit::Node(1))));
    let (x, y) = at("movies-app");
    click(&canvas, x + 3.0, y - 3.0);
    assert_eq!(chosen.get_untracked(), Some(Some(Hit::Node(2))));
    click(&canvas, 2.0, 2.0);
    assert_eq!(chosen.get_untracked(), Some(None));
}
