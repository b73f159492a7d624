//! The bridge between the generated client and [`Response`]/[`Error`].
//!
//! The generated client builds every request from the spec; its `exec` hook runs here. The hook
//! adds authentication and defaults, reads the whole body once, and records status, headers and
//! raw bytes for the current call, so that every outcome keeps the exchange: progenitor's own
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
};

/// Per-client settings the generated client carries into its hooks.
#[derive(Clone)]
pub(crate) struct Transport {
    authorization: HeaderValue,
    user_agent: HeaderValue,
    timeout: Duration,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
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

/// What the server answered, recorded by the hook for the call that is waiting on it.
struct Exchange {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

tokio::task_local! {
    static EXCHANGE: RefCell<Option<Exchange>>;
}

impl Transport {
    pub(crate) fn new(authorization: HeaderValue, timeout: Duration) -> Self {
        Self {
            authorization,
            user_agent: HeaderValue::from_static(USER_AGENT_VALUE),
            timeout,
        }
    }

    /// The timeout applied to requests that do not set their own.
    pub(crate) fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Authentication, identification and the default timeout, on any outgoing request.
    fn prepare(&self, request: &mut reqwest::Request, credentials: Credentials) {
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
            *request.timeout_mut() = Some(self.timeout);
        }
    }

    /// Sends a request and reads the whole answer.
    async fn execute(
        &self,
        http: &reqwest::Client,
        mut request: reqwest::Request,
        credentials: Credentials,
    ) -> reqwest::Result<Exchange> {
        self.prepare(&mut request, credentials);
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

    /// Sends a hand-built request (multipart uploads) with the same authentication, defaults
    /// and outcome mapping as the generated calls, decoding a success body as `T`.
    /// `credentials` says whether the private key authenticates it.
    pub(crate) async fn send<T: DeserializeOwned>(
        &self,
        http: &reqwest::Client,
        request: reqwest::Request,
        credentials: Credentials,
    ) -> Result<Response<T>, Error> {
        let exchange = self
            .execute(http, request, credentials)
            .await
            .map_err(Error::from_reqwest)?;
        let decoded = serde_json::from_slice(&exchange.body).map_err(|e| e.to_string());
        exchange.into_result(decoded)
    }

    /// Runs a generated call, returning the typed body with its exchange, or an [`Error`].
    pub(crate) async fn call<T, E, F>(call: F) -> Result<Response<T>, Error>
    where
        E: fmt::Debug,
        F: Future<Output = Result<ResponseValue<T>, progenitor_client::Error<E>>>,
    {
        match Self::capture(call).await {
            (result, Some(exchange)) => exchange.into_result(
                result
                    .map(ResponseValue::into_inner)
                    .map_err(|e| e.to_string()),
            ),
            (result, None) => Self::without_exchange(result),
        }
    }

    /// Runs a generated call of an operation that answers no body. Any success status other
    /// than 207 is the outcome, also one the spec does not declare (a `200 {}` where it says
    /// `204`): the operation succeeded, and there is nothing to decode.
    pub(crate) async fn call_no_content<E, F>(call: F) -> Result<Response<()>, Error>
    where
        E: fmt::Debug,
        F: Future<Output = Result<ResponseValue<()>, progenitor_client::Error<E>>>,
    {
        match Self::capture(call).await {
            (_, Some(exchange)) => exchange.into_result(Ok(())),
            (result, None) => Self::without_exchange(result),
        }
    }

    /// Runs a generated call with a slot for the exchange its hook records.
    async fn capture<T, E, F>(
        call: F,
    ) -> (
        Result<ResponseValue<T>, progenitor_client::Error<E>>,
        Option<Exchange>,
    )
    where
        F: Future<Output = Result<ResponseValue<T>, progenitor_client::Error<E>>>,
    {
        EXCHANGE
            .scope(RefCell::new(None), async move {
                let result = call.await;
                (result, EXCHANGE.with(|slot| slot.take()))
            })
            .await
    }

    /// The outcome of a call whose hook recorded nothing: it failed before any answer.
    fn without_exchange<T, E: fmt::Debug>(
        result: Result<ResponseValue<T>, progenitor_client::Error<E>>,
    ) -> Result<Response<T>, Error> {
        match result {
            Ok(value) => {
                let metadata =
                    ResponseMetadata::new(value.status(), value.headers().clone(), Bytes::new());
                Ok(Response::new(value.into_inner(), metadata))
            }
            Err(
                progenitor_client::Error::CommunicationError(source)
                | progenitor_client::Error::ResponseBodyError(source),
            ) => Err(Error::from_reqwest(source)),
            Err(other) => Err(Error::invalid(other.to_string())),
        }
    }
}

impl Exchange {
    /// The outcome of an answer: an API error by status (207 included, as the Python SDK
    /// raises it), a decode error, or the decoded body with its metadata.
    fn into_result<T>(self, decoded: Result<T, String>) -> Result<Response<T>, Error> {
        let Exchange {
            status,
            headers,
            body,
        } = self;
        if status == StatusCode::MULTI_STATUS || !status.is_success() {
            return Err(Error::from_response(status, headers, body));
        }
        match decoded {
            Ok(value) => Ok(Response::new(
                value,
                ResponseMetadata::new(status, headers, body),
            )),
            Err(reason) => Err(Error::Decode(Box::new(DecodeError::new(
                status, headers, body, reason,
            )))),
        }
    }
}

const USER_AGENT_VALUE: &str = concat!("imagekitio-rust/", env!("CARGO_PKG_VERSION"));

impl progenitor_client::ClientHooks<Transport> for crate::api::Client {
    async fn exec(
        &self,
        request: reqwest::Request,
        _info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let Exchange {
            status,
            headers,
            body,
        } = self
            .inner()
            .execute(self.client(), request, Credentials::PrivateKey)
            .await?;
        // Outside `Transport::call` (a user calling `ik.api()` directly) there is no slot.
        let _ = EXCHANGE.try_with(|slot| {
            slot.replace(Some(Exchange {
                status,
                headers: headers.clone(),
                body: body.clone(),
            }))
        });
        let mut rebuilt = http::Response::new(body);
        *rebuilt.status_mut() = status;
        *rebuilt.headers_mut() = headers;
        Ok(reqwest::Response::from(rebuilt))
    }
}
