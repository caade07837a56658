//! Services installed by scenarios rather than created through the API.

use super::state::{Observability, OperationRecord, OperationType, ServiceRecord, ServiceStatus};
use super::{Ctx, DEFAULT_CONFIGURATION, ServiceSeed, arn, shapes};

/// Seeded services look like they were deployed a week ago.
const SEED_AGE_SECONDS: f64 = 7.0 * 86_400.0;
const SEED_CREATE_SECONDS: f64 = 300.0;

pub fn install(ctx: &mut Ctx<'_>, seed: &ServiceSeed) -> String {
    if let Some(existing) = ctx.state.services.iter().find(|s| s.name == seed.name) {
        return existing.arn.clone();
    }
    let id = arn::resource_id(&[ctx.region, &seed.name]);
    let service_arn = arn::service_arn(ctx.region, ctx.account, &seed.name, &id);
    let created_at = ctx.now - SEED_AGE_SECONDS;
    let configuration_arn = seed
        .tracing_enabled
        .then(|| {
            ctx.state
                .latest(DEFAULT_CONFIGURATION)
                .map(|c| c.arn.clone())
        })
        .flatten();
    ctx.state.services.push(ServiceRecord {
        url: format!("{}.{}.awsapprunner.com", &id[..10], ctx.region),
        members: shapes::default_members(
            ctx.region,
            ctx.account,
            &seed.name,
            seed.instance_role_arn.as_deref(),
            created_at,
        ),
        name: seed.name.clone(),
        id: id.clone(),
        arn: service_arn.clone(),
        created_at,
        updated_at: created_at + SEED_CREATE_SECONDS,
        status: seed.status.unwrap_or(ServiceStatus::Running),
        observability: Observability {
            enabled: configuration_arn.is_some(),
            configuration_arn,
        },
        operations: vec![OperationRecord {
            id: uuid::Uuid::new_v4().to_string(),
            kind: OperationType::Create,
            started_at: created_at,
            ends_at: created_at + SEED_CREATE_SECONDS,
        }],
        pending: None,
    });
    service_arn
}
