//! Verifying ImageKit's signed webhooks and reading them as typed [`Event`]s; signing
//! deliveries the same way to test a handler ([`Signer`]).
//!
//! ImageKit signs each delivery with the endpoint's webhook secret. Two header forms exist:
//!
//! - [Standard Webhooks](https://www.standardwebhooks.com/) (today's): `webhook-id`,
//!   `webhook-timestamp` (unix seconds) and `webhook-signature` (`v1,<base64>` entries separated
//!   by spaces), each entry an HMAC-SHA256 of `{id}.{timestamp}.{body}`;
//! - the older `x-ik-signature: t=<unix ms or s>,v1=<hex>`, an HMAC-SHA256 of `{t}.{body}`.
//!
//! The secret is used as the bytes it is written with, exactly as given by the dashboard —
//! a `whsec_` prefix included — which is what ImageKit's Node 7 and Python 5 SDKs do.
//! Signatures are compared in constant time; a delivery older or newer than the tolerance
//! (five minutes by default) is refused, so a captured request cannot be replayed later.
//!
//! ```
//! use imagekitio::webhooks::{Event, Verifier};
//! # let body = br#"{"id":"evt_1","type":"file.deleted","created_at":"2025-01-01T00:00:00Z","data":{"fileId":"f1"}}"#;
//! # let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
//! # let headers = imagekitio::webhooks::Signer::new("whsec_test")?.sign("msg_1", now, body);
//! // In the handler: the raw body bytes and the request headers, unchanged.
//! let verifier = Verifier::new("whsec_test")?;
//! let done = match verifier.verify(&headers, body)? {
//!     Event::FileDeleted(event) => format!("deleted {}", event.data.file_id),
//!     other => format!("ignoring {}", other.kind()),
//! };
//! assert_eq!(done, "deleted f1");
//! # Ok::<(), imagekitio::Error>(())
//! ```
//!
//! Where things are: `verify.rs` (the checks), `sign.rs` (the test-side signer),
//! `signature.rs` (the HMAC both compute), `events.rs` (the event table and payloads).

mod events;
mod sign;
mod signature;
mod verify;

pub use events::*;
pub use sign::Signer;
pub use verify::{DEFAULT_TOLERANCE, Verifier};

pub use crate::error::WebhookError;
