fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(frontend::app::App);
    // Mounting renders synchronously, so the shell is in the DOM by now.
    frontend::browser::mark_ready();
}
