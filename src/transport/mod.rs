//! The bridge between the generated client and [`Response`]/[`Error`].
//!
//! The generated client builds every request from the spec; its `exec` hook runs here. The hook
//! adds authentication and defaults, retries what is worth retrying (see `retry.rs`), refuses
//! redirects, reads the body once and up to the client's size limit, and records status, headers, raw bytes and the number of attempts for
//! the current call, so that every outcome keeps the exchange: progenitor's own
//! `ResponseValue` has no raw body, and its errors lose the status of a non-JSON answer.

use std::{cell::RefCell, fmt, future::Future, io, time::Duration};

use bytes::{Bytes, BytesMut};
use progenitor_client::{ClientInfo, OperationInfo, ResponseValue};
use reqwest::{
    StatusCode,
    header::{AUTHORIZATION, HeaderMap, HeaderValue, USER_AGENT},
};
use serde::de::DeserializeOwned;

use crate::{
    error::{DecodeError, Error, excerpt},
    response::{Response, ResponseMetadata},
    retry::{self, Outcome, Repeat, RetryPolicy},
};

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

/// What governs one call: the client's settings, or those of [`crate::ImageKit::with_timeout`]
/// and [`crate::ImageKit::with_max_retries`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CallSettings {
    /// Time allowed for each attempt, answer included (for uploads: the stall limit).
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
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

/// What the hook recorded for the call waiting on it.
enum Recorded {
    Answer(ResponseMetadata),
    Refused(Error),
}

/// The slot a waiting call shares with the hook that runs its request.
struct CallState {
    settings: CallSettings,
    recorded: Option<Recorded>,
    attempts: u32,
}

