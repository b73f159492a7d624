//! [`WebhookError`]: why [`crate::webhooks::Verifier`] refused a delivery, one of the errors
//! of this crate (inside [`Error::Webhook`]), kept beside [`Error`] so that `webhooks` imports
//! from `error` and never the other way round.

use std::time::Duration;

use super::Error;

/// Why a webhook delivery was refused: the reason inside [`Error::Webhook`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// A header the signature needs is absent.
    #[error(
        "the `{0}` header is missing; pass the request's headers unchanged (ImageKit sends \
         webhook-id, webhook-timestamp and webhook-signature, or x-ik-signature)"
    )]
    MissingHeader(&'static str),
    /// A header is present but cannot be read.
    #[error("the `{header}` header is malformed: {reason}")]
    MalformedHeader {
        /// The header.
        header: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// No signature in the header matches the body: it was altered, or the secret is not the
    /// one of this webhook endpoint.
    #[error(
        "no signature matches the body: the body was altered (verify the raw bytes, before any \
         JSON parsing), or the secret is not this endpoint's webhook secret"
    )]
    SignatureMismatch,
    /// The delivery is older than the tolerance: a replay, or a long-delayed retry.
    #[error("the delivery is {age:?} old, more than the {tolerance:?} allowed")]
    TooOld {
        /// How old it is.
        age: Duration,
        /// The tolerance in force.
        tolerance: Duration,
    },
    /// The delivery is dated ahead of this machine's clock by more than the tolerance.
    #[error(
        "the delivery is dated {ahead:?} in the future, more than the {tolerance:?} allowed; \
         check this machine's clock"
    )]
    TooNew {
        /// How far ahead it is.
        ahead: Duration,
        /// The tolerance in force.
        tolerance: Duration,
    },
    /// The body is not JSON of a webhook event.
    #[error("the body is not a webhook event: {0}")]
    Payload(#[source] serde_json::Error),
}

impl From<WebhookError> for Error {
    fn from(e: WebhookError) -> Self {
        Error::Webhook(e)
    }
}
