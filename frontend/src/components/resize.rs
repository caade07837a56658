//! `use_resize_observer`: calls back whenever an element changes size, for as long as the
//! calling component lives. The observer and its callback are released with the component: a
//! kiosk mounts a new map canvas every rotation, and each used to stay alive forever.

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// A resize observer and the callback it calls, which must live exactly as long as it does.
struct Watcher {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut()>,
}

/// Watches the element behind `target` (once it is mounted) and calls `on_resize` on every change
/// of its size, including the first layout.
pub fn use_resize_observer<E>(target: NodeRef<E>, on_resize: impl FnMut() + 'static)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let watcher = StoredValue::new_local(None::<Watcher>);
    let on_resize = StoredValue::new_local(Some(on_resize));
    Effect::new(move |_| {
        let Some(element) = target.get() else { return };
        let Some(on_resize) = on_resize.try_update_value(Option::take).flatten() else {
            return;
        };
        let callback = Closure::<dyn FnMut()>::new(on_resize);
        let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(element.unchecked_ref());
        watcher.try_set_value(Some(Watcher {
            observer,
            _callback: callback,
        }));
    });
    on_cleanup(move || {
        if let Some(Some(watcher)) = watcher.try_update_value(Option::take) {
            watcher.observer.disconnect();
        }
    });
}
