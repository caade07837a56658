//! The parsed form of a query: a pipeline of commands over rows of named values.

use std::collections::HashSet;

use regex::Regex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Func {
    IsPresent,
    Coalesce,
    StrLen,
    ToLower,
    ToUpper,
    Concat,
    IsEmpty,
    IsBlank,
    Abs,
    Floor,
    Ceil,
}

impl Func {
    pub fn named(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "ispresent" => Self::IsPresent,
            "coalesce" => Self::Coalesce,
            "strlen" => Self::StrLen,
            "tolower" => Self::ToLower,
            "toupper" => Self::ToUpper,
            "concat" => Self::Concat,
            "isempty" => Self::IsEmpty,
            "isblank" => Self::IsBlank,
            "abs" => Self::Abs,
            "floor" => Self::Floor,
            "ceil" => Self::Ceil,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Pattern {
    /// `like "text"`: the value contains the text.
    Text(String),
    Regex(Regex),
}

#[derive(Clone, Debug)]
pub(crate) enum Expr {
    Field(String),
    Str(String),
    Int(i64),
    Num(f64),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Cmp(CmpOp, Box<Expr>, Box<Expr>),
    Arith(ArithOp, Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
    Like {
        value: Box<Expr>,
        pattern: Pattern,
        negated: bool,
    },
    In {
        value: Box<Expr>,
        list: Vec<Expr>,
        negated: bool,
    },
    Call(Func, Vec<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AggKind {
    /// `count(*)` or `count()`: every row.
    CountAll,
    /// `count(x)`: rows where `x` has a value.
    Count,
    CountDistinct,
    Min,
    Max,
    Sum,
    Avg,
}

impl AggKind {
    pub fn named(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "count" => Self::Count,
            "count_distinct" => Self::CountDistinct,
            "min" => Self::Min,
            "max" => Self::Max,
            "sum" => Self::Sum,
            "avg" => Self::Avg,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Agg {
    pub kind: AggKind,
    /// `None` for `count(*)`.
    pub arg: Option<Expr>,
    pub name: String,
}

#[derive(Clone, Debug)]
pub(crate) enum Command {
    /// `fields a, b + 1 as c`: what each row shows (and new fields for later commands).
    Fields(Vec<(Expr, String)>),
    /// `display a, b`: only these, in this order.
    Display(Vec<String>),
    Filter(Expr),
    /// `parse field /(?<name>…)/`: named groups become fields where the expression matches.
    Parse {
        field: Expr,
        regex: Regex,
    },
    Stats {
        aggs: Vec<Agg>,
        by: Vec<(Expr, String)>,
    },
    Sort(Vec<(String, bool)>),
    Limit(usize),
}

#[derive(Clone, Debug)]
pub(crate) struct Query {
    pub commands: Vec<Command>,
}

impl Query {
    /// Every name the query reads, so the rows keep them.
    pub fn names(&self) -> Vec<String> {
        fn walk(expr: &Expr, out: &mut HashSet<String>) {
            match expr {
                Expr::Field(name) => {
                    out.insert(name.clone());
                }
                Expr::Str(_) | Expr::Int(_) | Expr::Num(_) => {}
                Expr::Not(e) | Expr::Neg(e) => walk(e, out),
                Expr::And(a, b) | Expr::Or(a, b) | Expr::Cmp(_, a, b) | Expr::Arith(_, a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                Expr::Like { value, .. } => walk(value, out),
                Expr::In { value, list, .. } => {
                    walk(value, out);
                    list.iter().for_each(|e| walk(e, out));
                }
                Expr::Call(_, args) => args.iter().for_each(|e| walk(e, out)),
            }
        }
        let mut out = HashSet::from(["@timestamp".to_owned()]);
        for command in &self.commands {
            match command {
                Command::Fields(items) => items.iter().for_each(|(e, n)| {
                    walk(e, &mut out);
                    out.insert(n.clone());
                }),
                Command::Display(names) => out.extend(names.iter().cloned()),
                Command::Filter(e) => walk(e, &mut out),
                Command::Parse { field, regex } => {
                    walk(field, &mut out);
                    out.extend(regex.capture_names().flatten().map(str::to_owned));
                }
                Command::Stats { aggs, by } => {
                    aggs.iter()
                        .filter_map(|a| a.arg.as_ref())
                        .for_each(|e| walk(e, &mut out));
                    by.iter().for_each(|(e, _)| walk(e, &mut out));
                }
                Command::Sort(keys) => out.extend(keys.iter().map(|(n, _)| n.clone())),
                Command::Limit(_) => {}
            }
        }
        let mut names: Vec<String> = out.into_iter().collect();
        names.sort();
        names
    }
}
