//! GetGroups, every page.

use std::ops::ControlFlow;

use shared::api::Group;

use crate::aws::UpstreamResult;
use crate::aws::limiter::Limiter;

/// X-Ray allows 25 groups per account by default; pages bound a runaway token.
const MAX_PAGES: usize = 20;

pub async fn groups(
    client: &aws_sdk_xray::Client,
    region: &str,
    limiter: &Limiter,
) -> UpstreamResult<Vec<Group>> {
    let mut groups = Vec::new();
    let pages = client.get_groups().into_paginator().send();
    limiter
        .pages("xray:GetGroups", region, pages, MAX_PAGES, |page| {
            groups.extend(page.groups().iter().filter_map(|group| {
                Some(Group {
                    name: group.group_name()?.to_owned(),
                    arn: group.group_arn().map(str::to_owned),
                    filter_expression: group.filter_expression().map(str::to_owned),
                })
            }));
            ControlFlow::Continue(())
        })
        .await?;
    Ok(groups)
}
