//! Filter expression → conditions on spans. A top-level X-Ray keyword describes the trace's
//! entry (its root segment): it becomes a condition on the trace's root span. A test of "any
//! segment of the trace" (`service("x")`, `user`, `annotation.*`) becomes a *mark*: a span that
//! matches it is counted per trace, and the trace matches when the count is not zero.

use super::escape::{regex_literal, string};
use super::fields::{self, either, present};
use crate::filter::{
    AnyOp, BoolKeyword, Expr, NumKeyword, NumOp, ServiceSelector, StrKeyword, StrOp, Test, Value,
};

/// A condition over a trace: on its root span, on marks, or both combined.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cond {
    /// A Logs Insights condition on the root span (parenthesized where needed).
    Root(String),
    /// Some span of the trace matches mark `n`.
    Mark(usize),
    Not(Box<Cond>),
    And(Vec<Cond>),
    Or(Vec<Cond>),
}

impl Cond {
    pub fn has_marks(&self) -> bool {
        match self {
            Cond::Root(_) => false,
            Cond::Mark(_) => true,
            Cond::Not(inner) => inner.has_marks(),
            Cond::And(items) | Cond::Or(items) => items.iter().any(Cond::has_marks),
        }
    }

    pub fn has_root(&self) -> bool {
        match self {
            Cond::Root(_) => true,
            Cond::Mark(_) => false,
            Cond::Not(inner) => inner.has_root(),
            Cond::And(items) | Cond::Or(items) => items.iter().any(Cond::has_root),
        }
    }
}

/// A test of any span: a field and a regular expression its value must match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mark {
    pub field: &'static str,
    pub key: Option<String>,
    pub regex: String,
}

impl Mark {
    /// The span field, with an annotation's own key when it is one.
    pub fn field_name(&self) -> String {
        match &self.key {
            Some(key) => format!("attributes.{key}"),
            None => self.field.to_owned(),
        }
    }
}

/// Why a part of the expression is not translated.
pub(crate) type Refusal<'e> = (&'e Expr, String);

pub(crate) struct Translator {
    pub marks: Vec<Mark>,
}

