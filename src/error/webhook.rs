//! [`WebhookError`]: why [`crate::webhooks::Verifier`] refused a delivery, one of the errors
//! of this crate (inside [`Error::Webhook`]), kept beside [`Error`] so that `webhooks` imports
//! from `error` and never the other way round.

use std::{fmt, time::Duration};

use super::Error;

/// Why a webhook delivery was refused: the reason inside [`Error::Webhook`].
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookError {
    /// A header the signature needs is absent.
    MissingHeader(&'static str),
    /// A header is present but cannot be read.
    MalformedHeader {
        /// The header.
        header: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// No signature in the header matches the body: it was altered, or the secret is not the
    /// one of this webhook endpoint.
    SignatureMismatch,
    /// The delivery is older than the tolerance: a replay, or a long-delayed retry.
    TooOld {
        /// How old it is.
        age: Duration,
        /// The tolerance in force.
        tolerance: Duration,
    },
    /// The delivery is dated ahead of this machine's clock by more than the tolerance.
    TooNew {
        /// How far ahead it is.
        ahead: Duration,
        /// The tolerance in force.
        tolerance: Duration,
    },
    /// The body is not JSON of a webhook event.
    Payload(serde_json::Error),
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::MissingHeader(header) => write!(
                f,
                "the `{header}` header is missing; pass the request's headers unchanged \
                 (ImageKit sends webhook-id, webhook-timestamp and webhook-signature, or \
                 x-ik-signature)"
            ),
            WebhookError::MalformedHeader { header, reason } => {
                write!(f, "the `{header}` header is malformed: {reason}")
            }
            WebhookError::SignatureMismatch => f.write_str(
                "no signature matches the body: the body was altered (verify the raw bytes, \
                 before any JSON parsing), or the secret is not this endpoint's webhook secret",
            ),
            WebhookError::TooOld { age, tolerance } => write!(
                f,
                "the delivery is {age:?} old, more than the {tolerance:?} allowed"
            ),
            WebhookError::TooNew { ahead, tolerance } => write!(
                f,
                "the delivery is dated {ahead:?} in the future, more than the {tolerance:?} \
                 allowed; check this machine's clock"
            ),
            WebhookError::Payload(e) => write!(f, "the body is not a webhook event: {e}"),
        }
    }
}

impl std::error::Error for WebhookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookError::Payload(e) => Some(e),
            _ => None,
        }
    }
}

impl From<WebhookError> for Error {
    fn from(e: WebhookError) -> Self {
        Error::Webhook(e)
    }
}
