//! Retries: which outcomes are worth another attempt, and how long to wait before it.
//!
//! The rule that keeps retries from changing what a call does: an attempt the server may have
//! acted on is repeated only for idempotent operations (or an upload the caller declared
//! repeatable). An attempt that provably had no effect (the connection was never made, a 429
//! from the rate limiter, or a server saying `x-should-retry: true`) may be repeated for any
//! operation.

use std::{
    future::Future,
    hash::{BuildHasher, Hasher, RandomState},
    time::{Duration, Instant},
};

use reqwest::{StatusCode, header::HeaderMap};

use crate::{
    error::Error,
    response::{Response, ResponseMetadata},
};

include!("generated/idempotent_operations.rs");

/// How a client retries; the defaults are those of the README's "Reliability" section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RetryPolicy {
    /// Attempts after the first; 0 disables retries.
    pub(crate) max_retries: u32,
    /// Wait before the first retry; it doubles for each further retry.
    pub(crate) initial_backoff: Duration,
    /// The longest wait computed by backoff.
    pub(crate) max_backoff: Duration,
    /// The longest wait a server may ask for (`Retry-After`, `X-RateLimit-Reset`); asked for
    /// more, the client gives up at once and returns the error, which carries the wait.
    pub(crate) max_server_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_server_wait: Duration::from_secs(60),
        }
    }
}

/// Whether the effect of an operation survives being sent twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Repeat {
    /// Sending it twice has the effect of sending it once (reads, deletes, idempotent updates).
    Safe,
    /// Only an attempt known to have had no effect may be repeated.
    OnlyIfUnprocessed,
}

impl Repeat {
    /// What the spec says of an operation (see `x-ik-idempotent` in `openapi/imagekit.yaml`).
    pub(crate) fn of_operation(operation_id: &str) -> Self {
        if IDEMPOTENT_OPERATIONS.contains(&operation_id) {
            Repeat::Safe
        } else {
            Repeat::OnlyIfUnprocessed
        }
    }
}

/// One attempt's outcome, as far as retrying is concerned.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Outcome<'a> {
    /// The server answered.
    Answered {
        status: StatusCode,
        headers: &'a HeaderMap,
    },
    /// No connection could be made: nothing was sent.
    NotSent,
    /// The request may have reached the server, but no complete answer came back
    /// (timeout, reset, truncated answer, stalled upload).
    Lost,
    /// Retrying cannot help (invalid request, unreadable upload source).
    Final,
}

impl Outcome<'_> {
    /// What the logs say of this attempt: the status, or what failed.
    fn label(&self) -> &str {
        match self {
            Outcome::Answered { status, .. } => status.as_str(),
            Outcome::NotSent => "connection failed",
            Outcome::Lost => "no answer",
            Outcome::Final => "failed",
        }
    }

    /// What retrying makes of an answer.
    pub(crate) fn of_answer(answer: &ResponseMetadata) -> Outcome<'_> {
        Outcome::Answered {
            status: answer.status,
            headers: &answer.headers,
        }
    }

    /// Classifies a failure of the HTTP client.
    pub(crate) fn of_error(error: &reqwest::Error) -> Outcome<'static> {
        if error.is_builder() || error.is_redirect() {
            Outcome::Final
        } else if error.is_connect() {
            Outcome::NotSent
        } else {
            Outcome::Lost
        }
    }
}

impl<'a> Outcome<'a> {
    /// Classifies the result of a whole attempt (an upload's).
    pub(crate) fn of_result<T>(result: &'a Result<Response<T>, Error>) -> Self {
        let error = match result {
            Ok(response) => return Outcome::of_answer(response.metadata()),
            Err(error) => error,
        };
        match error {
            Error::Transport { source, .. } => Outcome::of_error(&source.0),
            Error::Timeout { .. } | Error::UploadStalled { .. } => Outcome::Lost,
            Error::Decode(decode) => Outcome::of_answer(decode.metadata()),
            other => other
                .api_error()
                .map_or(Outcome::Final, |api| Outcome::of_answer(api.metadata())),
        }
    }
}

