//! The one signature computation, shared by [`crate::webhooks::Verifier`] and
//! [`crate::webhooks::Signer`], so what is signed is by construction what is verified.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::Error;

/// A webhook secret, keyed once as HMAC-SHA256. Never shown: its owners redact it in `Debug`.
#[derive(Clone)]
pub(super) struct Key(Hmac<Sha256>);

impl Key {
    /// The secret's bytes as given, a `whsec_` prefix included, as ImageKit's Node and Python
    /// SDKs key it. An empty or blank secret is refused: anyone could sign with it.
    pub(super) fn new(secret: &[u8]) -> Result<Self, Error> {
        if secret.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::invalid(
                "the webhook secret is empty or blank, which would accept deliveries signed \
                 by anyone: pass the secret of this webhook endpoint from ImageKit's dashboard \
                 (Developer options > Webhooks)",
            ));
        }
        // HMAC takes keys of any length, so this refusal is only the type's signature.
        let mac = Hmac::<Sha256>::new_from_slice(secret)
            .map_err(|e| Error::invalid(format!("the webhook secret cannot key HMAC: {e}")))?;
        Ok(Self(mac))
    }

    /// Standard Webhooks: the MAC of `{id}.{timestamp}.{body}`, `timestamp` as the header
    /// carries it (unix seconds in decimal).
    pub(super) fn standard(&self, id: &str, timestamp: &str, body: &[u8]) -> Hmac<Sha256> {
        let mut mac = self.0.clone();
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        mac
    }

    /// The older `x-ik-signature`: the MAC of `{t}.{body}`.
    pub(super) fn legacy(&self, timestamp: &str, body: &[u8]) -> Hmac<Sha256> {
        let mut mac = self.0.clone();
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        mac
    }
}
