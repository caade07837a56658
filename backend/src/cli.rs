//! The `runtrace` command line: `serve` (real AWS), `demo` (the embedded emulator) and
//! `emulator` (the emulator alone, for other tools).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "runtrace",
    version,
    about = "A browser console for AWS App Runner services traced with AWS X-Ray",
    long_about = "runtrace serves a dashboard in your browser: every App Runner service with its \
                  tracing state, the X-Ray service map, trace search and a timeline of each trace. \
                  It signs the AWS calls on the server, so the browser never sees credentials.",
    after_help = "Examples:\n  \
        runtrace demo                                  try it without an AWS account\n  \
        runtrace serve --region eu-west-1              your account, with your usual AWS credentials\n  \
        runtrace serve --profile prod --region us-east-1 --region eu-west-1 --read-only\n  \
        runtrace emulator --listen 127.0.0.1:4566      only the AWS emulator, for other tools\n\n\
        Logs go to stderr; set RUST_LOG (e.g. RUST_LOG=debug) for more detail."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the dashboard for your AWS account (standard AWS credential chain).
    #[command(
        after_help = "Credentials come from the standard AWS chain, in this order: \
        AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the profile in ~/.aws (AWS_PROFILE or --profile, \
        SSO included), web identity, the container role, the EC2 instance role.\n\n\
        Examples:\n  \
        runtrace serve --region us-east-1\n  \
        AWS_PROFILE=dev runtrace serve --listen 0.0.0.0:8080 --read-only \\\n    \
          --auth token --tokens-file /etc/runtrace/tokens\n  \
        runtrace serve --listen 10.0.0.7:8080 --auth proxy --trusted-proxy 10.0.0.2 \\\n    \
          --operator ops@example.com"
    )]
    Serve(ServeArgs),
    /// Serve the dashboard against an AWS emulator started in-process, with live demo traffic.
    #[command(
        after_help = "No AWS account is needed: runtrace starts its emulator on a free \
        loopback port and talks to it exactly as it talks to AWS.\n\n\
        Examples:\n  \
        runtrace demo\n  \
        runtrace demo --scenario movies --listen 127.0.0.1:9000\n  \
        runtrace demo --scenario shop --throttle-ratio 0.2    show how the console copes\n  \
        runtrace demo --scenario transaction-search   Transaction Search: every span kept, 1 % indexed\n\n\
        Trace your own app before you deploy it: `runtrace demo --scenario empty` prints the \
        emulator's OTLP endpoint (POST /v1/traces, protobuf or JSON, gzip or not); export to \
        it with OpenTelemetry, unsigned as a local SDK or Collector sends, or signed with SigV4 \
        (service xray, key test/test) as ADOT sends to AWS:\n  \
        OTEL_TRACES_EXPORTER=otlp OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=<printed URL> \\\n    \
        OTEL_PROPAGATORS=xray OTEL_PYTHON_ID_GENERATOR=xray \\\n    \
        OTEL_RESOURCE_ATTRIBUTES=service.name=movies_app opentelemetry-instrument python3 app.py\n\
        Apps on an X-Ray SDK: add `--xray-daemon 127.0.0.1:2000`."
    )]
    Demo(DemoArgs),
    /// Run only the AWS emulator (App Runner, X-Ray, CloudWatch Logs Insights), e.g. for the AWS
    /// CLI or boto3.
    #[command(
        after_help = "Point any AWS SDK at it with the printed URL as the endpoint, the \
        access key `test` and the secret `test`:\n  \
        aws --endpoint-url http://127.0.0.1:4566 --region us-east-1 apprunner list-services\n\n\
        OpenTelemetry exporters send traces to http://ADDR/v1/traces (OTLP/HTTP, protobuf or \
        JSON, gzip or not). A request signed with SigV4 (service xray) is verified like every \
        AWS call; an unsigned one is accepted too, because that is how a local SDK or Collector \
        sends. `--xray-daemon 127.0.0.1:2000` also listens as the X-Ray daemon for X-Ray SDKs."
    )]
    Emulator(emulator::EmulatorArgs),
    /// Print a signed, expiring, read-only link to one view, for an iframe in another page.
    #[command(
        after_help = "The server must know the key (--embed-key, --embed-key-file or \
        RUNTRACE_EMBED_KEYS) and allow the portal to frame it (--frame-ancestors).\n\n\
        Examples:\n  \
        runtrace embed-link --view '/map?window=1h' --ttl 30d --embed-key-file keys.txt\n  \
        runtrace embed-link --view /services --base-url https://runtrace.example.com"
    )]
    EmbedLink(crate::auth::EmbedLinkArgs),
}