impl RetryPolicy {
    /// How long to wait before the next attempt, or `None` to stop. `retries_done` counts the
    /// retries already made (0 after the first attempt).
    pub(crate) fn next_delay(
        &self,
        retries_done: u32,
        outcome: Outcome<'_>,
        repeat: Repeat,
    ) -> Option<Duration> {
        if retries_done >= self.max_retries {
            return None;
        }
        let backoff = || self.backoff(retries_done, unit_random());
        match outcome {
            Outcome::Final => None,
            Outcome::NotSent => Some(backoff()),
            Outcome::Lost => (repeat == Repeat::Safe).then(backoff),
            Outcome::Answered { status, headers } => {
                let retry = match should_retry_header(headers) {
                    Some(told) => told,
                    // The rate limiter refuses a request before anything is done with it.
                    None if status == StatusCode::TOO_MANY_REQUESTS => true,
                    None if status == StatusCode::REQUEST_TIMEOUT || status.is_server_error() => {
                        repeat == Repeat::Safe
                    }
                    None => false,
                };
                if !retry {
                    return None;
                }
                match server_wait(headers, std::time::SystemTime::now()) {
                    Some(wait) if wait > self.max_server_wait => None,
                    Some(wait) => Some(wait),
                    None => Some(backoff()),
                }
            }
        }
    }

    /// Exponential backoff with jitter: the nth retry waits between 75 % and 100 % of
    /// `initial_backoff × 2ⁿ`, capped at `max_backoff`, so that clients that failed together
    /// do not retry together. `random` is in `[0, 1)`.
    pub(crate) fn backoff(&self, retries_done: u32, random: f64) -> Duration {
        let factor = 2u32.saturating_pow(retries_done.min(30));
        let base = self
            .initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        // Subtracting a quarter at most cannot overflow, whatever the configured maximum.
        base.saturating_sub(base.mul_f64(0.25 * random.clamp(0.0, 1.0)))
    }
}

/// A server's explicit say (`x-should-retry: true|false`), which overrides the status.
fn should_retry_header(headers: &HeaderMap) -> Option<bool> {
    match headers.get("x-should-retry")?.to_str().ok()?.trim() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The wait the server asks for: `Retry-After` (seconds or an HTTP date), else ImageKit's
/// `X-RateLimit-Reset` (milliseconds until the limit resets).
pub(crate) fn server_wait(headers: &HeaderMap, now: std::time::SystemTime) -> Option<Duration> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(value) = text("retry-after") {
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(Duration::from_secs(seconds));
        }
        if let Ok(date) = chrono::DateTime::parse_from_rfc2822(value) {
            let at = std::time::SystemTime::from(date);
            return Some(at.duration_since(now).unwrap_or(Duration::ZERO));
        }
    }
    text("x-ratelimit-reset")
        .and_then(|v| v.parse::<u64>().ok())
        .map(Duration::from_millis)
}

/// A number in `[0, 1)` for jitter. std's `RandomState` is seeded randomly per thread and
/// advanced per instance, which is random enough to spread retries without a dependency.
fn unit_random() -> f64 {
    let bits = RandomState::new().build_hasher().finish() >> 11;
    bits as f64 / (1u64 << 53) as f64
}

