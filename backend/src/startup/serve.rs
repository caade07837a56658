//! `runtrace serve`: the dashboard for a real AWS account.

use std::time::Duration;

use crate::aws::{AwsSettings, Clients};
use crate::cli::ServeArgs;

use super::StartupError;
use super::dashboard::{dashboard_state, serve_dashboard, tune};

/// The last step of the credential chain probes the EC2 metadata service, which never answers
/// off EC2; this bounds how long startup waits.
const CREDENTIALS_TIMEOUT: Duration = Duration::from_secs(5);

pub async fn run(args: ServeArgs) -> Result<(), StartupError> {
    let mut settings = AwsSettings::aws(args.regions.clone(), args.profile.clone());
    settings.endpoint_url = args.endpoint_url.clone();
    tune(&mut settings, &args.dashboard);
    let clients = Clients::connect(&settings).await?;
    clients.check_credentials(CREDENTIALS_TIMEOUT).await?;
    let upstream = std::sync::Arc::new(crate::aws::AwsUpstream::new(clients, &settings));
    let state = dashboard_state(&args.dashboard, upstream, None)?;
    serve_dashboard(&args.dashboard, state).await
}
