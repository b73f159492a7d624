//! One request, sent as every call sends it, and its answer made a [`Response`] or an [`Error`].

use std::time::Duration;

use bytes::{Bytes, BytesMut};
use reqwest::{
    StatusCode,
    header::{AUTHORIZATION, HeaderMap, USER_AGENT},
};
use serde::de::DeserializeOwned;

use super::{CallSettings, Credentials, Extras, Failure, Transport};
use crate::{
    error::{DecodeError, Error},
    response::{Response, ResponseMetadata},
    retry::{self, Outcome, Repeat},
};

impl Transport {
    /// Authentication, identification, the timeout and the handle's extras, on any outgoing
    /// request.
    fn prepare(
        &self,
        request: &mut reqwest::Request,
        credentials: Credentials,
        timeout: Duration,
        extras: &Extras,
    ) -> Result<(), Error> {
        // First, so that the client's own authentication below is what is sent.
        extras.apply(request)?;
        let headers = request.headers_mut();
        match credentials {
            Credentials::PrivateKey => {
                headers.insert(AUTHORIZATION, self.authorization.clone());
            }
            Credentials::InRequest => {
                headers.remove(AUTHORIZATION);
            }
        }
        headers.insert(USER_AGENT, self.user_agent.clone());
        // progenitor sends the spec's version; ImageKit does not use it.
        headers.remove("api-version");
        if request.timeout().is_none() {
            *request.timeout_mut() = Some(timeout);
        }
        Ok(())
    }

    /// Sends a request once and reads the whole answer, up to the size limit.
    ///
    /// A redirect is never followed: the client built here has no redirect policy, so a 3xx
    /// arrives as an answer (an [`Error::Redirect`] later), and a user-supplied client that
    /// followed one is caught by the answer's URL. ImageKit's API does not redirect, and a
    /// followed redirect turns a write into a read of another origin, or resends the body
    /// (keys of an origin included) there.
    pub(crate) async fn execute_once(
        &self,
        http: &reqwest::Client,
        mut request: reqwest::Request,
        credentials: Credentials,
        timeout: Duration,
        extras: &Extras,
    ) -> Result<ResponseMetadata, Failure> {
        self.prepare(&mut request, credentials, timeout, extras)
            .map_err(Failure::Refused)?;
        let sent_to = request.url().clone();
        let response = http.execute(request).await.map_err(Failure::Http)?;
        let status = response.status();
        if response.url() != &sent_to {
            return Err(Failure::Refused(Error::redirect_followed(
                status,
                response.headers().clone(),
                &sent_to,
                response.url(),
            )));
        }
        let headers = response.headers().clone();
        let body = self.read_body(response, status, &headers).await?;
        Ok(ResponseMetadata::new(status, headers, body, 1))
    }

