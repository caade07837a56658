//! Every `/api/v1` route driven through `app(state).oneshot(..)` against the emulator on a
//! loopback port, plus the static bundle and input validation.

mod all_spans;
mod assets;
mod common;
mod express;
mod express_refusals;
mod faults;
mod inputs;
mod map;
mod partial_lists;
mod retrieval;
mod services;
mod services_quick;
mod table;
mod traces;
mod tracing_toggle;