/// Awaits `first`, then each attempt `again` makes, until an outcome is not worth retrying
/// under `policy` or `again` cannot make another (`None`: the request cannot be sent twice),
/// sleeping in between. Returns the last result and the number of attempts made.
pub(crate) async fn run<T, Fut>(
    policy: &RetryPolicy,
    repeat: Repeat,
    first: Fut,
    mut again: impl FnMut(u32) -> Option<Fut>,
    classify: impl Fn(&T) -> Outcome<'_>,
) -> (T, u32)
where
    Fut: Future<Output = T>,
{
    let mut attempts = 1;
    let mut pending = first;
    loop {
        let started = Instant::now();
        let result = pending.await;
        let outcome = classify(&result);
        let next = policy
            .next_delay(attempts - 1, outcome, repeat)
            .and_then(|delay| Some((delay, again(attempts + 1)?)));
        crate::telemetry::attempt(
            attempts,
            outcome.label(),
            started.elapsed(),
            next.as_ref().map(|(delay, _)| *delay),
        );
        let Some((delay, attempt)) = next else {
            return (result, attempts);
        };
        tokio::time::sleep(delay).await;
        pending = attempt;
        attempts += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    fn answered(status: u16, headers: &HeaderMap) -> Outcome<'_> {
        Outcome::Answered {
            status: StatusCode::from_u16(status).unwrap(),
            headers,
        }
    }

    #[test]
    fn backoff_doubles_from_half_a_second_and_stops_at_eight() {
        let policy = RetryPolicy::default();
        let waits: Vec<_> = (0..6).map(|n| policy.backoff(n, 0.0)).collect();
        assert_eq!(
            waits,
            [500, 1000, 2000, 4000, 8000, 8000].map(Duration::from_millis)
        );
    }

    #[test]
    fn jitter_shortens_a_wait_by_at_most_a_quarter() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff(1, 0.5), Duration::from_millis(875));
        assert!(policy.backoff(1, 0.999_999) > Duration::from_millis(750));
        for _ in 0..1000 {
            let r = unit_random();
            assert!((0.0..1.0).contains(&r), "{r}");
        }
    }

    #[test]
    fn the_longest_configurable_backoff_does_not_overflow() {
        let policy = RetryPolicy {
            initial_backoff: Duration::MAX,
            max_backoff: Duration::MAX,
            ..RetryPolicy::default()
        };
        for random in [0.0, 0.5, 0.999_999] {
            assert!(policy.backoff(3, random) >= Duration::MAX.mul_f64(0.74));
        }
    }

    #[test]
    fn no_retry_once_the_retries_are_spent() {
        let policy = RetryPolicy {
            max_retries: 1,
            ..RetryPolicy::default()
        };
        let none = HeaderMap::new();
        assert!(
            policy
                .next_delay(0, answered(503, &none), Repeat::Safe)
                .is_some()
        );
        assert!(
            policy
                .next_delay(1, answered(503, &none), Repeat::Safe)
                .is_none()
        );
    }

    #[test]
    fn server_errors_and_lost_answers_are_retried_only_for_idempotent_operations() {
        let policy = RetryPolicy::default();
        let none = HeaderMap::new();
        for outcome in [answered(500, &none), answered(408, &none), Outcome::Lost] {
            assert!(policy.next_delay(0, outcome, Repeat::Safe).is_some());
            assert!(
                policy
                    .next_delay(0, outcome, Repeat::OnlyIfUnprocessed)
                    .is_none()
            );
        }
    }

    #[test]
    fn unprocessed_attempts_are_retried_for_any_operation() {
        let policy = RetryPolicy::default();
        let none = HeaderMap::new();
        let told = headers(&[("x-should-retry", "true")]);
        for outcome in [Outcome::NotSent, answered(429, &none), answered(409, &told)] {
            assert!(
                policy
                    .next_delay(0, outcome, Repeat::OnlyIfUnprocessed)
                    .is_some(),
                "{outcome:?}"
            );
        }
    }

    #[test]
    fn client_errors_and_final_failures_are_not_retried() {
        let policy = RetryPolicy::default();
        let none = HeaderMap::new();
        for outcome in [
            answered(400, &none),
            answered(404, &none),
            answered(200, &none),
            answered(207, &none),
            Outcome::Final,
        ] {
            assert!(
                policy.next_delay(0, outcome, Repeat::Safe).is_none(),
                "{outcome:?}"
            );
        }
    }

    #[test]
    fn x_should_retry_false_overrides_a_retryable_status() {
        let policy = RetryPolicy::default();
        let refused = headers(&[("x-should-retry", "false")]);
        assert!(
            policy
                .next_delay(0, answered(503, &refused), Repeat::Safe)
                .is_none()
        );
    }

    #[test]
    fn retry_after_in_seconds_and_as_a_date_and_rate_limit_reset_in_milliseconds() {
        let now = std::time::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(
            server_wait(&headers(&[("retry-after", "3")]), now),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            server_wait(
                &headers(&[("retry-after", "Wed, 21 Oct 2015 07:28:10 GMT")]),
                now
            ),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            server_wait(&headers(&[("x-ratelimit-reset", "1500")]), now),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            server_wait(
                &headers(&[("retry-after", "1"), ("x-ratelimit-reset", "1500")]),
                now
            ),
            Some(Duration::from_secs(1)),
            "Retry-After wins"
        );
        assert_eq!(server_wait(&headers(&[("retry-after", "soon")]), now), None);
    }

    #[test]
    fn a_server_wait_longer_than_the_limit_ends_the_retries() {
        let policy = RetryPolicy::default();
        let long = headers(&[("retry-after", "3600")]);
        assert!(
            policy
                .next_delay(0, answered(429, &long), Repeat::Safe)
                .is_none()
        );
        let short = headers(&[("x-ratelimit-reset", "250")]);
        assert_eq!(
            policy.next_delay(0, answered(429, &short), Repeat::Safe),
            Some(Duration::from_millis(250))
        );
    }

    #[test]
    fn the_spec_marks_reads_deletes_and_tag_changes_idempotent_but_not_creation_or_rename() {
        for safe in [
            "list_files",
            "delete_file",
            "update_file_details",
            "add_tags",
            "bulk_file_delete",
        ] {
            assert_eq!(Repeat::of_operation(safe), Repeat::Safe, "{safe}");
        }
        for once in [
            "create_folder",
            "copy_file",
            "rename_file",
            "restore_file_version",
            "upload_file",
        ] {
            assert_eq!(
                Repeat::of_operation(once),
                Repeat::OnlyIfUnprocessed,
                "{once}"
            );
        }
    }
}
