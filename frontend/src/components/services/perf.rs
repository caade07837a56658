//! `performance.mark`/`measure` around the view's work, named `runtrace:services:<what>` so the
//! benchmark command can read them.

/// Runs `work`, recording its duration as the measure `runtrace:services:<what>`.
pub fn measured<T>(what: &str, work: impl FnOnce() -> T) -> T {
    let performance = web_sys::window().and_then(|window| window.performance());
    let name = format!("runtrace:services:{what}");
    let start = format!("{name}:start");
    if let Some(performance) = &performance {
        // Marks only fail for reserved names, which these are not; a lost mark loses one sample.
        let _ = performance.mark(&start);
    }
    let result = work();
    if let Some(performance) = &performance {
        let _ = performance.measure_with_start_mark(&name, &start);
    }
    result
}
