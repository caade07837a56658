//! Running a query in two halves, so a running query can show partial results as Logs Insights
//! does. When the query starts, every log event of the window is scanned (oldest first) through
//! the commands that work event by event (`filter`, `fields`, `parse`, `display`); the rows that
//! pass are kept with their position in the scan. When results are asked for, the rows of the
//! part scanned so far go through the rest (`stats`, `sort`, `limit`, and what follows).

use super::ast::{Command, Expr, Query};
use super::eval::{Fields, V, eval, holds};
use super::stats::aggregate;
use crate::amz_date::format_log_timestamp;
use crate::spans::path::{Paths, Val};
use crate::spans::{SpanRecord, SpanStore};

/// One row after the event-by-event half: the values the rest of the query can name.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    pub cells: Vec<(String, V)>,
    pub ptr: Option<String>,
}

impl Fields for Row {
    fn get(&self, name: &str) -> Option<V> {
        self.cells
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }
}

impl Row {
    fn set(&mut self, name: &str, value: V) {
        match self.cells.iter_mut().find(|(n, _)| n == name) {
            Some(cell) => cell.1 = value,
            None => self.cells.push((name.to_owned(), value)),
        }
    }
}

/// A log event seen through its record.
struct Event<'a> {
    paths: &'a Paths,
    record: &'a SpanRecord,
    ptr: &'a str,
    extra: Vec<(String, V)>,
}

impl Fields for Event<'_> {
    fn get(&self, name: &str) -> Option<V> {
        if let Some((_, v)) = self.extra.iter().rev().find(|(n, _)| n == name) {
            return Some(v.clone());
        }
        match name {
            "@timestamp" => return Some(V::Int(self.record.timestamp_ms)),
            "@message" => {
                return Some(V::Str(
                    self.paths.unflatten(&self.record.fields).to_string(),
                ));
            }
            "@ptr" => return Some(V::Str(self.ptr.to_owned())),
            "@log" => {
                return Some(V::Str(format!(
                    "{}:{}",
                    crate::DEFAULT_ACCOUNT_ID,
                    crate::spans::LOG_GROUP
                )));
            }
            "@logStream" => return Some(V::Str("default".into())),
            _ => {}
        }
        let ids = self.paths.named(name);
        self.record
            .fields
            .iter()
            .find(|(id, _)| ids.contains(id))
            .map(|(_, v)| match v {
                Val::Str(s) => V::Str(s.to_string()),
                Val::Int(n) => V::Int(*n),
                Val::Float(f) => V::Float(*f),
                Val::Bool(b) => V::Bool(*b),
            })
    }
}

/// The event-by-event half, done when the query starts.
pub(crate) struct Scan {
    query: Query,
    /// Index of the first command that needs every row (`stats`, `sort`, `limit`).
    split: usize,
    /// Bytes scanned after each event (cumulative).
    bytes: Vec<u64>,
    /// Rows that passed, with the position of their event in the scan.
    rows: Vec<(usize, Row)>,
    shown: Vec<String>,
}

/// What the part scanned so far gives.
pub(crate) struct Output {
    pub rows: Vec<Vec<(String, String)>>,
    pub records_scanned: usize,
    pub records_matched: usize,
    pub bytes_scanned: u64,
}

impl Scan {
    /// Scans the region's events with `@timestamp` in `[from_ms, to_ms]`.
    pub fn start(
        query: Query,
        store: &SpanStore,
        region: &str,
        from_ms: i64,
        to_ms: i64,
        now: f64,
    ) -> Self {
        let split = query
            .commands
            .iter()
            .position(|c| {
                matches!(
                    c,
                    Command::Stats { .. } | Command::Sort(_) | Command::Limit(_)
                )
            })
            .unwrap_or(query.commands.len());
        let needed = query.names();
        let mut events: Vec<(&SpanRecord, String)> = store
            .traces(region, now)
            .flat_map(|trace| {
                let w3c = crate::spans::w3c_trace_id(&trace.xray_id);
                trace
                    .records
                    .iter()
                    .filter(move |r| (from_ms..=to_ms).contains(&r.timestamp_ms))
                    .map(move |r| (r, format!("{w3c}{}", r.span_id)))
            })
            .collect();
        events.sort_by(|a, b| {
            a.0.timestamp_ms
                .cmp(&b.0.timestamp_ms)
                .then_with(|| a.1.cmp(&b.1))
        });
        let mut bytes = Vec::with_capacity(events.len());
        let mut total = 0_u64;
        let mut rows = Vec::new();
        let shown = shown_by(&query.commands[..split]);
        for (index, (record, ptr)) in events.iter().enumerate() {
            total += u64::from(record.message_bytes);
            bytes.push(total);
            let mut event = Event {
                paths: &store.paths,
                record,
                ptr,
                extra: Vec::new(),
            };
            if !per_event(&query.commands[..split], &mut event) {
                continue;
            }
            let cells = needed
                .iter()
                .chain(shown.iter())
                .filter_map(|name| Some((name.clone(), event.get(name)?)))
                .collect();
            rows.push((
                index,
                Row {
                    cells,
                    ptr: Some(ptr.clone()),
                },
            ));
        }
        Self {
            query,
            split,
            bytes,
            rows,
            shown,
        }
    }

