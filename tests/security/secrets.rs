//! The private key stays secret: no `Debug` or `Display` of a public type, no error, and no
//! line of `tracing` output (the `tracing` feature) contains it or the `Authorization` header.

use std::time::Duration;

use base64::Engine as _;
use imagekitio::{
    Error, ImageKit, ImageKitBuilder, Transformation, UploadOptions, UrlOptions, webhooks,
};
use serde_json::json;
use wiremock::{Mock, MockServer, ResponseTemplate, matchers::any};

use crate::common;

const KEY: &str = "private_Tz8vQm2LxR5nWp9aKc3Yd7Hs1Ug=";

/// Every form in which the key could leak: as given, and as the Basic credentials sent.
fn leaks(text: &str) -> Vec<&'static str> {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{KEY}:"));
    let basic: &'static str = Box::leak(basic.into_boxed_str());
    [KEY, basic, "private_Tz8vQm2LxR5nWp9aKc3Yd7Hs1Ug"]
        .into_iter()
        .filter(|secret| text.contains(secret))
        .collect()
}

fn assert_secret(what: &str, text: &str) {
    assert!(
        leaks(text).is_empty(),
        "{what} contains the private key: {text}"
    );
}

fn builder(server: &MockServer) -> ImageKitBuilder {
    ImageKit::builder()
        .public_key("public_key_demo")
        .private_key(KEY)
        .url_endpoint("https://ik.imagekit.io/demo")
        .api_base_url(server.uri())
        .upload_base_url(server.uri())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(2))
}

/// The errors of a client after retries, timeouts and every kind of answer.
async fn errors(server: &MockServer) -> Vec<Error> {
    let ik = builder(server).build().unwrap();
    let impatient = builder(server)
        .timeout(Duration::from_millis(50))
        .build()
        .unwrap();
    let unreachable = ImageKit::builder()
        .private_key(KEY)
        .api_base_url(common::closed_port_url())
        .max_retries(0)
        .build()
        .unwrap();
    vec![
        ik.get_file_details("unauthorized").await.unwrap_err(),
        ik.get_file_details("overloaded").await.unwrap_err(),
        impatient.get_file_details("slow").await.unwrap_err(),
        unreachable.get_file_details("any").await.unwrap_err(),
        ik.upload_file(b"GIF89a".as_slice(), "a.gif", UploadOptions::new())
            .await
            .unwrap_err(),
        ik.url(&UrlOptions::path("")).unwrap_err(),
        webhooks::Verifier::new("whsec_demo")
            .unwrap()
            .verify(&Default::default(), b"{}")
            .unwrap_err(),
    ]
}

async fn misbehaving_server() -> MockServer {
    let server = MockServer::start().await;
    let answers = [
        (
            "unauthorized",
            ResponseTemplate::new(401)
                .set_body_json(json!({"message": "Your request contains invalid API keys."})),
        ),
        (
            "overloaded",
            ResponseTemplate::new(503).set_body_raw("<html>busy</html>", "text/html"),
        ),
        (
            "slow",
            ResponseTemplate::new(200).set_delay(Duration::from_secs(2)),
        ),
        (
            "upload",
            ResponseTemplate::new(400).set_body_json(json!({"message": "Invalid file"})),
        ),
    ];
    for (fragment, answer) in answers {
        Mock::given(wiremock::matchers::path_regex(fragment))
            .respond_with(answer)
            .mount(&server)
            .await;
    }
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn no_error_shows_the_private_key_in_debug_or_display() {
    let server = misbehaving_server().await;

    let errors = errors(&server).await;

    assert!(
        matches!(errors[0], Error::Unauthorized(_)),
        "{:?}",
        errors[0]
    );
    assert!(
        matches!(errors[1], Error::InternalServer(_)),
        "{:?}",
        errors[1]
    );
    assert!(
        matches!(errors[2], Error::Timeout { .. }),
        "{:?}",
        errors[2]
    );
    assert!(
        matches!(errors[3], Error::Transport { .. }),
        "{:?}",
        errors[3]
    );
    assert!(matches!(errors[4], Error::BadRequest(_)), "{:?}", errors[4]);
    for error in &errors {
        assert_secret("an error's Display", &error.to_string());
        assert_secret("an error's Debug", &format!("{error:?}"));
        let mut source = std::error::Error::source(error);
        while let Some(inner) = source {
            assert_secret("an error's source", &format!("{inner} {inner:?}"));
            source = inner.source();
        }
    }
}

#[tokio::test]
async fn no_public_type_shows_the_private_key_in_debug() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"fileId": "abc"})))
        .mount(&server)
        .await;
    let builder = builder(&server);
    let ik = builder.clone().build().unwrap();
    let auth = ik.get_authentication_parameters(Some("token-1"), Some(1_900_000_000));
    let options = UploadOptions::new()
        .authentication(auth.clone())
        .public_key("public_key_demo");
    let answer = ik.get_file_details("abc").await.unwrap();

    let outputs = [
        format!("{builder:?}"),
        format!("{ik:?}"),
        format!("{:?}", ik.with_timeout(Duration::from_secs(1))),
        format!("{:?}", ik.with_max_retries(0)),
        format!("{auth:?}"),
        format!("{options:?}"),
        format!("{answer:?}"),
        format!("{:?}", answer.metadata()),
        format!("{:?}", UrlOptions::path("/a.jpg").signed(true)),
        format!("{:?}", Transformation::from_static("w-100")),
    ];
    for output in &outputs {
        assert_secret("a Debug output", output);
    }
    assert!(outputs[1].contains("<redacted>"), "{}", outputs[1]);
}

