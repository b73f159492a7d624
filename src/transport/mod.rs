//! The bridge between the generated client and [`crate::Response`]/[`crate::Error`].
//!
//! Two rooms: `engine.rs` sends one request as every call does (authentication and defaults,
//! retries as `retry.rs` decides, no redirects, the body read once and up to the client's size
//! limit) and turns the answer into a `Response` or an `Error`; `hook.rs` is the generated
//! client's `exec` hook, which runs the engine and hands the whole exchange (status, headers,
//! raw bytes, attempts) to the call waiting on it through a task-local slot: progenitor's own
//! `ResponseValue` has no raw body, and its errors lose the status of a non-JSON answer.
//! `extras.rs` holds what `with_header` and `with_query` add to each request of a handle.

mod engine;
mod extras;
mod hook;

use std::{fmt, sync::Arc, time::Duration};

use reqwest::header::HeaderValue;

use crate::{error::Error, retry::RetryPolicy};
pub(crate) use extras::{Extras, header_pair};

/// Per-client settings the generated client carries into its hooks.
#[derive(Clone)]
pub(crate) struct Transport {
    authorization: HeaderValue,
    user_agent: HeaderValue,
    defaults: CallSettings,
    /// The largest answer body read; a larger one fails the call instead of filling memory.
    max_response_bytes: u64,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("defaults", &self.defaults)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// What governs one call: the client's settings, or those of a handle made by
/// [`crate::ImageKit::with_timeout`], [`crate::ImageKit::with_max_retries`],
/// [`crate::ImageKit::with_header`] or [`crate::ImageKit::with_query`].
#[derive(Clone, Debug)]
pub(crate) struct CallSettings {
    /// Time allowed for each attempt, answer included (for uploads: the stall limit).
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    /// Shared by the clones of a handle, copied when one of them adds to it.
    pub(crate) extras: Arc<Extras>,
}

/// How a request proves who sends it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Credentials {
    /// HTTP Basic with the private key: every server-side call.
    PrivateKey,
    /// The request carries its own proof (a client-side upload's signature or token);
    /// ImageKit refuses a request that has both.
    InRequest,
}

/// Why an attempt has no answer ([`ResponseMetadata`]).
pub(crate) enum Failure {
    /// The HTTP client failed: no connection, a timeout, a broken transfer.
    Http(reqwest::Error),
    /// The answer was refused before its body was complete (too large, or redirected by a
    /// user-supplied HTTP client); the error says why.
    Refused(Error),
}

impl Transport {
    pub(crate) fn new(
        authorization: HeaderValue,
        defaults: CallSettings,
        max_response_bytes: u64,
    ) -> Self {
        Self {
            authorization,
            user_agent: HeaderValue::from_static(USER_AGENT_VALUE),
            defaults,
            max_response_bytes,
        }
    }

    /// The client's settings, for calls that do not override them.
    pub(crate) fn defaults(&self) -> &CallSettings {
        &self.defaults
    }
}

const USER_AGENT_VALUE: &str = concat!("imagekitio-rust/", env!("CARGO_PKG_VERSION"));
