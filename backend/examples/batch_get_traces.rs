//! Fetches one trace through runtrace's own AWS layer (BatchGetTraces, signed by the SDK) and
//! prints it as JSON. Used by `tests/python/moto_signing.py` to check the signing independently
//! against moto; handy by hand against any X-Ray endpoint too:
//!
//! ```sh
//! cargo run -p backend --example batch_get_traces -- --endpoint http://127.0.0.1:4566 \
//!     --access-key test --secret test --region us-east-1 --trace-id 1-5f000000-000000000000000000000000
//! ```

use std::process::ExitCode;

use backend::aws::{AwsSettings, AwsUpstream, Clients, Upstream};
use clap::Parser;

#[derive(Parser)]
#[command(about = "Fetch one X-Ray trace through runtrace's AWS layer and print it as JSON")]
struct Args {
    /// The X-Ray endpoint, e.g. http://127.0.0.1:5000 (moto) or http://127.0.0.1:4566.
    #[arg(long)]
    endpoint: String,
    #[arg(long)]
    access_key: String,
    #[arg(long)]
    secret: String,
    #[arg(long, default_value = "us-east-1")]
    region: String,
    #[arg(long)]
    trace_id: String,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let mut settings = AwsSettings::endpoint(
        &args.endpoint,
        vec![args.region.clone()],
        (&args.access_key, &args.secret),
    );
    settings.cache_ttl = std::time::Duration::ZERO;
    let clients = match Clients::connect(&settings).await {
        Ok(clients) => clients,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let upstream = AwsUpstream::new(clients, &settings);
    match upstream.trace(&args.region, &args.trace_id).await {
        Ok(trace) => match serde_json::to_string_pretty(trace.value()) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        },
        Err(error) => {
            eprintln!(
                "refused: {} [{}]",
                error.public_message(),
                error.public_code()
            );
            eprintln!("detail: {}", error.detail);
            ExitCode::FAILURE
        }
    }
}
