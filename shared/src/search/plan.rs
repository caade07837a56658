//! The two query shapes: trace rows from root spans (`fields`), or per trace counts of marked
//! spans (`stats … by traceId`).

use super::escape::field;
use super::fields::{self, columns, either, entry_columns};
use super::translate::{Cond, Mark};

/// Every span of the query: a span record has a trace id.
const SPANS: &str = "ispresent(traceId)";
/// A root span has no parent id (whether AWS leaves the field out or writes it empty is
/// unconfirmed: both read as a root).
const ROOT: &str = "(not ispresent(parentSpanId) or parentSpanId = \"\")";
const CHILD: &str = "parentSpanId != \"\"";

/// How to read the rows a query answers with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One row per trace with its entry span's fields ([`columns`]).
    Roots,
    /// One row per trace with its id, first start, last end and [`columns::SPANS`]; the entry
    /// span's fields come from a second query ([`super::entry_spans`]).
    Traces,
}

/// The text of a Logs Insights condition.
pub(crate) fn condition(cond: &Cond, mark: &dyn Fn(usize) -> String) -> String {
    match cond {
        Cond::Root(text) => text.clone(),
        Cond::Mark(n) => mark(*n),
        Cond::Not(inner) => format!("not ({})", condition(inner, mark)),
        Cond::And(items) => join(items, " and ", mark),
        Cond::Or(items) => join(items, " or ", mark),
    }
}

fn join(items: &[Cond], separator: &str, mark: &dyn Fn(usize) -> String) -> String {
    let parts: Vec<String> = items
        .iter()
        .map(|i| format!("({})", condition(i, mark)))
        .collect();
    parts.join(separator)
}

pub(crate) fn roots(root: Option<&Cond>, limit: u32) -> String {
    let mut filter = format!("{SPANS} and {ROOT}");
    if let Some(root) = root {
        filter.push_str(&format!(" and ({})", condition(root, &|_| String::new())));
    }
    format!(
        "filter {filter}\n| {}\n| sort {} desc\n| limit {limit}",
        entry_columns(),
        field(fields::START)
    )
}

pub(crate) fn traces(root: Option<&Cond>, marks: &[Mark], test: &Cond, limit: u32) -> String {
    let name = |n: usize| format!("rtm{n}");
    let root_filter = root.map_or_else(
        || ROOT.to_owned(),
        |r| format!("{ROOT} and ({})", condition(r, &|_| String::new())),
    );
    let lanes: Vec<String> = marks
        .iter()
        .map(|m| format!("{} like /{}/", field(&m.field_name()), m.regex))
        .collect();
    let mut query = format!(
        "filter {SPANS} and (({root_filter}) or ({CHILD} and ({})))\n| parse parentSpanId /(?<rt_child>^.)/",
        lanes.join(" or ")
    );
    for (n, mark) in marks.iter().enumerate() {
        query.push_str(&format!(
            "\n| parse {} /(?<{}>{})/",
            field(&mark.field_name()),
            name(n),
            mark.regex
        ));
    }
    let counts: Vec<String> = (0..marks.len())
        .map(|n| format!("count({0}) as {0}", name(n)))
        .collect();
    query.push_str(&format!(
        "\n| stats count(*) as {spans}, count(rt_child) as rt_children, {counts}, min({start}) as {first}, max({end}) as {last} by {id}",
        spans = columns::SPANS,
        counts = counts.join(", "),
        start = either(&[fields::START]),
        end = either(&[fields::END]),
        first = columns::START,
        last = columns::END,
        id = columns::TRACE_ID,
    ));
    let marked = condition(test, &|n| format!("{} > 0", name(n)));
    query.push_str(&format!(
        "\n| filter {} > rt_children and ({marked})\n| sort {} desc\n| limit {limit}",
        columns::SPANS,
        columns::START
    ));
    query
}

/// The entry spans of the given traces (W3C ids), to fill in rows of the [`Shape::Traces`]
/// shape. At most [`MAX_ENTRY_IDS`] ids, so the query stays within Logs Insights' 10,000
/// characters.
pub(crate) fn entry_spans(w3c_ids: &[&str]) -> String {
    let ids: Vec<String> = w3c_ids.iter().map(|id| format!("\"{id}\"")).collect();
    format!(
        "filter {SPANS} and {ROOT} and traceId in [{}]\n| {}",
        ids.join(", "),
        entry_columns()
    )
}

/// How many trace ids [`entry_spans`] takes at once.
pub const MAX_ENTRY_IDS: usize = 200;