impl Translator {
    pub fn expr<'e>(&mut self, expr: &'e Expr) -> Result<Cond, Refusal<'e>> {
        match expr {
            Expr::Or(items) => Ok(Cond::Or(items.iter().map(|i| self.expr(i)).collect::<Result<_, _>>()?)),
            Expr::And(items) => Ok(Cond::And(items.iter().map(|i| self.expr(i)).collect::<Result<_, _>>()?)),
            Expr::Not(inner) => Ok(Cond::Not(Box::new(self.expr(inner)?))),
            Expr::Test(test) => self.test(test).map_err(|reason| (expr, reason)),
            Expr::Service { selector: Some(selector), body: None } => {
                self.service(selector).map_err(|reason| (expr, reason))
            }
            Expr::Service { selector: None, .. } => Err((expr, "service() with no name matches any trace's nodes, which spans do not name; name the service".into())),
            Expr::Service { body: Some(_), .. } => Err((expr, "a service's { … } filter tests that service's own segments, which X-Ray aggregates and spans do not; use service(\"name\") alone".into())),
            Expr::Edge { .. } => Err((expr, "edges are computed by X-Ray from the indexed segments; spans carry no edge".into())),
            Expr::Group { .. } => Err((expr, "groups are X-Ray's, kept with the indexed traces; write the group's own expression instead".into())),
            Expr::RootCause { .. } | Expr::RootCauseJson(_) => Err((expr, "root causes are computed by X-Ray for indexed traces only".into())),
        }
    }

    fn test(&mut self, test: &Test) -> Result<Cond, String> {
        match test {
            Test::Bool { kw, value } => {
                let flag = flag(*kw)?;
                Ok(match value {
                    true => Cond::Root(flag),
                    false => Cond::Not(Box::new(Cond::Root(flag))),
                })
            }
            Test::Num { kw, op, value } => number(*kw, *op, *value).map(Cond::Root),
            Test::Str {
                kw: StrKeyword::User,
                op,
            } => self.user(op.as_ref()),
            Test::Str { kw, op } => text(*kw, op.as_ref()).map(Cond::Root),
            Test::Annotation { key, cond } => self.annotation(key, cond.as_ref()),
        }
    }

    fn mark(&mut self, field: &'static str, key: Option<&str>, regex: String) -> Cond {
        let mark = Mark {
            field,
            key: key.map(str::to_owned),
            regex,
        };
        let at = match self.marks.iter().position(|m| *m == mark) {
            Some(at) => at,
            None => {
                self.marks.push(mark);
                self.marks.len() - 1
            }
        };
        Cond::Mark(at)
    }

    fn service(&mut self, selector: &ServiceSelector) -> Result<Cond, String> {
        let (name, fields): (&str, &[&'static str]) = match selector {
            ServiceSelector::Name(name) => (name, &fields::SERVICE_NAMES),
            ServiceSelector::Id(id) => {
                if id.account_id.is_some() {
                    return Err("spans name no account: leave account.id out".into());
                }
                let name = id
                    .name
                    .as_deref()
                    .ok_or("spans are found by service name: give id(name: …)")?;
                match id.kind.as_deref() {
                    None => (name, &fields::SERVICE_NAMES),
                    Some(kind) if emits_spans(kind) => (name, &fields::SERVICE_NAMES[..1]),
                    Some(_) => (name, &fields::SERVICE_NAMES[1..]),
                }
            }
        };
        let regex = format!("^{}$", literal(name)?);
        let marks = fields
            .iter()
            .map(|f| self.mark(f, None, regex.clone()))
            .collect();
        Ok(Cond::Or(marks))
    }

    fn user(&mut self, op: Option<&(StrOp, String)>) -> Result<Cond, String> {
        let Some((op, value)) = op else {
            return Ok(self.mark(fields::USER, None, ".".into()));
        };
        let (regex, negated) = str_regex(*op, value)?;
        let mark = self.mark(fields::USER, None, regex);
        Ok(if negated {
            Cond::Not(Box::new(mark))
        } else {
            mark
        })
    }

    fn annotation(&mut self, key: &str, cond: Option<&(AnyOp, Value)>) -> Result<Cond, String> {
        let Some((op, value)) = cond else {
            // The whole value: a mark is a field only where the capture is not empty.
            return Ok(self.mark("", Some(key), "^[\\s\\S]+$".into()));
        };
        let (regex, negated) = match value {
            Value::String(text) => {
                let op = op.as_str_op().ok_or(
                    "a string annotation compares with =, !=, CONTAINS, BEGINSWITH or ENDSWITH",
                )?;
                str_regex(op, text)?
            }
            Value::Number(number) => {
                let negated = match op {
                    AnyOp::Eq => false,
                    AnyOp::Ne => true,
                    _ => return Err("a number annotation can only be compared with = or != here: Logs Insights cannot compare each span's value inside a count per trace".into()),
                };
                (number_regex(*number)?, negated)
            }
            Value::Bool(flag) => match op {
                AnyOp::Eq => (format!("^{flag}$"), false),
                AnyOp::Ne => (format!("^{flag}$"), true),
                _ => return Err("true and false compare only with = or !=".into()),
            },
        };
        let mark = self.mark("", Some(key), regex);
        Ok(if negated {
            Cond::Not(Box::new(mark))
        } else {
            mark
        })
    }
}

/// Platforms whose spans name their own service (as opposed to resources they call).
fn emits_spans(kind: &str) -> bool {
    kind == "AWS::AppRunner::Service"
        || kind.starts_with("AWS::ECS::")
        || matches!(
            kind,
            "AWS::EC2::Instance"
                | "AWS::EKS::Container"
                | "AWS::ElasticBeanstalk::Environment"
                | "AWS::Lambda::Function"
        )
}

fn literal(text: &str) -> Result<String, String> {
    regex_literal(text)
        .ok_or_else(|| "the value holds a control character, which cannot be searched".into())
}

fn quoted(text: &str) -> Result<String, String> {
    string(text)
        .ok_or_else(|| "the value holds a control character, which cannot be searched".into())
}

/// A string test as a regular expression, and whether the mark is negated (`!=`: no span has it).
fn str_regex(op: StrOp, value: &str) -> Result<(String, bool), String> {
    let text = literal(value)?;
    Ok(match op {
        StrOp::Eq => (format!("^{text}$"), false),
        StrOp::Ne => (format!("^{text}$"), true),
        StrOp::Contains => (text, false),
        StrOp::BeginsWith => (format!("^{text}"), false),
        StrOp::EndsWith => (format!("{text}$"), false),
    })
}

