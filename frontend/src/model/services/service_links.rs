//! Where the service page links into the other views: App Runner's node and traces by the
//! service's name; an Express service's by the node X-Ray's map has for it (its `service.name`,
//! an ECS type), or, when the map has none, a sentence saying so.

use shared::api::{ServiceDetail, ServiceKind};

use super::express::node_filter;
use super::service_ref::ServiceRef;

/// A link: the view's path, the parameter it adds and its value, the link's text.
pub type ViewLink = (&'static str, &'static str, String, &'static str);

/// The links, or why there are none; no links while an Express service is not read yet.
pub fn service_links(
    service: &ServiceRef,
    detail: Option<&ServiceDetail>,
) -> Result<Vec<ViewLink>, String> {
    if service.kind == ServiceKind::AppRunner {
        let name = &service.name;
        return Ok(vec![
            ("/map", "node", name.clone(), "Its part of the service map"),
            (
                "/traces",
                "filter",
                format!("service(\"{name}\")"),
                "Its traces",
            ),
        ]);
    }
    let Some(express) = detail.and_then(|d| d.service.express.as_ref()) else {
        return Ok(Vec::new());
    };
    match &express.spans {
        Some(spans) => match &spans.node {
            Some(node) => Ok(vec![
                (
                    "/map",
                    "node",
                    node.name.clone(),
                    "Its node in the service map",
                ),
                ("/traces", "filter", node_filter(node), "Its traces"),
            ]),
            None => Err(format!(
                "No node of this name in the service map of the last {} min, so no traces to \
                 link to.",
                spans.window_seconds / 60
            )),
        },
        None => {
            Err("X-Ray could not be asked whether the service map has a node of this name.".into())
        }
    }
}

#[cfg(test)]
mod tests {
    use shared::api::{NodeRef, SetupState};

    use super::*;
    use crate::model::services::express::tests::express_service;

    fn detail(arriving: Option<bool>, node: bool) -> ServiceDetail {
        let mut service = express_service(
            "search",
            "ACTIVE",
            None,
            Some(SetupState::Configured),
            arriving,
        );
        if let Some(spans) = service.express.as_mut().and_then(|e| e.spans.as_mut()) {
            spans.node = node.then(|| NodeRef {
                name: "search".into(),
                node_type: "AWS::ECS::Fargate".into(),
            });
        }
        ServiceDetail {
            service,
            instance_role_arn: None,
            observability: None,
            operations: Vec::new(),
            express: None,
        }
    }

    #[test]
    fn links_follow_the_node_or_say_there_is_none() {
        let express = ServiceRef::of(&detail(None, false).service);
        let values = |links: Result<Vec<ViewLink>, String>| {
            links.map(|links| {
                links
                    .into_iter()
                    .map(|(path, key, value, _)| format!("{path}?{key}={value}"))
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            values(service_links(
                &ServiceRef::app_runner("us-east-1", "api"),
                None
            )),
            Ok(vec![
                "/map?node=api".to_owned(),
                "/traces?filter=service(\"api\")".to_owned()
            ])
        );
        assert_eq!(values(service_links(&express, None)), Ok(Vec::new()));
        assert_eq!(
            values(service_links(&express, Some(&detail(Some(true), true)))),
            Ok(vec![
                "/map?node=search".to_owned(),
                "/traces?filter=service(id(name: \"search\", type: \"AWS::ECS::Fargate\"))"
                    .to_owned(),
            ])
        );
        assert_eq!(
            values(service_links(&express, Some(&detail(Some(false), false)))),
            Err("No node of this name in the service map of the last 15 min, so no traces to link to.".to_owned())
        );
        assert!(
            values(service_links(&express, Some(&detail(None, false))))
                .is_err_and(|why| why.contains("could not be asked"))
        );
    }
}
