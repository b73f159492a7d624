//! Which credentials an upload carries: the private key, or the client-side fields of a
//! browser or app upload (V1: signature, expire, token; V2: a JWT).

use super::{UploadOptions, Version};
use crate::error::Error;

/// Whether the upload authenticates with client-side fields rather than the private key, after
/// checking that those fields make sense for the endpoint.
pub(super) fn client_side_auth(version: Version, options: &UploadOptions) -> Result<bool, Error> {
    match version {
        Version::V1 => {
            let any = options.request.public_key.is_some()
                || options.request.signature.is_some()
                || options.expire.is_some()
                || options.request.token.is_some();
            if any {
                let missing: Vec<&str> = [
                    ("signature", options.request.signature.is_none()),
                    ("expire", options.expire.is_none()),
                    ("token", options.request.token.is_none()),
                ]
                .into_iter()
                .filter_map(|(name, absent)| absent.then_some(name))
                .collect();
                if !missing.is_empty() {
                    return Err(Error::invalid(format!(
                        "a client-side V1 upload needs signature, expire and token together \
                         (see get_authentication_parameters); missing: {}",
                        missing.join(", ")
                    )));
                }
            }
            Ok(any)
        }
        Version::V2 => {
            if options.request.public_key.is_some()
                || options.request.signature.is_some()
                || options.expire.is_some()
            {
                return Err(Error::invalid(
                    "public_key, signature and expire are V1 fields: a client-side V2 upload \
                     sends only a JWT in token",
                ));
            }
            Ok(options.request.token.is_some())
        }
    }
}
