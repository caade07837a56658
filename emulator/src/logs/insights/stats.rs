//! `stats`: rows grouped by the `by` values (in the order groups are first seen), each
//! aggregate computed over the group's rows that have a value for its argument.

use std::collections::{HashMap, HashSet};

use super::ast::{Agg, AggKind, Expr};
use super::eval::{V, eval};
use super::run::Row;

#[derive(Default)]
struct State {
    count: u64,
    distinct: HashSet<String>,
    best: Option<V>,
    int_sum: Option<i64>,
    float_sum: f64,
    numbers: u64,
}

pub(crate) fn aggregate(rows: &[Row], aggs: &[Agg], by: &[(Expr, String)]) -> Vec<Row> {
    let mut groups: Vec<(Vec<Option<V>>, Vec<State>)> = Vec::new();
    let mut index: HashMap<Vec<Option<String>>, usize> = HashMap::new();
    for row in rows {
        let key: Vec<Option<V>> = by.iter().map(|(e, _)| eval(e, row)).collect();
        let text_key = key.iter().map(|v| v.as_ref().map(V::text)).collect();
        let at = *index.entry(text_key).or_insert_with(|| {
            groups.push((key, aggs.iter().map(|_| State::default()).collect()));
            groups.len() - 1
        });
        for (agg, state) in aggs.iter().zip(groups[at].1.iter_mut()) {
            add(agg, state, row);
        }
    }
    groups
        .into_iter()
        .map(|(key, states)| {
            let mut cells: Vec<(String, V)> = by
                .iter()
                .zip(key)
                .filter_map(|((_, name), v)| Some((name.clone(), v?)))
                .collect();
            for (agg, state) in aggs.iter().zip(states) {
                if let Some(value) = finish(agg.kind, state) {
                    cells.push((agg.name.clone(), value));
                }
            }
            Row { cells, ptr: None }
        })
        .collect()
}

fn add(agg: &Agg, state: &mut State, row: &Row) {
    if agg.kind == AggKind::CountAll {
        state.count += 1;
        return;
    }
    let Some(value) = agg.arg.as_ref().and_then(|e| eval(e, row)) else {
        return;
    };
    state.count += 1;
    match agg.kind {
        AggKind::CountDistinct => {
            state.distinct.insert(value.text());
        }
        AggKind::Min | AggKind::Max => {
            let better = state.best.as_ref().is_none_or(|best| {
                let order = value.compare(best).unwrap_or(std::cmp::Ordering::Equal);
                match agg.kind {
                    AggKind::Min => order.is_lt(),
                    _ => order.is_gt(),
                }
            });
            if better {
                state.best = Some(value);
            }
        }
        AggKind::Sum | AggKind::Avg => {
            if let V::Int(n) = value {
                state.int_sum = Some(state.int_sum.unwrap_or(0).saturating_add(n));
                state.numbers += 1;
            } else if let Some(f) = value.text().parse::<f64>().ok().filter(|f| f.is_finite()) {
                state.float_sum += f;
                state.numbers += 1;
            }
        }
        AggKind::CountAll | AggKind::Count => {}
    }
}

fn finish(kind: AggKind, state: State) -> Option<V> {
    let total = || state.float_sum + state.int_sum.unwrap_or(0) as f64;
    match kind {
        AggKind::CountAll | AggKind::Count => Some(V::Int(i64::try_from(state.count).ok()?)),
        AggKind::CountDistinct => Some(V::Int(i64::try_from(state.distinct.len()).ok()?)),
        AggKind::Min | AggKind::Max => state.best,
        AggKind::Sum if state.numbers == 0 => None,
        AggKind::Sum if state.float_sum == 0.0 => state.int_sum.map(V::Int),
        AggKind::Sum => Some(V::Float(total())),
        AggKind::Avg if state.numbers == 0 => None,
        AggKind::Avg => Some(V::Float(total() / state.numbers as f64)),
    }
}
