//! The generated client's `exec` hook, and the task-local slot through which it hands each
//! exchange to the call waiting on it.

use std::{cell::RefCell, fmt, future::Future, io};

use bytes::Bytes;
use progenitor_client::{ClientInfo, OperationInfo, ResponseValue};
use reqwest::{StatusCode, header::HeaderMap};

use super::{CallSettings, Failure, Transport, engine::into_result};
use crate::{
    client::ImageKit,
    error::{Error, excerpt},
    response::{Response, ResponseMetadata},
    retry::Repeat,
};

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

impl ImageKit {
    /// Runs a generated call under this handle's settings, returning the typed body with its
    /// exchange, or an [`Error`]: `self.call(self.api().get_file_details().file_id(id).send())`.
    pub(crate) async fn call<T, E, F>(&self, call: F) -> Result<Response<T>, Error>
    where
        E: fmt::Debug,
        F: Future<Output = Result<ResponseValue<T>, progenitor_client::Error<E>>>,
    {
        match capture(self.settings().clone(), call).await {
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
            (result, None, attempts) => without_exchange(result, attempts),
        }
    }

    /// Runs a generated call of an operation that answers no body. Any success status other
    /// than 207 is the outcome, also one the spec does not declare (a `200 {}` where it says
    /// `204`): the operation succeeded, and there is nothing to decode.
    pub(crate) async fn call_no_content<E, F>(&self, call: F) -> Result<Response<()>, Error>
    where
        E: fmt::Debug,
        F: Future<Output = Result<ResponseValue<()>, progenitor_client::Error<E>>>,
    {
        match capture(self.settings().clone(), call).await {
            (_, Some(Recorded::Answer(answer)), attempts) => {
                into_result(answer, |_| Ok(()), attempts)
            }
            (_, Some(Recorded::Refused(error)), _) => Err(error),
            (result, None, attempts) => without_exchange(result, attempts),
        }
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

impl progenitor_client::ClientHooks<Transport> for crate::api::Client {
    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let transport = self.inner();
        // Outside `ImageKit::call` (a user calling `ik.api()` directly) there is no slot:
        // the client's own settings apply, and nobody waits for the exchange.
        let settings = CALL
            .try_with(|slot| slot.borrow().settings.clone())
            .unwrap_or_else(|_| transport.defaults().clone());
        let (result, attempts) = crate::telemetry::instrument(
            info.operation_id,
            transport.execute(
                self.client(),
                request,
                &settings,
                Repeat::of_operation(info.operation_id),
            ),
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
