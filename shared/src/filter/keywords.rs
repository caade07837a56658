//! The fixed vocabulary of the language: keywords and operators as enums, so the emulator's
//! evaluator can `match` on them exhaustively and the compiler flags every place a new one matters.

/// Declares a closed set of words with their canonical spelling. Matching is case-insensitive
/// because AWS's own examples mix `AND`/`and` and `responsetime`/`responseTime`.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every member, in documentation order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical spelling, as the printer writes it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Looks a word up, ignoring ASCII case.
            pub fn from_word(word: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|member| member.as_str().eq_ignore_ascii_case(word))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// Keywords that are true or false for a trace, service, edge or root cause.
    BoolKeyword {
        /// 2xx response.
        Ok => "ok",
        /// 4xx response.
        Error => "error",
        /// 429 response.
        Throttle => "throttle",
        /// 5xx response.
        Fault => "fault",
        /// The trace has incomplete segments.
        Partial => "partial",
        /// The trace (or service) has inferred segments.
        Inferred => "inferred",
        /// First element of a root-cause list (only inside `rootcause.* { }`).
        First => "first",
        /// Last element of a root-cause list (only inside `rootcause.* { }`).
        Last => "last",
        /// The root-cause entity is remote (only inside `rootcause.* { }`).
        Remote => "remote",
        /// The service is the entry point of the trace.
        Root => "root",
    }
}

vocabulary! {
    /// Keywords compared with a number (seconds for the two times).
    NumKeyword {
        ResponseTime => "responsetime",
        Duration => "duration",
        HttpStatus => "http.status",
        /// Position in a root-cause list (only inside `rootcause.* { }`).
        Index => "index",
        /// Share of the root segment's response time (only inside `rootcause.responsetime.* { }`).
        Coverage => "coverage",
    }
}

vocabulary! {
    /// Keywords compared with a string; bare, they test that the field is set.
    StrKeyword {
        HttpUrl => "http.url",
        HttpMethod => "http.method",
        HttpUserAgent => "http.useragent",
        HttpClientIp => "http.clientip",
        User => "user",
        /// Name of a service or exception.
        Name => "name",
        /// Service type, e.g. `AWS::DynamoDB::Table`.
        Type => "type",
        /// Exception message.
        Message => "message",
        AvailabilityZone => "availabilityzone",
        InstanceId => "instance.id",
        ResourceArn => "resource.arn",
    }
}

vocabulary! {
    /// Operators of number keywords.
    NumOp {
        Eq => "=",
        Ne => "!=",
        Lt => "<",
        Le => "<=",
        Gt => ">",
        Ge => ">=",
    }
}

vocabulary! {
    /// Operators of string keywords.
    StrOp {
        Eq => "=",
        Ne => "!=",
        Contains => "CONTAINS",
        BeginsWith => "BEGINSWITH",
        EndsWith => "ENDSWITH",
    }
}

vocabulary! {
    /// Operators of `annotation.KEY`: the union of the number and string operators, since an
    /// annotation holds a number, a string or a boolean.
    AnyOp {
        Eq => "=",
        Ne => "!=",
        Lt => "<",
        Le => "<=",
        Gt => ">",
        Ge => ">=",
        Contains => "CONTAINS",
        BeginsWith => "BEGINSWITH",
        EndsWith => "ENDSWITH",
    }
}

vocabulary! {
    /// Which root-cause list `rootcause.KIND.TARGET` looks at.
    RootCauseKind {
        Fault => "fault",
        Error => "error",
        ResponseTime => "responsetime",
    }
}

vocabulary! {
    /// Which level of a root cause `rootcause.KIND.TARGET` looks at.
    RootCauseTarget {
        Service => "service",
        Entity => "entity",
        /// Only for `fault` and `error` root causes.
        Exception => "exception",
        /// Only for `responsetime` root causes.
        Coverage => "coverage",
    }
}

vocabulary! {
    /// How `group.* = "…"` names the group whose filter expression is reused.
    GroupBy {
        Name => "group.name",
        Arn => "group.arn",
    }
}

impl RootCauseKind {
    /// Whether `rootcause.{self}.{target}` exists: exceptions belong to fault and error root causes,
    /// coverage to response-time root causes.
    pub const fn takes(self, target: RootCauseTarget) -> bool {
        match target {
            RootCauseTarget::Service | RootCauseTarget::Entity => true,
            RootCauseTarget::Exception => !matches!(self, RootCauseKind::ResponseTime),
            RootCauseTarget::Coverage => matches!(self, RootCauseKind::ResponseTime),
        }
    }
}

impl From<NumOp> for AnyOp {
    fn from(op: NumOp) -> Self {
        match op {
            NumOp::Eq => AnyOp::Eq,
            NumOp::Ne => AnyOp::Ne,
            NumOp::Lt => AnyOp::Lt,
            NumOp::Le => AnyOp::Le,
            NumOp::Gt => AnyOp::Gt,
            NumOp::Ge => AnyOp::Ge,
        }
    }
}

impl From<StrOp> for AnyOp {
    fn from(op: StrOp) -> Self {
        match op {
            StrOp::Eq => AnyOp::Eq,
            StrOp::Ne => AnyOp::Ne,
            StrOp::Contains => AnyOp::Contains,
            StrOp::BeginsWith => AnyOp::BeginsWith,
            StrOp::EndsWith => AnyOp::EndsWith,
        }
    }
}

impl AnyOp {
    /// The same operator as a number operator, if it is one (`=`, `!=`, `<`, …).
    pub const fn as_num_op(self) -> Option<NumOp> {
        match self {
            AnyOp::Eq => Some(NumOp::Eq),
            AnyOp::Ne => Some(NumOp::Ne),
            AnyOp::Lt => Some(NumOp::Lt),
            AnyOp::Le => Some(NumOp::Le),
            AnyOp::Gt => Some(NumOp::Gt),
            AnyOp::Ge => Some(NumOp::Ge),
            AnyOp::Contains | AnyOp::BeginsWith | AnyOp::EndsWith => None,
        }
    }

    /// The same operator as a string operator, if it is one (`=`, `!=`, `CONTAINS`, …).
    pub const fn as_str_op(self) -> Option<StrOp> {
        match self {
            AnyOp::Eq => Some(StrOp::Eq),
            AnyOp::Ne => Some(StrOp::Ne),
            AnyOp::Contains => Some(StrOp::Contains),
            AnyOp::BeginsWith => Some(StrOp::BeginsWith),
            AnyOp::EndsWith => Some(StrOp::EndsWith),
            AnyOp::Lt | AnyOp::Le | AnyOp::Gt | AnyOp::Ge => None,
        }
    }
}
