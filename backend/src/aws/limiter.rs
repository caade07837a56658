//! Bounded upstream concurrency: at most N AWS calls in flight, whatever the number of browsers.
//! Also the one way the AWS layer sends a request: [`Limiter::call`] for one request,
//! [`Limiter::pages`] for an operation read through the SDK's paginator (`into_paginator()`).
//! Either way each request holds a slot while it runs and a failure becomes an
//! [`UpstreamError`] named by the call's IAM action.

use std::future::Future;
use std::ops::ControlFlow;
use std::sync::Arc;

use aws_sdk_xray::error::ProvideErrorMetadata;
use aws_smithy_async::future::pagination_stream::PaginationStream;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use tokio::sync::Semaphore;

use super::UpstreamResult;
use super::error::UpstreamError;

#[derive(Clone)]
pub struct Limiter {
    permits: Arc<Semaphore>,
}

impl Limiter {
    pub fn new(max_in_flight: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(max_in_flight.max(1))),
        }
    }

    /// Runs `call` once a slot is free.
    pub async fn run<F: Future>(&self, call: F) -> F::Output {
        // The semaphore is never closed, so acquiring cannot fail; if it ever did, running
        // unbounded beats failing the request.
        let _permit = self.permits.acquire().await.ok();
        call.await
    }

    /// One request (an SDK fluent builder's `send()`) to `action` in `region`.
    pub async fn call<T, E>(
        &self,
        action: &'static str,
        region: &str,
        request: impl Future<Output = Result<T, SdkError<E, HttpResponse>>>,
    ) -> UpstreamResult<T>
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        self.run(request)
            .await
            .map_err(|e| UpstreamError::from_sdk(action, region, e))
    }

    /// At most `max_pages` pages of `pages` (an SDK paginator's `send()`), in order, each
    /// handed to `each`, which may stop early. The bound stops a token that never ends; the
    /// paginator itself stops at the last page and at a token that repeats. Each page is
    /// requested only when the previous one has been handled, within its own slot. Any page
    /// that fails fails the whole reading.
    pub async fn pages<T, E>(
        &self,
        action: &'static str,
        region: &str,
        pages: PaginationStream<Result<T, SdkError<E, HttpResponse>>>,
        max_pages: usize,
        each: impl FnMut(T) -> ControlFlow<()>,
    ) -> UpstreamResult<()>
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        match self
            .pages_until_failure(action, region, pages, max_pages, each)
            .await?
        {
            Some(failure) => Err(failure),
            None => Ok(()),
        }
    }

    /// [`Limiter::pages`] for a reader that can use what came before a failure: a failing
    /// first page is still an error (there is nothing to show), but a later one ends the
    /// reading and is handed back beside what `each` has taken, for the answer to say it is
    /// partial and why.
    pub async fn pages_until_failure<T, E>(
        &self,
        action: &'static str,
        region: &str,
        mut pages: PaginationStream<Result<T, SdkError<E, HttpResponse>>>,
        max_pages: usize,
        mut each: impl FnMut(T) -> ControlFlow<()>,
    ) -> UpstreamResult<Option<UpstreamError>>
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        for read in 0..max_pages {
            let Some(page) = self.run(pages.next()).await else {
                break;
            };
            let page = match page.map_err(|e| UpstreamError::from_sdk(action, region, e)) {
                Ok(page) => page,
                Err(failure) if read > 0 => return Ok(Some(failure)),
                Err(failure) => return Err(failure),
            };
            if each(page).is_break() {
                break;
            }
        }
        Ok(None)
    }
}
