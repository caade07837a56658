//! NextToken paging shared by every List/Get operation.
//!
//! A token is the hex-encoded offset of the next item, so it is opaque to clients yet needs no
//! server-side storage; anything that does not decode is refused like AWS refuses a stale token.

use crate::protocol::{AwsError, AwsResult};

const TOKEN_PREFIX: &str = "rt1";

/// One page of `items` starting at `next_token`, and the token of the page after it.
pub fn page<T: Clone>(
    items: &[T],
    next_token: Option<&str>,
    page_size: usize,
) -> AwsResult<(Vec<T>, Option<String>)> {
    let start = match next_token {
        None => 0,
        Some(token) => decode(token)
            .filter(|offset| *offset <= items.len())
            .ok_or_else(|| AwsError::invalid_request("The NextToken is invalid or expired."))?,
    };
    let end = start.saturating_add(page_size.max(1)).min(items.len());
    let next = (end < items.len()).then(|| encode(end));
    Ok((items[start..end].to_vec(), next))
}

fn encode(offset: usize) -> String {
    format!("{TOKEN_PREFIX}{}", hex::encode(offset.to_be_bytes()))
}

fn decode(token: &str) -> Option<usize> {
    let bytes = hex::decode(token.strip_prefix(TOKEN_PREFIX)?).ok()?;
    Some(usize::from_be_bytes(bytes.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_every_item_once() {
        let items: Vec<u32> = (0..7).collect();
        let mut seen = Vec::new();
        let mut token = None;
        loop {
            let (chunk, next) = page(&items, token.as_deref(), 3).expect("valid token");
            seen.extend(chunk);
            match next {
                Some(next) => token = Some(next),
                None => break,
            }
        }
        assert_eq!(seen, items);
    }

    #[test]
    fn check_tokens() {
        let items = [1, 2, 3];
        let check = |token: Option<&str>, expect: Result<(Vec<i32>, bool), &str>| {
            let got = page(&items, token, 2).map(|(v, next)| (v, next.is_some()));
            match expect {
                Ok(value) => assert_eq!(got, Ok(value), "token {token:?}"),
                Err(code) => assert_eq!(got.err().map(|e| e.code), Some(code), "token {token:?}"),
            }
        };
        check(None, Ok((vec![1, 2], true)));
        check(Some(&encode(2)), Ok((vec![3], false)));
        check(Some(&encode(3)), Ok((vec![], false)));
        check(Some(&encode(9)), Err("InvalidRequestException"));
        check(Some("garbage"), Err("InvalidRequestException"));
        check(Some("rt1zz"), Err("InvalidRequestException"));
    }
}
