//! The fuzz targets' properties (`tests/properties/checks.rs`, `fuzz/`) with proptest's
//! inputs, so that CI checks them on every run; `cargo fuzz` explores them much further.

#[path = "properties/checks.rs"]
mod checks;

use checks::{Scalar, UrlInput, WebhookInput};
use imagekitio::ImageKit;
use proptest::prelude::*;

/// Text mixing URL delimiters, percent signs, spaces and non-ASCII with ordinary characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9_./-]{0,16}",
        "[/?#&=%:@ a-zé中\u{1F600}\\\\-]{0,12}",
        any::<String>(),
    ]
}

fn scalar() -> impl Strategy<Value = Scalar> {
    prop_oneof![
        text().prop_map(Scalar::Text),
        any::<i64>().prop_map(Scalar::Integer),
        any::<f64>().prop_map(Scalar::Number),
        any::<bool>().prop_map(Scalar::Flag),
        Just(Scalar::Null),
        (
            prop::sample::select(vec!["text", "image", "video", "subtitle", "solidColor"]),
            text(),
            prop::sample::select(vec!["auto", "plain", "base64"]),
        )
            .prop_map(|(kind, input, encoding)| Scalar::Layer {
                kind: kind.to_owned(),
                input,
                encoding: encoding.to_owned(),
            }),
    ]
}

/// Step names from the vocabulary, mixed with arbitrary ones.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "width",
            "height",
            "crop",
            "quality",
            "rotation",
            "raw",
            "overlay",
            "named",
            "blur",
            "focus",
            "radius",
            "background",
            "effect_sharpen",
            "aspect_ratio",
        ])
        .prop_map(str::to_owned),
        text(),
    ]
}

/// Query parameter names, the signature's own among them.
fn query_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec!["ik-t", "ik-s", "IK-S", "ik%2Dt", "v"]).prop_map(str::to_owned),
        text(),
    ]
}

/// Paths made of segments a URL parser may resolve (`.`, `..`, `%2e`) and ordinary ones.
fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        text(),
        prop::collection::vec(
            prop::sample::select(vec!["..", ".", "%2e%2E", ".%2e", "a.jpg", "..b", "", "x"]),
            1..5,
        )
        .prop_map(|segments| segments.join("/")),
        (text(), query_name()).prop_map(|(path, name)| format!("{path}?{name}=1")),
    ]
}

fn url_input() -> impl Strategy<Value = UrlInput> {
    (
        (
            path(),
            any::<bool>(),
            prop::option::of(text().prop_map(|t| format!("https://{t}"))),
        ),
        prop::collection::vec(prop::collection::vec((name(), scalar()), 0..3), 0..3),
        (prop::option::of(text()), any::<bool>()),
        prop::collection::vec((query_name(), text()), 0..2),
        (
            any::<bool>(),
            prop::option::of(0u64..5_000_000_000),
            prop::option::of(any::<u64>()),
        ),
    )
        .prop_map(
            |(
                (target, absolute, endpoint),
                steps,
                (rendered, in_query),
                query,
                (signed, expire_seconds, expire_at),
            )| {
                UrlInput {
                    target,
                    absolute,
                    endpoint,
                    steps,
                    rendered,
                    in_query,
                    query,
                    signed,
                    expire_seconds,
                    expire_at,
                }
            },
        )
}

fn event_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..64),
        (text(), prop::sample::select(vec!["file.deleted", "file.created", "video.transformation.ready", "new.kind"]))
            .prop_map(|(id, kind)| {
                serde_json::json!({"id": id, "type": kind, "created_at": "2026-01-01T00:00:00Z", "data": {"fileId": id}})
                    .to_string()
                    .into_bytes()
            }),
    ]
}

fn webhook_input() -> impl Strategy<Value = WebhookInput> {
    (
        prop::collection::vec(any::<u8>(), 0..40),
        event_body(),
        text(),
        prop::collection::vec(
            (
                prop::sample::select(vec![
                    "webhook-id",
                    "webhook-timestamp",
                    "webhook-signature",
                    "x-ik-signature",
                    "x-other",
                ])
                .prop_map(str::to_owned),
                text(),
            ),
            0..4,
        ),
        (any::<usize>(), any::<u8>()),
        any::<bool>(),
    )
        .prop_map(|(secret, body, id, headers, flip, legacy)| WebhookInput {
            secret,
            body,
            id,
            headers,
            flip,
            legacy,
        })
}

/// JSON shaped like ImageKit's answers, with wrong types, unknown values and extra fields.
fn response_json() -> impl Strategy<Value = Vec<u8>> {
    let leaf = prop_oneof![
        text().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<bool>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::Null),
    ];
    let key = prop::sample::select(vec![
        "fileId",
        "name",
        "type",
        "fileType",
        "tags",
        "url",
        "size",
        "width",
        "createdAt",
        "versionInfo",
        "customMetadata",
        "jobId",
        "status",
        "requestId",
        "errors",
        "message",
    ])
    .prop_map(str::to_owned);
    let value = leaf.prop_recursive(3, 24, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..5)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    });
    value.prop_map(|v| v.to_string().into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_url_builder_never_panics_and_what_it_builds_parses_and_is_signed_when_asked(input in url_input()) {
        thread_local! {
            static IK: ImageKit = ImageKit::new("public_key", "private_key", "https://ik.imagekit.io/demo")
                .expect("a client");
        }
        IK.with(|ik| checks::check_url_builder(ik, input));
    }

    #[test]
    fn two_different_signed_urls_never_share_a_signature_for_one_expiry(
        a in "[/?a.=&]{0,5}",
        b in "[/?a.=&]{0,5}",
    ) {
        thread_local! {
            static IK: ImageKit = ImageKit::new("public_key", "private_key", "https://ik.imagekit.io/demo")
                .expect("a client");
        }
        IK.with(|ik| checks::check_signatures_differ(ik, &a, &b));
    }

    #[test]
    fn the_webhook_verifier_accepts_its_own_signatures_and_refuses_any_altered_byte(input in webhook_input()) {
        checks::check_webhook_verifier(&input);
    }

    #[test]
    fn decoding_arbitrary_bytes_as_any_response_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        checks::check_response_decoding(&bytes);
    }

    #[test]
    fn decoding_response_shaped_json_never_panics(bytes in response_json()) {
        checks::check_response_decoding(&bytes);
    }
}