tokio::task_local! {
    static CALL: RefCell<CallState>;
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
    pub(crate) fn defaults(&self) -> CallSettings {
        self.defaults
    }

    /// Authentication, identification and the timeout, on any outgoing request.
    fn prepare(&self, request: &mut reqwest::Request, credentials: Credentials, timeout: Duration) {
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
    ) -> Result<ResponseMetadata, Failure> {
        self.prepare(&mut request, credentials, timeout);
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

    /// Sends a request of a generated call, again as long as `settings` and the operation allow.
    async fn execute(
        &self,
        http: &reqwest::Client,
        request: reqwest::Request,
        settings: &CallSettings,
        operation: &'static str,
    ) -> (Result<ResponseMetadata, Failure>, u32) {
        // Taken before the first attempt adds credentials; `None` for a streamed body, which
        // cannot be sent twice (generated requests have none).
        let template = request.try_clone();
        let send =
            |request| self.execute_once(http, request, Credentials::PrivateKey, settings.timeout);
        retry::run(
            &settings.retry,
            Repeat::of_operation(operation),
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
        attempt: u32,
    ) -> Result<Response<T>, Error> {
        let answer = match self.execute_once(http, request, credentials, timeout).await {
            Ok(answer) => answer,
            Err(Failure::Http(error)) => return Err(Error::from_reqwest(error, attempt)),
            Err(Failure::Refused(error)) => return Err(error.with_attempts(attempt)),
        };
        into_result(
            answer,
            |body| serde_json::from_slice(body).map_err(|e| e.to_string()),
            attempt,
        )
    }

    /// Runs a generated call under `settings`, returning the typed body with its exchange, or
    /// an [`Error`].
    pub(crate) async fn call<T, E, F>(settings: CallSettings, call: F) -> Result<Response<T>, Error>
    where
        E: fmt::Debug,
        F: Future<Output = Result<ResponseValue<T>, progenitor_client::Error<E>>>,
    {
        match Self::capture(settings, call).await {
            (result, Some(Recorded::Answer(answer)), attempts) => into_result(
                answer,
                |_| {
                    result
                        .map(ResponseValue::into_inner)
                        .map_err(|e| describe_decode_failure(&e))
                },
                attempts,
            ),
            (_, Some(Recorded::Refused(error)), _) => Err(error),
            (result, None, attempts) => Self::without_exchange(result, attempts),
        }
    }

    /// Runs a generated call of an operation that answers no body. Any success status other
    /// than 207 is the outcome, also one the spec does not declare (a `200 {}` where it says
    /// `204`): the operation succeeded, and there is nothing to decode.
    pub(crate) async fn call_no_content<E, F>(
        settings: CallSettings,
        call: F,
    ) -> Result<Response<()>, Error>
    where
        E: fmt::Debug,
        F: Future<Output = Result<ResponseValue<()>, progenitor_client::Error<E>>>,
    {
        match Self::capture(settings, call).await {
            (_, Some(Recorded::Answer(answer)), attempts) => {
                into_result(answer, |_| Ok(()), attempts)
            }
            (_, Some(Recorded::Refused(error)), _) => Err(error),
            (result, None, attempts) => Self::without_exchange(result, attempts),
        }
    }

    /// Runs a generated call with a slot for its settings and for what its hook records.
    async fn capture<T, E, F>(
        settings: CallSettings,
        call: F,
    ) -> (
        Result<ResponseValue<T>, progenitor_client::Error<E>>,
        Option<Recorded>,
        u32,
    )
    where
        F: Future<Output = Result<ResponseValue<T>, progenitor_client::Error<E>>>,
    {
        let state = CallState {
            settings,
            recorded: None,
            attempts: 0,
        };
        CALL.scope(RefCell::new(state), async move {
            let result = call.await;
            let (recorded, attempts) = CALL.with(|slot| {
                let mut state = slot.borrow_mut();
                (state.recorded.take(), state.attempts)
            });
            (result, recorded, attempts)
        })
        .await
    }

    /// The outcome of a call whose hook recorded no answer: it failed before any.
    fn without_exchange<T, E: fmt::Debug>(
        result: Result<ResponseValue<T>, progenitor_client::Error<E>>,
        attempts: u32,
    ) -> Result<Response<T>, Error> {
        match result {
            Ok(value) => {
                let metadata = ResponseMetadata::new(
                    value.status(),
                    value.headers().clone(),
                    Bytes::new(),
                    attempts,
                );
                Ok(Response::new(value.into_inner(), metadata))
            }
            Err(
                progenitor_client::Error::CommunicationError(source)
                | progenitor_client::Error::ResponseBodyError(source),
            ) => Err(Error::from_reqwest(source, attempts)),
            Err(other) => Err(Error::invalid(excerpt(other.to_string().as_bytes()))),
        }
    }
}

/// Why progenitor could not decode a success body, without the body itself (its `Display`
/// prints the whole payload): the error keeps the raw body, and shows an excerpt of it.
fn describe_decode_failure<E: fmt::Debug>(error: &progenitor_client::Error<E>) -> String {
    match error {
        progenitor_client::Error::InvalidResponsePayload(_, source) => source.to_string(),
        progenitor_client::Error::UnexpectedResponse(response) => format!(
            "status {} is not one the API description lists for this call",
            response.status()
        ),
        other => excerpt(other.to_string().as_bytes()),
    }
}

/// The outcome of an answer: an API error by status (207 included, as the Python SDK raises
/// it), a decode error, or the body decoded by `decode` (called for a success only) with its
/// metadata.
fn into_result<T>(
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

const USER_AGENT_VALUE: &str = concat!("imagekitio-rust/", env!("CARGO_PKG_VERSION"));

impl progenitor_client::ClientHooks<Transport> for crate::api::Client {
    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let transport = self.inner();
        // Outside `Transport::call` (a user calling `ik.api()` directly) there is no slot:
        // the client's own settings apply, and nobody waits for the exchange.
        let settings = CALL
            .try_with(|slot| slot.borrow().settings)
            .unwrap_or_else(|_| transport.defaults());
        let (result, attempts) = crate::telemetry::instrument(
            info.operation_id,
            transport.execute(self.client(), request, &settings, info.operation_id),
        )
        .await;
        let (status, headers, body) = match result {
            Ok(answer) => {
                let rebuilt = (
                    answer.status,
                    answer.headers.clone(),
                    reqwest::Body::from(answer.raw.clone()),
                );
                record(Recorded::Answer(answer), attempts);
                rebuilt
            }
            Err(Failure::Http(error)) => {
                record_attempts(attempts);
                return Err(error);
            }
            Err(Failure::Refused(error)) => {
                // progenitor needs an answer; one whose body fails to read makes its call
                // fail too (with this reason) when a user calls `ik.api()` directly.
                let reason = io::Error::other(error.to_string());
                let status = error.status().unwrap_or(StatusCode::BAD_GATEWAY);
                record(Recorded::Refused(error.with_attempts(attempts)), attempts);
                let failing = futures::stream::once(async move { Err::<Bytes, _>(reason) });
                (
                    status,
                    HeaderMap::new(),
                    reqwest::Body::wrap_stream(failing),
                )
            }
        };
        let mut rebuilt = http::Response::new(body);
        *rebuilt.status_mut() = status;
        *rebuilt.headers_mut() = headers;
        Ok(reqwest::Response::from(rebuilt))
    }
}

/// Hands what the hook got to the call waiting for it, if any.
fn record(recorded: Recorded, attempts: u32) {
    let _ = CALL.try_with(|slot| {
        let mut state = slot.borrow_mut();
        state.recorded = Some(recorded);
        state.attempts = attempts;
    });
}

fn record_attempts(attempts: u32) {
    let _ = CALL.try_with(|slot| slot.borrow_mut().attempts = attempts);
}