    pub fn events(&self) -> usize {
        self.bytes.len()
    }

    /// The results once `scanned` events (of [`Scan::events`]) are read, at most `limit` rows.
    pub fn output(&self, scanned: usize, limit: usize) -> Output {
        let scanned = scanned.min(self.bytes.len());
        let mut rows: Vec<Row> = self
            .rows
            .iter()
            .take_while(|(index, _)| *index < scanned)
            .map(|(_, row)| row.clone())
            .collect();
        let records_matched = rows.len();
        let mut shown = self.shown.clone();
        let rest = &self.query.commands[self.split..];
        // Without a sort of its own, a query sees its events newest first (so `limit 10` gives
        // the latest ten).
        let stats = rest.iter().any(|c| matches!(c, Command::Stats { .. }));
        if !stats && !rest.iter().any(|c| matches!(c, Command::Sort(_))) {
            sort(&mut rows, &[("@timestamp".to_owned(), true)]);
        }
        let mut aggregated = false;
        for command in rest {
            match command {
                Command::Filter(expr) => rows.retain(|row| holds(expr, row)),
                Command::Fields(items) => {
                    for row in &mut rows {
                        for (expr, name) in items {
                            if let Some(value) = eval(expr, row) {
                                row.set(name, value);
                            }
                        }
                    }
                    shown.extend(items.iter().map(|(_, n)| n.clone()));
                }
                Command::Display(names) => shown.clone_from(names),
                Command::Parse { field, regex } => {
                    for row in &mut rows {
                        for (name, value) in captures(regex, eval(field, row)) {
                            row.set(&name, value);
                        }
                    }
                }
                Command::Stats { aggs, by } => {
                    rows = aggregate(&rows, aggs, by);
                    shown = by
                        .iter()
                        .map(|(_, n)| n.clone())
                        .chain(aggs.iter().map(|a| a.name.clone()))
                        .collect();
                    aggregated = true;
                }
                Command::Sort(keys) => sort(&mut rows, keys),
                Command::Limit(n) => rows.truncate(*n),
            }
        }
        if shown.is_empty() && !aggregated {
            shown = vec!["@timestamp".to_owned(), "@message".to_owned()];
        }
        rows.truncate(limit);
        let rows = rows
            .iter()
            .map(|row| {
                let mut cells: Vec<(String, String)> = shown
                    .iter()
                    .filter_map(|name| Some((name.clone(), text(name, row.get(name)?))))
                    .collect();
                if let (false, Some(ptr)) = (aggregated, &row.ptr) {
                    cells.push(("@ptr".to_owned(), ptr.clone()));
                }
                cells
            })
            .collect();
        Output {
            rows,
            records_scanned: scanned,
            records_matched,
            bytes_scanned: scanned
                .checked_sub(1)
                .and_then(|i| self.bytes.get(i))
                .copied()
                .unwrap_or(0),
        }
    }
}

fn text(name: &str, value: V) -> String {
    match (name, &value) {
        ("@timestamp", V::Int(ms)) => format_log_timestamp(*ms),
        _ => value.text(),
    }
}

/// Runs the event-by-event commands; false when a filter drops the event.
fn per_event(commands: &[Command], event: &mut Event<'_>) -> bool {
    for command in commands {
        match command {
            Command::Filter(expr) => {
                if !holds(expr, event) {
                    return false;
                }
            }
            Command::Fields(items) => {
                for (expr, name) in items {
                    let plain = matches!(expr, Expr::Field(field) if field == name);
                    if !plain && let Some(value) = eval(expr, event) {
                        event.extra.push((name.clone(), value));
                    }
                }
            }
            Command::Display(_) => {}
            Command::Parse { field, regex } => {
                let found = captures(regex, eval(field, event));
                event.extra.extend(found);
            }
            Command::Stats { .. } | Command::Sort(_) | Command::Limit(_) => {}
        }
    }
    true
}

fn shown_by(commands: &[Command]) -> Vec<String> {
    let mut shown = Vec::new();
    for command in commands {
        match command {
            Command::Fields(items) => shown.extend(items.iter().map(|(_, n)| n.clone())),
            Command::Display(names) => shown.clone_from(names),
            _ => {}
        }
    }
    shown
}

fn captures(regex: &regex::Regex, value: Option<V>) -> Vec<(String, V)> {
    let Some(text) = value.map(|v| v.text()) else {
        return Vec::new();
    };
    let Some(found) = regex.captures(&text) else {
        return Vec::new();
    };
    regex
        .capture_names()
        .flatten()
        .filter_map(|name| {
            Some((
                name.to_owned(),
                V::Str(found.name(name)?.as_str().to_owned()),
            ))
        })
        .collect()
}

fn sort(rows: &mut [Row], keys: &[(String, bool)]) {
    rows.sort_by(|a, b| {
        for (name, descending) in keys {
            let order = match (a.get(name), b.get(name)) {
                (Some(x), Some(y)) => x.compare(&y).unwrap_or_else(|| x.text().cmp(&y.text())),
                // Rows without the field come last either way.
                (Some(_), None) => return std::cmp::Ordering::Less,
                (None, Some(_)) => return std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            };
            let order = if *descending { order.reverse() } else { order };
            if order.is_ne() {
                return order;
            }
        }
        std::cmp::Ordering::Equal
    });
}
