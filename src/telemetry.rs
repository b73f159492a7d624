//! Request logging through `tracing`, behind the `tracing` feature; without it, nothing.
//!
//! Each call is a span `imagekit.request` with the operation; each attempt is an event in it
//! with its number, status (or what failed), duration and the wait before the next one. Only these
//! fields are recorded: never a header, URL query or body, so the `Authorization` header and
//! anything signed cannot reach a log.

use std::{future::Future, time::Duration};

/// Runs `call` inside the span of one API call.
#[cfg(feature = "tracing")]
pub(crate) fn instrument<F: Future>(
    operation: &'static str,
    call: F,
) -> impl Future<Output = F::Output> {
    use tracing::Instrument as _;
    call.instrument(tracing::info_span!("imagekit.request", operation))
}

/// Runs `call` inside the span of one API call.
#[cfg(not(feature = "tracing"))]
pub(crate) fn instrument<F: Future>(_operation: &'static str, call: F) -> F {
    call
}

/// Records one attempt (`status`: the answer's, or what failed) and what follows it.
#[cfg(feature = "tracing")]
pub(crate) fn attempt(attempt: u32, status: &str, duration: Duration, retry_in: Option<Duration>) {
    let duration_ms = u64::try_from(duration.as_millis()).unwrap_or(u64::MAX);
    match retry_in {
        Some(wait) => tracing::warn!(
            attempt,
            status,
            duration_ms,
            retry_in_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
            "ImageKit attempt failed; retrying"
        ),
        None => tracing::debug!(attempt, status, duration_ms, "ImageKit attempt done"),
    }
}

/// Records one attempt (`status`: the answer's, or what failed) and what follows it.
#[cfg(not(feature = "tracing"))]
pub(crate) fn attempt(
    _attempt: u32,
    _status: &str,
    _duration: Duration,
    _retry_in: Option<Duration>,
) {
}