/// Options shared by `serve` and `demo`: where the dashboard listens and what it serves.
#[derive(Debug, Clone, Args)]
pub struct DashboardArgs {
    /// Address and port the dashboard listens on; port 0 picks a free one. Keep it on 127.0.0.1
    /// unless a reverse proxy with authentication sits in front.
    // Its own id: `demo` also carries the emulator's `--listen`, renamed there.
    #[arg(
        id = "dashboard_listen",
        long = "listen",
        env = "RUNTRACE_LISTEN",
        value_name = "ADDR",
        default_value = "127.0.0.1:8080"
    )]
    pub listen: SocketAddr,

    /// Serve the browser bundle from this folder (Trunk's dist/) instead of the one built into
    /// the binary.
    #[arg(long, env = "RUNTRACE_DIST", value_name = "DIR")]
    pub dist: Option<PathBuf>,

    /// Refuse every change (turning tracing on or off); only read.
    #[arg(long, env = "RUNTRACE_READ_ONLY")]
    pub read_only: bool,

    /// Most AWS calls in flight at once, across all browsers and regions.
    #[arg(long, env = "RUNTRACE_UPSTREAM_CONCURRENCY", default_value_t = 16,
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub upstream_concurrency: u16,

    /// How long read results (services, map, traces) are reused, in seconds; 0 turns the cache off.
    #[arg(long, env = "RUNTRACE_CACHE_SECONDS", default_value_t = 10)]
    pub cache_seconds: u64,

    /// Share the read cache and the de-duplication of AWS calls with other replicas through this
    /// Redis (redis://[user:password@]host[:port][/db]), so N replicas make the AWS calls of one.
    /// When it cannot be reached, each replica uses its own memory until it is back.
    #[arg(long, env = "RUNTRACE_CACHE_URL", value_name = "URL", value_parser = parse_cache_url)]
    pub cache_url: Option<String>,

    #[command(flatten, next_help_heading = "Connections")]
    pub connections: ConnectionArgs,

    #[command(flatten, next_help_heading = "Access control")]
    pub auth: crate::auth::AuthArgs,
}

/// What one connection may cost (a client holding connections open must not take the server).
#[derive(Debug, Clone, Args)]
pub struct ConnectionArgs {
    /// Seconds a client has to send a request's headers, counted from the end of its previous
    /// request: a connection that sends half a request, or stays idle that long between
    /// requests, is closed (browsers open a new one when they need it).
    #[arg(long, env = "RUNTRACE_HEADER_TIMEOUT", value_name = "SECONDS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=300))]
    pub header_timeout: u64,

    /// Connections served at once. Past it, a few more are read for one request each: the health
    /// check is answered, anything else gets 503 "try again"; the rest are closed. Keep it below
    /// the open-files limit (`ulimit -n`).
    #[arg(long, env = "RUNTRACE_MAX_CONNECTIONS", value_name = "N", default_value_t = 512,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub max_connections: u32,
}

impl ConnectionArgs {
    pub fn limits(&self) -> crate::startup::connections::ConnectionLimits {
        crate::startup::connections::ConnectionLimits {
            header_timeout: std::time::Duration::from_secs(self.header_timeout),
            max_connections: self.max_connections as usize,
        }
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub dashboard: DashboardArgs,

    /// An AWS region to show, e.g. eu-west-1; repeat for several. Default: the region of your
    /// AWS configuration (AWS_REGION, AWS_DEFAULT_REGION or the profile).
    #[arg(long = "region", env = "RUNTRACE_REGIONS", value_delimiter = ',')]
    pub regions: Vec<String>,

    /// The AWS profile (from ~/.aws/config) to take credentials and the region from.
    #[arg(long, env = "AWS_PROFILE")]
    pub profile: Option<String>,

    /// Send every AWS call to this URL instead of AWS's endpoints (any AWS-compatible service,
    /// e.g. `runtrace emulator` or LocalStack).
    #[arg(long, env = "AWS_ENDPOINT_URL", value_name = "URL")]
    pub endpoint_url: Option<String>,
}

/// The emulator's own options (scenario, traffic rate, faults, ...) are all accepted; its
/// `--listen` becomes `--emulator-listen`, a free loopback port unless given.
#[derive(Debug, Args)]
#[command(
    mut_arg("listen", |arg| arg
        .long("emulator-listen")
        .value_name("ADDR")
        .default_value("127.0.0.1:0")
        .help("Address the in-process emulator listens on (default: a free loopback port)")),
    mut_arg("scenario", |arg| arg.default_value("shop")),
)]
pub struct DemoArgs {
    #[command(flatten)]
    pub dashboard: DashboardArgs,

    #[command(flatten, next_help_heading = "Emulator options")]
    pub emulator: emulator::EmulatorArgs,
}

/// Only the form is checked here; whether the store answers is found out (and reported by
/// `/api/v1/health`) while runtrace runs.
fn parse_cache_url(url: &str) -> Result<String, String> {
    crate::aws::SharedCache::new(url).map(|_| url.to_owned())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn parse(args: &[&str]) -> Command {
        let argv = std::iter::once("runtrace").chain(args.iter().copied());
        Cli::try_parse_from(argv).expect("valid arguments").command
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn demo_separates_the_dashboard_from_the_emulator() {
        let Command::Demo(demo) = parse(&["demo", "--listen", "127.0.0.1:0", "--rate", "2"]) else {
            panic!("not demo");
        };
        assert_eq!(demo.dashboard.listen.to_string(), "127.0.0.1:0");
        assert_eq!(
            demo.emulator.listen.port(),
            0,
            "the emulator takes a free port"
        );
        assert_eq!(demo.emulator.scenario, emulator::ScenarioName::Shop);
        assert_eq!(demo.emulator.rate, 2.0);
    }

    #[test]
    fn serve_takes_several_regions() {
        let Command::Serve(serve) = parse(&[
            "serve",
            "--region",
            "us-east-1",
            "--region",
            "eu-west-1",
            "--read-only",
        ]) else {
            panic!("not serve");
        };
        assert_eq!(serve.regions, ["us-east-1", "eu-west-1"]);
        assert!(serve.dashboard.read_only);
        assert_eq!(serve.dashboard.listen.to_string(), "127.0.0.1:8080");
    }
}
