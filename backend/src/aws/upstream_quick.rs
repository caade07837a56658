//! The quick services list of [`AwsUpstream`]: what the listings and the descriptions already
//! known say, answered without waiting for a description, the missing ones started meanwhile.

use std::sync::Arc;

use shared::api::{ServiceKind, ServiceList, ServiceSummary};

use super::{AwsUpstream, merge_regions};
use crate::answer::Answer;
use crate::aws::{Shared, UpstreamResult, apprunner};

impl AwsUpstream {
    pub(super) async fn known_services(&self) -> Shared<ServiceList> {
        // A full list still cached is the best quick answer there is.
        if let Some(Some(full)) = self.services.peek_many(&[()]).await.pop() {
            return Ok(full);
        }
        let regions = self.clients.regions();
        let answers = futures::future::join_all(regions.iter().map(|region| async move {
            let (app_runner, express) = futures::join!(
                self.region_known_services(region),
                self.express_listed(region)
            );
            [
                (region.clone(), ServiceKind::AppRunner, app_runner),
                (region.clone(), ServiceKind::EcsExpress, express),
            ]
        }))
        .await;
        // Built anew for each request and never cached: a partial list must not be served for
        // the full one.
        merge_regions(answers.into_iter().flatten().collect())
            .map(|list| Arc::new(Answer::new(list)))
    }

    async fn region_known_services(&self, region: &str) -> UpstreamResult<Vec<ServiceSummary>> {
        let client = &self.region_clients(region)?.apprunner;
        let listing = self.listing(region).await?;
        Ok(apprunner::with_known_tracing(
            client,
            region,
            listing.value(),
            &self.limiter,
            &self.described,
        )
        .await)
    }

    async fn express_listed(&self, region: &str) -> UpstreamResult<Vec<ServiceSummary>> {
        let clients = self.region_clients(region)?;
        self.express
            .region_listed(clients, region, &self.limiter)
            .await
    }
}
