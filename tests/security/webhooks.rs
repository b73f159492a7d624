//! Webhook verification with deliveries signed here, as ImageKit signs them, and tampered ones.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use http::HeaderMap;
use imagekitio::{
    Error,
    webhooks::{Event, Verifier, WebhookError},
};
use sha2::Sha256;

const SECRET: &str = "whsec_c2VjcmV0Cg==";
const SENT_AT: u64 = 1_750_000_000;

const FILE_CREATED: &str = r#"{"id":"evt_1","type":"file.created","created_at":"2025-06-15T15:06:40Z","data":{"fileId":"f1","name":"a.jpg","filePath":"/a.jpg","url":"https://ik.imagekit.io/demo/a.jpg","fileType":"image","size":123,"tags":null,"AITags":null,"versionInfo":{"id":"v1","name":"Version 1"}}}"#;

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

fn hmac(secret: &str, parts: &[&[u8]]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().to_vec()
}

fn standard_signature(secret: &str, id: &str, timestamp: u64, body: &str) -> String {
    let signed = hmac(
        secret,
        &[
            id.as_bytes(),
            b".",
            timestamp.to_string().as_bytes(),
            b".",
            body.as_bytes(),
        ],
    );
    format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(signed)
    )
}

fn standard_headers(id: &str, timestamp: u64, signature: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("webhook-id", id.parse().expect("header"));
    headers.insert(
        "webhook-timestamp",
        timestamp.to_string().parse().expect("header"),
    );
    headers.insert("webhook-signature", signature.parse().expect("header"));
    headers
}

fn signed(body: &str) -> HeaderMap {
    standard_headers(
        "msg_1",
        SENT_AT,
        &standard_signature(SECRET, "msg_1", SENT_AT, body),
    )
}

fn legacy_headers(secret: &str, timestamp: u64, body: &str) -> HeaderMap {
    let signed = hmac(
        secret,
        &[timestamp.to_string().as_bytes(), b".", body.as_bytes()],
    );
    let hex: String = signed.iter().map(|b| format!("{b:02x}")).collect();
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-ik-signature",
        format!("t={timestamp},v1={hex}").parse().expect("header"),
    );
    headers
}

fn refusal(result: Result<Event, Error>) -> WebhookError {
    match result {
        Err(Error::Webhook(e)) => e,
        other => panic!("expected a webhook refusal, got {other:?}"),
    }
}

#[test]
fn standard_signature_is_accepted_and_the_event_typed() {
    let event = Verifier::new(SECRET)
        .unwrap()
        .verify_at(
            &signed(FILE_CREATED),
            FILE_CREATED.as_bytes(),
            at(SENT_AT + 10),
        )
        .expect("valid delivery");
    let Event::FileCreated(created) = event else {
        panic!("expected file.created, got {event:?}");
    };
    assert_eq!(created.data.file_id.as_deref(), Some("f1"));
    assert_eq!(created.data.size, Some(123));
    assert!(created.data.other.contains_key("versionInfo"));
}

#[test]
fn tampered_body_is_refused() {
    let tampered = FILE_CREATED.replace("a.jpg", "b.jpg");
    let result = Verifier::new(SECRET).unwrap().verify_at(
        &signed(FILE_CREATED),
        tampered.as_bytes(),
        at(SENT_AT),
    );
    assert!(matches!(refusal(result), WebhookError::SignatureMismatch));
}

#[test]
fn tampered_id_is_refused() {
    let mut headers = signed(FILE_CREATED);
    headers.insert("webhook-id", "msg_2".parse().expect("header"));
    let result =
        Verifier::new(SECRET)
            .unwrap()
            .verify_at(&headers, FILE_CREATED.as_bytes(), at(SENT_AT));
    assert!(matches!(refusal(result), WebhookError::SignatureMismatch));
}