#[test]
fn a_webhook_verifier_does_not_show_its_secret() {
    let verifier = webhooks::Verifier::new("whsec_Tz8vQm2LxR5nWp9aKc3Yd7Hs1Ug");
    let shown = format!("{verifier:?}");
    assert!(!shown.contains("Tz8vQm2LxR5nWp9aKc3Yd7Hs1Ug"), "{shown}");
}

#[cfg(feature = "tracing")]
mod tracing_output {
    use std::sync::{Arc, Mutex};

    use tracing_subscriber::util::SubscriberInitExt as _;

    use super::*;

    /// Everything written by a subscriber recording every level, every target.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Captured {
        fn text(&self) -> String {
            String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
        }
    }

    #[tokio::test]
    async fn request_logs_name_operation_attempt_status_and_duration_but_never_a_secret() {
        let server = misbehaving_server().await;
        let captured = Captured::default();
        let writer = captured.clone();
        // Global, not scoped to this thread: tracing caches per call site whether anyone
        // listens, and the other tests of this binary run on other threads at the same time.
        // Their output lands here too, and must be as free of secrets.
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || writer.clone())
            .finish()
            .try_init()
            .expect("the only subscriber of this test binary");

        let errors = errors(&server).await;
        assert_eq!(errors.len(), 7);

        let logs = captured.text();
        assert_secret("the tracing output", &logs);
        assert!(
            !logs.to_ascii_lowercase().contains("authorization"),
            "{logs}"
        );
        assert!(logs.contains("imagekit.request"), "{logs}");
        assert!(logs.contains("operation=\"get_file_details\""), "{logs}");
        assert!(logs.contains("operation=\"upload_file\""), "{logs}");
        assert!(
            logs.contains("attempt=3"),
            "the 503 was retried twice: {logs}"
        );
        assert!(logs.contains("status=\"503\""), "{logs}");
        assert!(logs.contains("status=\"no answer\""), "the timeout: {logs}");
        assert!(logs.contains("duration_ms="), "{logs}");
        assert!(logs.contains("retry_in_ms="), "{logs}");
    }
}

#[test]
fn keys_given_the_wrong_way_round_are_refused_without_showing_either() {
    let public = "public_Qm2LxR5nWp9aKc3Yd7Hs1Ug=";
    let swapped = ImageKit::new(KEY, public, "https://ik.imagekit.io/demo").unwrap_err();
    let message = swapped.to_string();
    assert!(matches!(swapped, Error::InvalidInput(_)));
    assert!(message.contains("swapped"), "{message}");
    assert_secret("the swapped-keys error", &message);
    assert!(!message.contains(public), "{message}");
    // Keys of another shape are taken as they are.
    assert!(ImageKit::new("my_public", "my_private", "https://ik.imagekit.io/demo").is_ok());
}
