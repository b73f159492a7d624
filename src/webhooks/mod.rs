//! Verifying ImageKit's signed webhooks and reading them as typed [`Event`]s.
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
//! # use hmac::{Hmac, Mac};
//! # use base64::Engine as _;
//! # let mut mac = Hmac::<sha2::Sha256>::new_from_slice(b"whsec_test").unwrap();
//! # mac.update(format!("msg_1.{now}.").as_bytes());
//! # mac.update(body);
//! # let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
//! # let mut headers = http::HeaderMap::new();
//! # headers.insert("webhook-id", "msg_1".parse().unwrap());
//! # headers.insert("webhook-timestamp", now.to_string().parse().unwrap());
//! # headers.insert("webhook-signature", format!("v1,{signature}").parse().unwrap());
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
//! Where things are: `verify.rs` (the checks), `signature.rs` (the HMAC),
//! `events.rs` (the event table and payloads).

mod events;
mod signature;
mod verify;

pub use events::*;
pub use verify::{DEFAULT_TOLERANCE, Verifier};

pub use crate::error::WebhookError;