#[test]
fn wrong_secret_is_refused() {
    let result = Verifier::new("whsec_other").unwrap().verify_at(
        &signed(FILE_CREATED),
        FILE_CREATED.as_bytes(),
        at(SENT_AT),
    );
    assert!(matches!(refusal(result), WebhookError::SignatureMismatch));
}

#[test]
fn any_matching_signature_among_several_is_accepted() {
    let good = standard_signature(SECRET, "msg_1", SENT_AT, FILE_CREATED);
    let rotated_out = standard_signature("whsec_old", "msg_1", SENT_AT, FILE_CREATED);
    let header = format!("v1a,ignored {rotated_out} v1,!!notbase64 {good}");
    let headers = standard_headers("msg_1", SENT_AT, &header);
    let result =
        Verifier::new(SECRET)
            .unwrap()
            .verify_at(&headers, FILE_CREATED.as_bytes(), at(SENT_AT));
    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn several_signatures_none_matching_are_refused() {
    let a = standard_signature("whsec_a", "msg_1", SENT_AT, FILE_CREATED);
    let b = standard_signature("whsec_b", "msg_1", SENT_AT, FILE_CREATED);
    let headers = standard_headers("msg_1", SENT_AT, &format!("{a} {b}"));
    let result =
        Verifier::new(SECRET)
            .unwrap()
            .verify_at(&headers, FILE_CREATED.as_bytes(), at(SENT_AT));
    assert!(matches!(refusal(result), WebhookError::SignatureMismatch));
}

#[test]
fn delivery_older_than_five_minutes_is_refused() {
    let result = Verifier::new(SECRET).unwrap().verify_at(
        &signed(FILE_CREATED),
        FILE_CREATED.as_bytes(),
        at(SENT_AT + 301),
    );
    assert!(matches!(refusal(result), WebhookError::TooOld { .. }));
}

#[test]
fn delivery_dated_in_the_future_is_refused() {
    let result = Verifier::new(SECRET).unwrap().verify_at(
        &signed(FILE_CREATED),
        FILE_CREATED.as_bytes(),
        at(SENT_AT - 301),
    );
    assert!(matches!(refusal(result), WebhookError::TooNew { .. }));
}

/// Found by `fuzz/` (webhook_verifier): adding such a timestamp to the epoch overflowed
/// `SystemTime` and panicked, once the signature had matched.
#[test]
fn signed_timestamp_beyond_what_system_time_holds_is_refused_as_too_new() {
    let sent = u64::MAX;
    let headers = standard_headers(
        "msg_1",
        sent,
        &standard_signature(SECRET, "msg_1", sent, FILE_CREATED),
    );
    let result =
        Verifier::new(SECRET)
            .unwrap()
            .verify_at(&headers, FILE_CREATED.as_bytes(), at(SENT_AT));
    assert!(matches!(refusal(result), WebhookError::TooNew { .. }));
}

#[test]
fn tolerance_wide_enough_accepts_a_timestamp_beyond_what_system_time_holds() {
    let sent = u64::MAX;
    let headers = standard_headers(
        "msg_1",
        sent,
        &standard_signature(SECRET, "msg_1", sent, FILE_CREATED),
    );
    let result = Verifier::new(SECRET)
        .unwrap()
        .tolerance(Duration::MAX)
        .verify_at(&headers, FILE_CREATED.as_bytes(), at(SENT_AT));
    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn tolerance_is_configurable() {
    let verifier = Verifier::new(SECRET)
        .unwrap()
        .tolerance(Duration::from_secs(3600));
    let result = verifier.verify_at(
        &signed(FILE_CREATED),
        FILE_CREATED.as_bytes(),
        at(SENT_AT + 1800),
    );
    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn missing_headers_are_named() {
    let mut headers = signed(FILE_CREATED);
    headers.remove("webhook-timestamp");
    let result =
        Verifier::new(SECRET)
            .unwrap()
            .verify_at(&headers, FILE_CREATED.as_bytes(), at(SENT_AT));
    assert!(matches!(
        refusal(result),
        WebhookError::MissingHeader("webhook-timestamp")
    ));
}

#[test]
fn legacy_signature_with_millisecond_timestamp_is_accepted() {
    let sent_ms = SENT_AT * 1000 + 250;
    let headers = legacy_headers(SECRET, sent_ms, FILE_CREATED);
    let result =
        Verifier::new(SECRET)
            .unwrap()
            .verify_at(&headers, FILE_CREATED.as_bytes(), at(SENT_AT));
    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn legacy_signature_with_second_timestamp_is_accepted() {
    let headers = legacy_headers(SECRET, SENT_AT, FILE_CREATED);
    let result =
        Verifier::new(SECRET)
            .unwrap()
            .verify_at(&headers, FILE_CREATED.as_bytes(), at(SENT_AT));
    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn tampered_legacy_delivery_is_refused() {
    let headers = legacy_headers(SECRET, SENT_AT, FILE_CREATED);
    let tampered = FILE_CREATED.replace("f1", "f2");
    let result =
        Verifier::new(SECRET)
            .unwrap()
            .verify_at(&headers, tampered.as_bytes(), at(SENT_AT));
    assert!(matches!(refusal(result), WebhookError::SignatureMismatch));
}

#[test]
fn expired_legacy_delivery_is_refused() {
    let headers = legacy_headers(SECRET, SENT_AT * 1000, FILE_CREATED);
    let result = Verifier::new(SECRET).unwrap().verify_at(
        &headers,
        FILE_CREATED.as_bytes(),
        at(SENT_AT + 600),
    );
    assert!(matches!(refusal(result), WebhookError::TooOld { .. }));
}

#[test]
fn every_documented_event_type_is_typed() {
    let bodies = [
        (
            "video.transformation.accepted",
            r#"{"asset":{"url":"https://x/a.mp4"},"transformation":{"type":"video-transformation","options":{"format":"mp4"}}}"#,
            r#","request":{"x_request_id":"r","url":"https://x/tr:f-mp4/a.mp4"}"#,
        ),
        (
            "video.transformation.ready",
            r#"{"asset":{"url":"https://x/a.mp4"},"transformation":{"type":"video-transformation","output":{"url":"https://x/o.mp4","video_metadata":{"duration":1.5,"width":640,"height":360,"bitrate":800000}}}}"#,
            r#","request":{"x_request_id":"r","url":"https://x/a.mp4"},"timings":{"download_duration":10,"encoding_duration":20}"#,
        ),
        (
            "video.transformation.error",
            r#"{"asset":{"url":"https://x/a.mp4"},"transformation":{"type":"gif-to-video","error":{"reason":"download_failed"}}}"#,
            r#","request":{"x_request_id":"r","url":"https://x/a.mp4","user_agent":"ua"}"#,
        ),
        (
            "upload.pre-transform.success",
            r#"{"fileId":"f","name":"a.jpg","url":"https://x/a.jpg","AITags":null}"#,
            r#","request":{"x_request_id":"r","transformation":"w-100"}"#,
        ),
        (
            "upload.pre-transform.error",
            r#"{"name":"a.jpg","path":"/a.jpg","transformation":{"error":{"reason":"encoding_failed"}}}"#,
            r#","request":{"x_request_id":"r","transformation":"w-100"}"#,
        ),
        (
            "upload.post-transform.success",
            r#"{"fileId":"f","url":"https://x/tr:w-100/a.jpg","name":"a.jpg"}"#,
            r#","request":{"x_request_id":"r","transformation":{"type":"transformation","value":"w-100"}}"#,
        ),
        (
            "upload.post-transform.error",
            r#"{"fileId":"f","url":"https://x/a.m3u8","name":"a.mp4","path":"/a.mp4","transformation":{"error":{"reason":"encoding_failed"}}}"#,
            r#","request":{"x_request_id":"r","transformation":{"type":"abs","value":"sr-240_360","protocol":"hls"}}"#,
        ),
        ("file.created", r#"{"fileId":"f","name":"a.jpg"}"#, ""),
        ("file.updated", r#"{"fileId":"f","tags":["x"]}"#, ""),
        ("file.deleted", r#"{"fileId":"f"}"#, ""),
        (
            "file-version.created",
            r#"{"fileId":"f","type":"file-version"}"#,
            "",
        ),
        (
            "file-version.deleted",
            r#"{"fileId":"f","versionId":"v"}"#,
            "",
        ),
    ];
    for (kind, data, extra) in bodies {
        let body = format!(
            r#"{{"id":"evt","type":"{kind}","created_at":"2025-01-01T00:00:00Z","data":{data}{extra}}}"#
        );
        let event = Verifier::new(SECRET)
            .unwrap()
            .verify_at(&signed(&body), body.as_bytes(), at(SENT_AT))
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert!(!matches!(event, Event::Unknown(_)), "{kind} was not typed");
        assert_eq!(event.kind(), kind);
        assert_eq!(event.id(), Some("evt"));
    }
}

#[test]
fn unknown_event_type_keeps_its_json() {
    let body = r#"{"id":"evt_9","type":"asset.teleported","data":{"where":"mars"}}"#;
    let event = Verifier::new(SECRET)
        .unwrap()
        .verify_at(&signed(body), body.as_bytes(), at(SENT_AT))
        .expect("valid delivery");
    let Event::Unknown(json) = &event else {
        panic!("expected Unknown, got {event:?}");
    };
    assert_eq!(json["data"]["where"], "mars");
    assert_eq!(event.kind(), "asset.teleported");
}

#[test]
fn signed_body_that_is_not_json_is_refused_as_payload() {
    let body = "not json";
    let result =
        Verifier::new(SECRET)
            .unwrap()
            .verify_at(&signed(body), body.as_bytes(), at(SENT_AT));
    assert!(matches!(refusal(result), WebhookError::Payload(_)));
}

mod signer {
    use super::*;
    use imagekitio::webhooks::Signer;

    fn signed_by_signer(body: &str) -> HeaderMap {
        Signer::new(SECRET)
            .unwrap()
            .sign("msg_1", SENT_AT, body.as_bytes())
    }

    #[test]
    fn signer_writes_the_standard_webhooks_signature_of_the_spec() {
        let headers = signed_by_signer(FILE_CREATED);
        assert_eq!(headers["webhook-id"], "msg_1");
        assert_eq!(headers["webhook-timestamp"], SENT_AT.to_string().as_str());
        assert_eq!(
            headers["webhook-signature"],
            standard_signature(SECRET, "msg_1", SENT_AT, FILE_CREATED).as_str()
        );
    }

    #[test]
    fn signed_delivery_round_trips_through_the_verifier() {
        let event = Verifier::new(SECRET)
            .unwrap()
            .verify_at(
                &signed_by_signer(FILE_CREATED),
                FILE_CREATED.as_bytes(),
                at(SENT_AT + 1),
            )
            .expect("valid delivery");
        assert_eq!(event.kind(), "file.created");
        assert_eq!(event.id(), Some("evt_1"));
    }

    #[test]
    fn body_altered_after_signing_is_refused() {
        let tampered = FILE_CREATED.replace("a.jpg", "b.jpg");
        let result = Verifier::new(SECRET).unwrap().verify_at(
            &signed_by_signer(FILE_CREATED),
            tampered.as_bytes(),
            at(SENT_AT),
        );
        assert!(matches!(refusal(result), WebhookError::SignatureMismatch));
    }

    #[test]
    fn delivery_signed_with_another_secret_is_refused() {
        let headers =
            Signer::new("whsec_other")
                .unwrap()
                .sign("msg_1", SENT_AT, FILE_CREATED.as_bytes());
        let result = Verifier::new(SECRET).unwrap().verify_at(
            &headers,
            FILE_CREATED.as_bytes(),
            at(SENT_AT),
        );
        assert!(matches!(refusal(result), WebhookError::SignatureMismatch));
    }

    #[test]
    fn delivery_signed_longer_ago_than_the_tolerance_is_refused() {
        let verifier = Verifier::new(SECRET)
            .unwrap()
            .tolerance(Duration::from_secs(60));
        let result = verifier.verify_at(
            &signed_by_signer(FILE_CREATED),
            FILE_CREATED.as_bytes(),
            at(SENT_AT + 61),
        );
        assert!(matches!(refusal(result), WebhookError::TooOld { .. }));
    }

    #[test]
    fn signer_debug_does_not_show_the_secret() {
        let shown = format!("{:?}", Signer::new(SECRET).unwrap());
        assert!(!shown.contains("c2VjcmV0"), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
    }

    #[test]
    fn signer_refuses_a_blank_secret_as_the_verifier_does() {
        assert!(matches!(Signer::new(" \t"), Err(Error::InvalidInput(_))));
    }

    #[test]
    fn message_id_a_header_cannot_carry_is_sent_percent_encoded_and_still_verifies() {
        let signer = Signer::new(SECRET).unwrap();
        let verifier = Verifier::new(SECRET).unwrap();
        let at = UNIX_EPOCH + Duration::from_secs(SENT_AT);
        for (id, sent) in [
            (" msg_1", "%20msg_1"),
            ("msg_1\n", "msg_1%0A"),
            ("msg_é", "msg_%C3%A9"),
            ("é 50%", "%C3%A9 50%25"),
        ] {
            let headers = signer.sign(id, SENT_AT, FILE_CREATED.as_bytes());
            assert_eq!(headers["webhook-id"], sent, "{id:?}");
            let verified = verifier.verify_at(&headers, FILE_CREATED.as_bytes(), at);
            assert!(verified.is_ok(), "{id:?}: {verified:?}");
        }
    }
}

/// `examples/webhook_axum.rs`, whose router is tested here as a service would test its own.
#[path = "../../examples/webhook_axum.rs"]
mod webhook_axum;

mod axum_handler {
    use super::*;
    use imagekitio::webhooks::Signer;

    fn now() -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("clock after 1970")
            .as_secs()
    }

    async fn endpoint() -> std::net::SocketAddr {
        let verifier = Verifier::new(SECRET).unwrap();
        webhook_axum::start(webhook_axum::router(verifier))
            .await
            .expect("a loopback port")
    }

    #[tokio::test]
    async fn signed_delivery_is_verified_dispatched_and_answered_2xx() {
        let headers = Signer::new(SECRET)
            .unwrap()
            .sign("msg_1", now(), FILE_CREATED.as_bytes());
        let (status, answer) =
            webhook_axum::deliver(endpoint().await, headers, FILE_CREATED.into())
                .await
                .expect("an answer");
        assert!(status.is_success(), "{status}: {answer}");
        assert_eq!(answer, "file /a.jpg changed");
    }

    #[tokio::test]
    async fn forged_delivery_is_answered_400() {
        let headers = Signer::new("whsec_not_the_endpoint_secret").unwrap().sign(
            "msg_1",
            now(),
            FILE_CREATED.as_bytes(),
        );
        let (status, answer) =
            webhook_axum::deliver(endpoint().await, headers, FILE_CREATED.into())
                .await
                .expect("an answer");
        assert_eq!(status, 400, "{answer}");
    }

    #[tokio::test]
    async fn unsigned_delivery_is_answered_400() {
        let (status, answer) =
            webhook_axum::deliver(endpoint().await, HeaderMap::new(), FILE_CREATED.into())
                .await
                .expect("an answer");
        assert_eq!(status, 400, "{answer}");
    }

    #[test]
    fn example_posts_itself_a_signed_delivery_that_is_accepted() {
        webhook_axum::main().expect("the example's delivery accepted");
    }
}