    /// Reads an answer's body into one buffer, refusing it once it passes the size limit:
    /// at once when `Content-Length` announces more, else when the bytes read do.
    async fn read_body(
        &self,
        mut response: reqwest::Response,
        status: StatusCode,
        headers: &HeaderMap,
    ) -> Result<Bytes, Failure> {
        let limit = self.max_response_bytes;
        let too_large = |announced| {
            Failure::Refused(Error::ResponseTooLarge {
                status,
                limit,
                announced,
                headers: Box::new(headers.clone()),
                attempts: 1,
            })
        };
        let announced = response.content_length();
        if announced.is_some_and(|length| length > limit) {
            return Err(too_large(announced));
        }
        // Most answers arrive as one chunk: that chunk is the body, uncopied.
        let Some(first) = response.chunk().await.map_err(Failure::Http)? else {
            return Ok(Bytes::new());
        };
        if first.len() as u64 > limit {
            return Err(too_large(announced));
        }
        let Some(second) = response.chunk().await.map_err(Failure::Http)? else {
            return Ok(first);
        };
        let expected = announced.unwrap_or(0).min(limit);
        let mut body = BytesMut::with_capacity(
            usize::try_from(expected)
                .unwrap_or(0)
                .max(first.len() + second.len()),
        );
        body.extend_from_slice(&first);
        let mut next = Some(second);
        while let Some(chunk) = next {
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(too_large(announced));
            }
            body.extend_from_slice(&chunk);
            next = response.chunk().await.map_err(Failure::Http)?;
        }
        Ok(body.freeze())
    }

    /// Sends a request, again as long as `settings` and `repeat` allow.
    pub(super) async fn execute(
        &self,
        http: &reqwest::Client,
        request: reqwest::Request,
        settings: &CallSettings,
        repeat: Repeat,
    ) -> (Result<ResponseMetadata, Failure>, u32) {
        // Taken before the first attempt adds credentials; `None` for a streamed body, which
        // cannot be sent twice (generated requests have none).
        let template = request.try_clone();
        let send = |request| {
            self.execute_once(
                http,
                request,
                Credentials::PrivateKey,
                settings.timeout,
                &settings.extras,
            )
        };
        retry::run(
            &settings.retry,
            repeat,
            send(request),
            |_| template.as_ref()?.try_clone().map(send),
            |result| match result {
                Ok(answer) => Outcome::of_answer(answer),
                Err(Failure::Http(error)) => Outcome::of_error(error),
                Err(Failure::Refused(_)) => Outcome::Final,
            },
        )
        .await
    }

    /// Sends a hand-built request (an attempt of a multipart upload) once, with the same
    /// authentication, defaults and outcome mapping as the generated calls, decoding a success
    /// body as `T`. `credentials` says whether the private key authenticates it; `attempt`
    /// numbers it among the attempts of its call.
    pub(crate) async fn send<T: DeserializeOwned>(
        &self,
        http: &reqwest::Client,
        request: reqwest::Request,
        credentials: Credentials,
        timeout: Duration,
        extras: &Extras,
        attempt: u32,
    ) -> Result<Response<T>, Error> {
        let answer = self
            .execute_once(http, request, credentials, timeout, extras)
            .await;
        into_result(
            answered(answer, attempt)?,
            |body| serde_json::from_slice(body).map_err(|e| e.to_string()),
            attempt,
        )
    }

    /// Sends a request the generated client does not make ([`crate::ImageKit::request`]) as
    /// the generated calls are sent, retried as `repeat` allows, decoding a success body as
    /// `T`; an empty body decodes as JSON `null` (a 204 is `Value::Null`, or `()`).
    pub(crate) async fn request<T: DeserializeOwned>(
        &self,
        http: &reqwest::Client,
        request: reqwest::Request,
        settings: &CallSettings,
        repeat: Repeat,
    ) -> Result<Response<T>, Error> {
        let (answer, attempts) =
            crate::telemetry::instrument("request", self.execute(http, request, settings, repeat))
                .await;
        into_result(
            answered(answer, attempts)?,
            |body| {
                let json: &[u8] = if body.trim_ascii().is_empty() {
                    b"null"
                } else {
                    body
                };
                serde_json::from_slice(json).map_err(|e| e.to_string())
            },
            attempts,
        )
    }
}

/// The answer, or the error of an attempt that got none, counting `attempts`.
fn answered(
    result: Result<ResponseMetadata, Failure>,
    attempts: u32,
) -> Result<ResponseMetadata, Error> {
    result.map_err(|failure| match failure {
        Failure::Http(error) => Error::from_reqwest(error, attempts),
        Failure::Refused(error) => error.with_attempts(attempts),
    })
}

/// The outcome of an answer: an API error by status (207 included, as the Python SDK raises
/// it), a decode error, or the body decoded by `decode` (called for a success only) with its
/// metadata.
pub(super) fn into_result<T>(
    mut answer: ResponseMetadata,
    decode: impl FnOnce(&Bytes) -> Result<T, String>,
    attempts: u32,
) -> Result<Response<T>, Error> {
    answer.attempts = attempts;
    let status = answer.status;
    if status == StatusCode::MULTI_STATUS || !status.is_success() {
        return Err(Error::from_response(answer));
    }
    match decode(&answer.raw) {
        Ok(value) => Ok(Response::new(value, answer)),
        Err(reason) => Err(Error::Decode(Box::new(DecodeError::new(answer, reason)))),
    }
}
