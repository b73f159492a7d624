//! The bridge between the generated client and [`Response`]/[`Error`].
//!
//! The generated client builds every request from the spec; its `exec` hook runs here. The hook
//! adds authentication and defaults, retries what is worth retrying (see `retry.rs`), reads
//! the whole body once, and records status, headers, raw bytes and the number of attempts for
//! the current call, so that every outcome keeps the exchange: progenitor's own
//! `ResponseValue` has no raw body, and its errors lose the status of a non-JSON answer.

use std::{cell::RefCell, fmt, future::Future, time::Duration};

use bytes::Bytes;
use progenitor_client::{ClientInfo, OperationInfo, ResponseValue};
use reqwest::{
    StatusCode,
    header::{AUTHORIZATION, HeaderMap, HeaderValue, USER_AGENT},
};
use serde::de::DeserializeOwned;

use crate::{
    error::{DecodeError, Error},
    response::{Response, ResponseMetadata},
    retry::{self, Outcome, Repeat, RetryPolicy},
};

/// Per-client settings the generated client carries into its hooks.
#[derive(Clone)]
pub(crate) struct Transport {
    authorization: HeaderValue,
    user_agent: HeaderValue,
    defaults: CallSettings,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("defaults", &self.defaults)
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

/// What the server answered.
pub(crate) struct Exchange {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

/// The slot a waiting call shares with the hook that runs its request.
struct CallState {
    settings: CallSettings,
    exchange: Option<Exchange>,
    attempts: u32,
}

tokio::task_local! {
    static CALL: RefCell<CallState>;
}

impl Transport {
    pub(crate) fn new(authorization: HeaderValue, defaults: CallSettings) -> Self {
        Self {
            authorization,
            user_agent: HeaderValue::from_static(USER_AGENT_VALUE),
            defaults,
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

    /// Sends a request once and reads the whole answer.
    pub(crate) async fn execute_once(
        &self,
        http: &reqwest::Client,
        mut request: reqwest::Request,
        credentials: Credentials,
        timeout: Duration,
    ) -> reqwest::Result<Exchange> {
        self.prepare(&mut request, credentials, timeout);
        let response = http.execute(request).await?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await?;
        Ok(Exchange {
            status,
            headers,
            body,
        })
    }

    /// Sends a request of a generated call, again as long as `settings` and the operation allow.
    async fn execute(
        &self,
        http: &reqwest::Client,
        request: reqwest::Request,
        settings: &CallSettings,
        operation: &'static str,
    ) -> (reqwest::Result<Exchange>, u32) {
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
                Ok(exchange) => exchange.outcome(),
                Err(error) => Outcome::of_error(error),
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
        let exchange = self
            .execute_once(http, request, credentials, timeout)
            .await
            .map_err(|e| Error::from_reqwest(e, attempt))?;
        let decoded = serde_json::from_slice(&exchange.body).map_err(|e| e.to_string());
        exchange.into_result(decoded, attempt)
    }

    /// Runs a generated call under `settings`, returning the typed body with its exchange, or
    /// an [`Error`].
    pub(crate) async fn call<T, E, F>(settings: CallSettings, call: F) -> Result<Response<T>, Error>
    where
        E: fmt::Debug,
        F: Future<Output = Result<ResponseValue<T>, progenitor_client::Error<E>>>,
    {
        match Self::capture(settings, call).await {
            (result, Some(exchange), attempts) => exchange.into_result(
                result
                    .map(ResponseValue::into_inner)
                    .map_err(|e| e.to_string()),
                attempts,
            ),
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
            (_, Some(exchange), attempts) => exchange.into_result(Ok(()), attempts),
            (result, None, attempts) => Self::without_exchange(result, attempts),
        }
    }

    /// Runs a generated call with a slot for its settings and for what its hook records.
    async fn capture<T, E, F>(
        settings: CallSettings,
        call: F,
    ) -> (
        Result<ResponseValue<T>, progenitor_client::Error<E>>,
        Option<Exchange>,
        u32,
    )
    where
        F: Future<Output = Result<ResponseValue<T>, progenitor_client::Error<E>>>,
    {
        let state = CallState {
            settings,
            exchange: None,
            attempts: 0,
        };
        CALL.scope(RefCell::new(state), async move {
            let result = call.await;
            let (exchange, attempts) = CALL.with(|slot| {
                let mut state = slot.borrow_mut();
                (state.exchange.take(), state.attempts)
            });
            (result, exchange, attempts)
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
            Err(other) => Err(Error::invalid(other.to_string())),
        }
    }
}

impl Exchange {
    /// What retrying makes of this answer.
    pub(crate) fn outcome(&self) -> Outcome<'_> {
        Outcome::Answered {
            status: self.status,
            headers: &self.headers,
        }
    }

    /// The outcome of an answer: an API error by status (207 included, as the Python SDK
    /// raises it), a decode error, or the decoded body with its metadata.
    fn into_result<T>(
        self,
        decoded: Result<T, String>,
        attempts: u32,
    ) -> Result<Response<T>, Error> {
        let Exchange {
            status,
            headers,
            body,
        } = self;
        if status == StatusCode::MULTI_STATUS || !status.is_success() {
            return Err(Error::from_response(status, headers, body, attempts));
        }
        match decoded {
            Ok(value) => Ok(Response::new(
                value,
                ResponseMetadata::new(status, headers, body, attempts),
            )),
            Err(reason) => Err(Error::Decode(Box::new(DecodeError::new(
                status, headers, body, reason, attempts,
            )))),
        }
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
        let recorded = result.as_ref().ok().map(|exchange| Exchange {
            status: exchange.status,
            headers: exchange.headers.clone(),
            body: exchange.body.clone(),
        });
        let _ = CALL.try_with(|slot| {
            let mut state = slot.borrow_mut();
            state.exchange = recorded;
            state.attempts = attempts;
        });
        let Exchange {
            status,
            headers,
            body,
        } = result?;
        let mut rebuilt = http::Response::new(body);
        *rebuilt.status_mut() = status;
        *rebuilt.headers_mut() = headers;
        Ok(reqwest::Response::from(rebuilt))
    }
}
