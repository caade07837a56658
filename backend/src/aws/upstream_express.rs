//! The Express half of [`AwsUpstream`]: the bodies of its Express methods, beside the App
//! Runner ones in the parent module.

use shared::api::{
    OperationProgress, ServiceDetail, ServiceKind, ServiceSummary, SetTracingAccepted,
};

use super::AwsUpstream;
use crate::aws::UpstreamResult;
use crate::aws::ecs::ExpressRef;

impl AwsUpstream {
    pub(super) async fn express_services(
        &self,
        region: &str,
        now: i64,
    ) -> UpstreamResult<Vec<ServiceSummary>> {
        let clients = self.region_clients(region)?;
        self.express
            .region_services(clients, region, now, &self.limiter)
            .await
    }

    pub(super) async fn find_kind(&self, region: &str, name: &str) -> UpstreamResult<ServiceKind> {
        if self
            .listing(region)
            .await?
            .value()
            .iter()
            .any(|s| s.name == name)
        {
            return Ok(ServiceKind::AppRunner);
        }
        let clients = self.region_clients(region)?;
        // ECS may not be allowed (an IAM policy from before Express): App Runner's route then
        // answers, as it did before.
        let express = self.express.has(clients, region, name, &self.limiter).await;
        Ok(match express {
            Ok(true) => ServiceKind::EcsExpress,
            Ok(false) => ServiceKind::AppRunner,
            Err(error) => {
                tracing::warn!(%error, "could not look for an Express service");
                ServiceKind::AppRunner
            }
        })
    }

    pub(super) async fn express_detail(
        &self,
        service: &ExpressRef,
        now: i64,
    ) -> UpstreamResult<ServiceDetail> {
        let clients = self.region_clients(&service.region)?;
        self.express
            .detail(clients, service, now, &self.limiter)
            .await
    }

    pub(super) async fn express_change(
        &self,
        service: &ExpressRef,
        enabled: bool,
    ) -> UpstreamResult<SetTracingAccepted> {
        let clients = self.region_clients(&service.region)?;
        let _one_change_at_a_time = self.changes.lock().await;
        let accepted = self
            .express
            .set_tracing(clients, service, enabled, &self.limiter)
            .await;
        self.services.forget(&()).await;
        accepted
    }

    pub(super) async fn express_progress(
        &self,
        service: &ExpressRef,
        deployment_id: &str,
    ) -> UpstreamResult<OperationProgress> {
        let clients = self.region_clients(&service.region)?;
        let progress = self
            .express
            .progress(clients, service, deployment_id, &self.limiter)
            .await?;
        if progress.tracing.is_some() {
            self.services.forget(&()).await;
        }
        Ok(progress)
    }
}
