//! An axum endpoint for ImageKit's webhooks: each delivery is verified with
//! [`imagekitio::webhooks::Verifier`], then dispatched by event type; a delivery that fails
//! verification is answered 400 and not acted on.
//!
//! Runs offline: it serves on a free loopback port, posts itself one delivery signed with
//! [`imagekitio::webhooks::Signer`] as ImageKit would sign it, prints the answer and exits
//! (with an error if the delivery was not accepted).
//!
//! ```sh
//! cargo run --example webhook_axum
//! ```
//!
//! `tests/security/webhooks.rs` includes this file to post signed and forged deliveries to [`router`].

use std::{
    net::SocketAddr,
    time::{SystemTime, UNIX_EPOCH},
};

use axum::{
    Router,
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    routing::post,
};
use imagekitio::webhooks::{Event, Signer, Verifier};

/// Where the webhook endpoint is configured (ImageKit dashboard > Developer options > Webhooks).
pub const PATH: &str = "/webhooks/imagekit";

/// The webhook endpoint, checking deliveries with `verifier`.
pub fn router(verifier: Verifier) -> Router {
    Router::new()
        .route(PATH, post(receive))
        .with_state(verifier)
}

/// `body` arrives as raw bytes: the signature covers them exactly, so nothing may parse or
/// re-encode them before `verify`.
async fn receive(
    State(verifier): State<Verifier>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, String) {
    match verifier.verify(&headers, &body) {
        Ok(event) => (StatusCode::OK, dispatch(event)),
        Err(refused) => {
            // The reason goes to this service's log, not to whoever sent the request.
            eprintln!("webhook refused: {refused}");
            (StatusCode::BAD_REQUEST, "refused".to_owned())
        }
    }
}

/// What this service does for each event; here, it says what it would do.
fn dispatch(event: Event) -> String {
    match event {
        Event::VideoTransformationReady(ready) => match ready.data.transformation.output {
            Some(output) => format!("video ready at {}", output.url),
            None => format!("video of {} ready", ready.data.asset.url),
        },
        Event::VideoTransformationError(failed) => format!(
            "video of {} failed: {}",
            failed.data.asset.url,
            failed
                .data
                .transformation
                .error
                .map(|e| e.reason)
                .unwrap_or_default()
        ),
        Event::UploadPostTransformSuccess(done) => {
            format!(
                "{} has its post-transformation at {}",
                done.data.file_id, done.data.url
            )
        }
        Event::FileCreated(file) | Event::FileUpdated(file) => format!(
            "file {} changed",
            file.data
                .file_path
                .or(file.data.file_id)
                .unwrap_or_default()
        ),
        Event::FileDeleted(deleted) => format!("file {} deleted", deleted.data.file_id),
        // Still a 2xx: an event this service does not act on must not be retried by ImageKit.
        other => format!("ignored {}", other.kind()),
    }
}

/// Serves `router` on a free loopback port, in the background.
pub async fn start(router: Router) -> std::io::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            eprintln!("webhook server stopped: {e}");
        }
    });
    Ok(address)
}

/// Posts one delivery to the endpoint at `address`, as ImageKit does; the answer's status and
/// text.
pub async fn deliver(
    address: SocketAddr,
    headers: HeaderMap,
    body: Vec<u8>,
) -> Result<(StatusCode, String), reqwest::Error> {
    // This crate builds reqwest without a TLS provider; the client wants one even for http.
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    let answer = reqwest::Client::new()
        .post(format!("http://{address}{PATH}"))
        .headers(headers)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await?;
    let status = answer.status();
    Ok((status, answer.text().await?))
}

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // In a real service: the endpoint's secret, from the environment or a secret store.
    let secret = "whsec_example_secret";
    let address = start(router(Verifier::new(secret)?)).await?;

    let body = br#"{"id":"evt_1","type":"file.deleted","created_at":"2025-06-15T15:06:40Z","data":{"fileId":"598821f949c0a938d57563bd"}}"#;
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let headers = Signer::new(secret)?.sign("msg_example_1", now, body);
    let (status, answer) = deliver(address, headers, body.to_vec()).await?;
    println!("{status}: {answer}");
    if !status.is_success() {
        return Err(format!("the signed delivery was answered {status}").into());
    }
    Ok(())
}
