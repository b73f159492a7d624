//! HMAC-SHA1 signatures made with the private key: signed URLs (`ik-s`) and the authentication
//! parameters of client-side uploads.

use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha1::Sha1;

use imagekitio_grammar::{Digits, decimal};

use crate::{ImageKit, encode, error::Error};

/// The expiry signed into URLs that do not expire, as ImageKit's SDKs sign them.
const NO_EXPIRY: &str = "9999999999";

/// How long upload authentication parameters stay valid by default.
const DEFAULT_UPLOAD_EXPIRY_SECS: u64 = 30 * 60;

/// HMAC-SHA1 keyed with the private key once, when the client is built: each signature then
/// starts from a copy of the keyed state instead of hashing the key again.
#[derive(Clone)]
pub(crate) struct SigningKey(Hmac<Sha1>);

impl SigningKey {
    pub(crate) fn new(private_key: &str) -> Result<Self, Error> {
        Hmac::<Sha1>::new_from_slice(private_key.as_bytes())
            .map(Self)
            .map_err(|_| Error::invalid("the private key cannot be used as an HMAC key"))
    }

    fn sign(&self, parts: &[&[u8]]) -> [u8; 20] {
        let mut mac = self.0.clone();
        for part in parts {
            mac.update(part);
        }
        mac.finalize().into_bytes().into()
    }
}

/// The unix time now, in seconds.
pub(crate) fn unix_now() -> Result<u64, Error> {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|_| {
            Error::invalid("the system clock is set before 1970; cannot compute an expiry")
        })
}

/// Appends `ik-t` (when the URL expires) and `ik-s` to the URL in `out`.
///
/// The signature covers the URL from `signed_from` (just after the endpoint and its `/`) plus
/// the expiry, exactly as emitted: `HMAC-SHA1(private_key, path_and_query + expiry)`, hex.
pub(crate) fn sign_url(
    key: &SigningKey,
    out: &mut String,
    signed_from: usize,
    expires_at: Option<u64>,
    has_query: bool,
) {
    let mut digits = Digits::new();
    let expiry = match expires_at {
        Some(at) => decimal(at, &mut digits),
        None => NO_EXPIRY,
    };
    let signed_part = out.get(signed_from..).unwrap_or_default();
    let signature = key.sign(&[signed_part.as_bytes(), expiry.as_bytes()]);
    out.push(if has_query { '&' } else { '?' });
    if expires_at.is_some() {
        out.push_str("ik-t=");
        out.push_str(expiry);
        out.push('&');
    }
    out.push_str("ik-s=");
    encode::push_hex(out, &signature);
}

/// What a browser or app needs to upload straight to ImageKit without the private key:
/// send these three values, with the public key, along with the file.
///
/// ```
/// let ik = imagekitio::ImageKit::new("public_key", "private_key_test", "https://ik.imagekit.io/demo")?;
/// let auth = ik.get_authentication_parameters(Some("your_token"), Some(1582269249));
/// assert_eq!(auth.token, "your_token");
/// assert_eq!(auth.expire, 1582269249);
/// assert_eq!(auth.signature, "e71bcd6031016b060d349d212e23e85c791decdd");
/// // Serializes to the JSON the upload widgets expect: {"token":..,"expire":..,"signature":..}
/// let json = serde_json::to_value(&auth).unwrap();
/// assert_eq!(json["expire"], 1582269249);
/// # Ok::<(), imagekitio::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AuthenticationParameters {
    /// A unique value for this upload; ImageKit refuses a token used twice.
    pub token: String,
    /// Unix time (seconds) after which ImageKit refuses the upload; at most one hour ahead.
    pub expire: u64,
    /// `HMAC-SHA1(private_key, token + expire)`, hex.
    pub signature: String,
}

impl ImageKit {
    /// Authentication parameters for a client-side upload.
    ///
    /// `token` defaults to a random UUID v4 (also when empty); `expire` to now + 30 minutes.
    /// An explicit `expire` is used as given, `0` included, as ImageKit's Python SDK does.
    ///
    /// ```
    /// let ik = imagekitio::ImageKit::new("public_key", "private_key", "https://ik.imagekit.io/demo")?;
    /// let auth = ik.get_authentication_parameters(None, None);
    /// assert_eq!(auth.token.len(), 36);
    /// assert_eq!(auth.signature.len(), 40);
    /// # Ok::<(), imagekitio::Error>(())
    /// ```
    pub fn get_authentication_parameters(
        &self,
        token: Option<&str>,
        expire: Option<u64>,
    ) -> AuthenticationParameters {
        let token = match token {
            Some(token) if !token.is_empty() => token.to_owned(),
            _ => uuid::Uuid::new_v4().to_string(),
        };
        // Before 1970 the clock is broken anyway; the upload will be refused as expired.
        let expire = expire.unwrap_or_else(|| {
            unix_now()
                .unwrap_or_default()
                .saturating_add(DEFAULT_UPLOAD_EXPIRY_SECS)
        });
        let mut digits = Digits::new();
        let message: [&[u8]; 2] = [token.as_bytes(), decimal(expire, &mut digits).as_bytes()];
        // Keyed per call from the private key itself: upload tokens are rare, unlike URLs, and
        // the client refuses an empty key, so keying cannot fail; should it, the signature is
        // left empty and ImageKit refuses the upload.
        let signed = SigningKey::new(self.private_key()).map(|key| key.sign(&message));
        let mut signature = String::with_capacity(40);
        if let Ok(signed) = signed {
            encode::push_hex(&mut signature, &signed);
        }
        AuthenticationParameters {
            token,
            expire,
            signature,
        }
    }
}