/// A number as its text in a log event: `5` may read `5` or `5.0`.
fn number_regex(number: f64) -> Result<String, String> {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        return Ok(format!(
            "^{}(\\.0+)?$",
            regex_literal(&format!("{}", number as i64)).unwrap_or_default()
        ));
    }
    Ok(format!("^{}$", literal(&number.to_string())?))
}

/// X-Ray's flags of the entry segment, from the root span (the rules of X-Ray's exporter: a
/// status code decides; without one, the span status ERROR is a fault).
fn flag(kw: BoolKeyword) -> Result<String, String> {
    let status = either(&fields::STATUS);
    let has_status = present(&fields::STATUS);
    let fault = format!(
        "(({has_status} and {status} >= 500 and {status} <= 599) or (not {has_status} and {} = \"ERROR\"))",
        either(&[fields::SPAN_STATUS])
    );
    let error = format!("({has_status} and {status} >= 400 and {status} <= 499)");
    Ok(match kw {
        BoolKeyword::Fault => fault,
        BoolKeyword::Error => error,
        BoolKeyword::Throttle => format!("({has_status} and {status} = 429)"),
        BoolKeyword::Ok => format!("(not {fault} and not {error})"),
        BoolKeyword::Partial | BoolKeyword::Inferred | BoolKeyword::Root => {
            return Err(format!(
                "`{kw}` is decided by X-Ray from a trace's indexed segments"
            ));
        }
        BoolKeyword::First | BoolKeyword::Last | BoolKeyword::Remote => {
            return Err(format!(
                "`{kw}` describes root causes, which X-Ray computes for indexed traces only"
            ));
        }
    })
}

fn number(kw: NumKeyword, op: NumOp, value: f64) -> Result<String, String> {
    let op = match op {
        NumOp::Eq => "=",
        NumOp::Ne => "!=",
        NumOp::Lt => "<",
        NumOp::Le => "<=",
        NumOp::Gt => ">",
        NumOp::Ge => ">=",
    };
    match kw {
        // Seconds become the span's integer nanoseconds (rounded: a double holds whole
        // nanoseconds exactly only up to about 104 days).
        NumKeyword::ResponseTime => Ok(format!("{} {op} {}", either(&[fields::DURATION]), (value * 1e9).round() as i64)),
        NumKeyword::HttpStatus => Ok(format!(
            "({} and {} {op} {})",
            present(&fields::STATUS),
            either(&fields::STATUS),
            shortest(value)
        )),
        NumKeyword::Duration => Err("a trace's duration spans all its spans, which one query cannot measure per trace; use responsetime (the entry span's duration)".into()),
        NumKeyword::Index | NumKeyword::Coverage => Err(format!("`{kw}` describes root causes, which X-Ray computes for indexed traces only")),
    }
}

fn shortest(value: f64) -> String {
    format!("{value}")
}

fn text(kw: StrKeyword, op: Option<&(StrOp, String)>) -> Result<String, String> {
    let names: &[&str] = match kw {
        StrKeyword::HttpUrl => &fields::URL,
        StrKeyword::HttpMethod => &fields::METHOD,
        StrKeyword::HttpUserAgent => &fields::USER_AGENT,
        StrKeyword::HttpClientIp => &fields::CLIENT_IP,
        StrKeyword::Name => &fields::SERVICE,
        StrKeyword::User => return Err("user is tested on every span".into()),
        StrKeyword::Type => return Err("`type` is the node type X-Ray derives from indexed segments; spans carry no such field".into()),
        StrKeyword::Message => return Err("`message` belongs to root causes, which X-Ray computes for indexed traces only".into()),
        StrKeyword::AvailabilityZone | StrKeyword::InstanceId | StrKeyword::ResourceArn => {
            return Err(format!("`{kw}` is not among the span fields runtrace searches"));
        }
    };
    let value = either(names);
    let has = present(names);
    let Some((op, wanted)) = op else {
        return Ok(format!("({has} and {value} != \"\")"));
    };
    Ok(match op {
        StrOp::Eq => format!("{value} = {}", quoted(wanted)?),
        StrOp::Ne => format!("not ({has} and {value} = {})", quoted(wanted)?),
        StrOp::Contains => format!("{value} like {}", quoted(wanted)?),
        StrOp::BeginsWith => format!("{value} like /^{}/", literal(wanted)?),
        StrOp::EndsWith => format!("{value} like /{}$/", literal(wanted)?),
    })
}
