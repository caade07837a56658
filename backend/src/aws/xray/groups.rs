//! GetGroups, every page.

use shared::api::Group;

use crate::aws::UpstreamResult;
use crate::aws::error::UpstreamError;
use crate::aws::limiter::Limiter;

/// X-Ray allows 25 groups per account by default; pages bound a runaway token.
const MAX_PAGES: usize = 20;

pub async fn groups(
    client: &aws_sdk_xray::Client,
    region: &str,
    limiter: &Limiter,
) -> UpstreamResult<Vec<Group>> {
    let mut groups = Vec::new();
    let mut next_token = None;
    for _ in 0..MAX_PAGES {
        let page = limiter
            .run(client.get_groups().set_next_token(next_token.take()).send())
            .await
            .map_err(|e| UpstreamError::from_sdk("xray:GetGroups", region, e))?;
        groups.extend(page.groups().iter().filter_map(|group| {
            Some(Group {
                name: group.group_name()?.to_owned(),
                arn: group.group_arn().map(str::to_owned),
                filter_expression: group.filter_expression().map(str::to_owned),
            })
        }));
        next_token = page.next_token().map(str::to_owned);
        if next_token.is_none() {
            break;
        }
    }
    Ok(groups)
}
