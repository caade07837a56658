//! Express services installed by scenarios rather than created through the API, and the task
//! identity their segments carry.

use super::deployment::Deployment;
use super::settings::{Container, Settings, Variable};
use super::state::{Cluster, Revision, ServiceRecord};
use super::{Ctx, DEFAULT_CLUSTER, ExpressSeed, TracedTask, arn};
use crate::apprunner::resource_id;

/// Seeded services look like they were deployed a week ago.
const SEED_AGE_SECONDS: f64 = 7.0 * 86_400.0;
const SEED_DEPLOY_SECONDS: f64 = 600.0;

pub fn install(ctx: &mut Ctx<'_>, seed: &ExpressSeed) -> String {
    let cluster = DEFAULT_CLUSTER;
    if let Some(existing) = ctx
        .state
        .services
        .iter()
        .find(|s| s.cluster == cluster && s.name == seed.name)
    {
        return existing.arn.clone();
    }
    let cluster_arn = arn::cluster(ctx.region, ctx.account, cluster);
    if ctx.state.cluster(cluster).is_none() {
        ctx.state.clusters.push(Cluster {
            name: cluster.to_owned(),
            arn: cluster_arn.clone(),
        });
    }
    let created_at = ctx.now - SEED_AGE_SECONDS;
    let role = |name: &str| format!("arn:aws:iam::{}:role/{name}", ctx.account);
    let environment = seed
        .environment
        .iter()
        .map(|(name, value)| Variable {
            name: Some(name.clone()),
            value: Some(value.clone()),
        })
        .collect();
    let settings = Settings {
        execution_role_arn: Some(role("ecsTaskExecutionRole")),
        task_role_arn: seed.task_role_arn.clone(),
        cpu: Some("512".into()),
        memory: Some("1024".into()),
        health_check_path: Some("/health".into()),
        primary_container: Some(Container {
            image: Some(seed.image.clone()),
            container_port: Some(8080),
            environment: Some(environment),
            ..Container::default()
        }),
        ..Settings::default()
    }
    .with_defaults(cluster, &seed.name, &resource_id(&[&seed.name])[..4]);
    let revision_id =
        u64::from_str_radix(&resource_id(&[ctx.region, &seed.name, "rev"])[..15], 16).unwrap_or(1);
    let deployment_id: String =
        resource_id(&[ctx.region, &seed.name, "deployment"])[..21].to_owned();
    let service_arn = arn::service(ctx.region, ctx.account, cluster, &seed.name);
    ctx.state.services.push(ServiceRecord {
        arn: service_arn.clone(),
        cluster: cluster.to_owned(),
        cluster_arn,
        infrastructure_role_arn: role("ecsInfrastructureRoleForExpressServices"),
        endpoint: arn::endpoint_host(ctx.region, cluster, &seed.name),
        tags: None,
        created_at,
        updated_at: created_at + SEED_DEPLOY_SECONDS,
        deleted_at: None,
        revisions: vec![Revision {
            arn: arn::service_revision(ctx.region, ctx.account, cluster, &seed.name, revision_id),
            task_definition_arn: arn::task_definition(ctx.region, ctx.account, &seed.name, 1),
            settings,
            created_at,
        }],
        deployments: vec![Deployment {
            arn: arn::service_deployment(
                ctx.region,
                ctx.account,
                cluster,
                &seed.name,
                &deployment_id,
            ),
            created_at,
            duration: SEED_DEPLOY_SECONDS,
            source: None,
            target: 0,
            rollback: false,
            stopped: None,
        }],
        name: seed.name.clone(),
    });
    service_arn
}

/// A task of the serving revision: its ids are derived from the revision, so they change when a
/// deployment replaces the tasks, as they do on ECS.
pub fn traced_task(ctx: &Ctx<'_>, name: &str) -> Option<TracedTask> {
    let service = ctx.state.services.iter().find(|s| s.name == name)?;
    let revision = service.serving(ctx.now)?;
    let task_id = resource_id(&[&revision.arn, "task"]);
    let family = revision
        .task_definition_arn
        .rsplit('/')
        .next()
        .and_then(|f| f.split(':').next())
        .unwrap_or(name)
        .to_owned();
    Some(TracedTask {
        service_arn: service.arn.clone(),
        cluster_arn: service.cluster_arn.clone(),
        task_arn: arn::task(ctx.region, ctx.account, &service.cluster, &task_id),
        task_family: family,
        container_id: format!("{task_id}-{}", &resource_id(&[&task_id])[..10]),
        availability_zone: format!("{}a", ctx.region),
    })
}
