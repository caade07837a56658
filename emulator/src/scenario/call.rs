//! What a scenario generates: a tree of calls, one per request a traced service handled, with the
//! downstream calls it made. [`super::render`] turns a tree into segment documents.

/// A service handling one HTTP request (a segment).
#[derive(Clone, Debug)]
pub(crate) struct Call {
    pub service: String,
    pub method: &'static str,
    pub url: String,
    pub status: u16,
    /// Seconds the service took, including its downstream calls.
    pub duration: f64,
    pub user: Option<String>,
    pub annotations: Vec<(&'static str, Annotation)>,
    pub downstream: Vec<Downstream>,
    /// The exception behind a 4xx/5xx, as (type, message).
    pub exception: Option<(String, String)>,
}

#[derive(Clone, Debug)]
pub(crate) enum Annotation {
    Text(String),
    Number(f64),
    Flag(bool),
}

/// One downstream call, `offset` seconds after the caller started.
#[derive(Clone, Debug)]
pub(crate) struct Downstream {
    pub offset: f64,
    pub target: Target,
}

#[derive(Clone, Debug)]
pub(crate) enum Target {
    /// Another traced service: the caller records a `remote` subsegment, the callee a segment.
    Service(Box<Call>),
    Aws(AwsCall),
    Sql(SqlCall),
    /// An HTTP API outside the traced system.
    Remote(RemoteCall),
}

#[derive(Clone, Debug)]
pub(crate) struct AwsCall {
    /// `DynamoDB`, `SQS`, `S3`.
    pub service: &'static str,
    pub operation: &'static str,
    pub resource: AwsResource,
    pub duration: f64,
    pub status: u16,
    pub exception: Option<(String, String)>,
}

#[derive(Clone, Debug)]
pub(crate) enum AwsResource {
    Table(String),
    Queue(String),
    Bucket(String),
}

#[derive(Clone, Debug)]
pub(crate) struct SqlCall {
    /// `database@host`, the subsegment name X-Ray shows.
    pub name: String,
    pub url: String,
    pub query: &'static str,
    pub duration: f64,
    pub fault: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct RemoteCall {
    pub host: String,
    pub method: &'static str,
    pub url: String,
    pub status: u16,
    pub duration: f64,
}

impl Call {
    pub fn new(service: impl Into<String>, method: &'static str, url: impl Into<String>) -> Self {
        Self {
            service: service.into(),
            method,
            url: url.into(),
            status: 200,
            duration: 0.0,
            user: None,
            annotations: Vec::new(),
            downstream: Vec::new(),
            exception: None,
        }
    }

    /// Appends a downstream call `gap` seconds after the previous ones end (calls are sequential).
    pub fn then(&mut self, target: Target, gap: f64) {
        let offset = self.downstream_end() + gap;
        self.downstream.push(Downstream { offset, target });
    }

    /// Sets the duration: the downstream calls plus `own` seconds of work.
    pub fn finish(mut self, own: f64) -> Self {
        self.duration = self.downstream_end() + own;
        self
    }

    pub fn fail(mut self, status: u16, exception: (&str, &str)) -> Self {
        self.status = status;
        self.exception = Some((exception.0.to_owned(), exception.1.to_owned()));
        self
    }

    fn downstream_end(&self) -> f64 {
        self.downstream
            .iter()
            .map(|d| d.offset + d.target.duration())
            .fold(0.0, f64::max)
    }

    /// The worst status among the downstream calls (0 when none failed).
    pub fn worst_downstream_status(&self) -> u16 {
        self.downstream
            .iter()
            .map(|d| d.target.status())
            .filter(|s| *s >= 400)
            .max()
            .unwrap_or(0)
    }
}

impl Target {
    pub fn duration(&self) -> f64 {
        match self {
            Target::Service(call) => call.duration + 2.0 * super::render::NETWORK_SECONDS,
            Target::Aws(call) => call.duration,
            Target::Sql(call) => call.duration,
            Target::Remote(call) => call.duration,
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            Target::Service(call) => call.status,
            Target::Aws(call) => call.status,
            Target::Sql(call) => {
                if call.fault {
                    500
                } else {
                    200
                }
            }
            Target::Remote(call) => call.status,
        }
    }
}
