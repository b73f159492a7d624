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
    header::{HeaderMap, HeaderValue, AUTHORIZATION, USER_AGENT},
    StatusCode,
};

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

    /// Authentication, identification and the default timeout, on any outgoing request.
    pub(crate) fn prepare(&self, request: &mut reqwest::Request) {
        let headers = request.headers_mut();
        headers.insert(AUTHORIZATION, self.authorization.clone());
        headers.insert(USER_AGENT, self.user_agent.clone());
        // progenitor sends the spec's version; ImageKit does not use it.
        headers.remove("api-version");
        if request.timeout().is_none() {
            *request.timeout_mut() = Some(self.timeout);
        }
    }

    /// Runs a generated call, returning the typed body with its exchange, or an [`Error`].
    pub(crate) async fn call<T, E, F>(call: F) -> Result<Response<T>, Error>
    where
        E: fmt::Debug,
        F: Future<Output = Result<ResponseValue<T>, progenitor_client::Error<E>>>,
    {
        let (result, exchange) = EXCHANGE
            .scope(RefCell::new(None), async move {
                let result = call.await;
                (result, EXCHANGE.with(|slot| slot.take()))
            })
            .await;
        match (result, exchange) {
            (_, Some(ex)) if ex.status == StatusCode::MULTI_STATUS || !ex.status.is_success() => {
                Err(Error::from_response(ex.status, ex.headers, ex.body))
            }
            (Ok(value), Some(ex)) => Ok(Response::new(
                value.into_inner(),
                ResponseMetadata::new(ex.status, ex.headers, ex.body),
            )),
            (Ok(value), None) => {
                let metadata =
                    ResponseMetadata::new(value.status(), value.headers().clone(), Bytes::new());
                Ok(Response::new(value.into_inner(), metadata))
            }
            (Err(e), Some(ex)) => Err(Error::Decode(Box::new(DecodeError::new(
                ex.status,
                ex.headers,
                ex.body,
                e.to_string(),
            )))),
            (Err(e), None) => Err(match e {
                progenitor_client::Error::CommunicationError(source)
                | progenitor_client::Error::ResponseBodyError(source) => {
                    Error::from_reqwest(source)
                }
                other => Error::invalid(other.to_string()),
            }),
        }
    }
}

const USER_AGENT_VALUE: &str = concat!("imagekitio-rust/", env!("CARGO_PKG_VERSION"));

impl progenitor_client::ClientHooks<Transport> for crate::api::Client {
    async fn exec(
        &self,
        mut request: reqwest::Request,
        _info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        self.inner().prepare(&mut request);
        let response = self.client().execute(request).await?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await?;
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
