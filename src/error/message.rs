//! What [`Error`] says: its `Display` and its `source`, written out rather than derived so that
//! a user's build compiles no error-derive macro for them.

use std::fmt;

use super::{Error, after};

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadRequest(e)
            | Error::Unauthorized(e)
            | Error::Forbidden(e)
            | Error::NotFound(e)
            | Error::Conflict(e)
            | Error::TooManyRequests(e)
            | Error::InternalServer(e)
            | Error::PartialSuccess(e)
            | Error::Unknown(e)
            | Error::Redirect(e) => fmt::Display::fmt(e, f),
            Error::ResponseTooLarge {
                status,
                limit,
                announced,
                ..
            } => {
                write!(
                    f,
                    "ImageKit's answer ({status}) is larger than the limit of {limit} bytes"
                )?;
                if let Some(n) = announced {
                    write!(f, " (it announced {n} bytes)")?;
                }
                f.write_str(
                    ", so reading it stopped. Raise the limit with \
                     ImageKitBuilder::max_response_size if the answer is expected (a very large \
                     page of list_files), or check the base URL",
                )
            }
            Error::Transport {
                message, attempts, ..
            } => write!(
                f,
                "could not reach ImageKit{}: {message}; check the network and the configured \
                 base URL",
                after(*attempts)
            ),
            Error::Timeout {
                message, attempts, ..
            } => write!(
                f,
                "ImageKit did not answer in time{} ({message}); raise the timeout or try again \
                 later",
                after(*attempts)
            ),
            Error::Decode(e) => fmt::Display::fmt(e, f),
            Error::InvalidInput(message) => write!(f, "invalid input: {message}"),
            Error::Webhook(reason) => write!(f, "webhook refused: {reason}"),
            Error::Io {
                path: Some(path),
                source,
            } => write!(f, "cannot read {}: {source}", path.display()),
            Error::Io { path: None, source } => {
                write!(f, "cannot read the upload's reader: {source}")
            }
            Error::UploadStalled {
                sent,
                idle,
                attempts,
            } => write!(
                f,
                "the upload stalled{}: nothing happened for {idle:?} after {sent} bytes of the \
                 file were sent; check the network, or raise the client's timeout",
                after(*attempts)
            ),
            Error::UploadIncomplete {
                sent,
                total,
                status,
                attempts,
            } => write!(
                f,
                "the server answered {status} after {sent} of the file's {total} bytes were \
                 sent{}, before the upload was complete; the upload is not reported as a \
                 success. Check for a proxy with a body size limit, then upload again",
                after(*attempts)
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { source, .. } | Error::Timeout { source, .. } => Some(source),
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
