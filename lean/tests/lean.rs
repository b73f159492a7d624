//! What imagekitio does without its HTTP client: URLs, signing, upload authentication
//! parameters, pHash, webhooks and `transform!`, as a wasm32 or edge-function user gets them.

use imagekitio::{
    Error, ImageKit, Transformation, UrlOptions, phash_distance, transform,
    webhooks::{Event, Signer, Verifier},
};

fn client(private_key: &str, url_endpoint: &str) -> ImageKit {
    ImageKit::new("public_key", private_key, url_endpoint).expect("valid keys and endpoint")
}

#[test]
fn urls_are_built_with_transformations() {
    const THUMB: Transformation = transform!(width = 300, height = 300);
    let ik = client("private_key", "https://ik.imagekit.io/demo");
    let url = ik
        .url(&UrlOptions::path("/photos/cat.jpg").transformation(THUMB))
        .unwrap();
    assert_eq!(
        url,
        "https://ik.imagekit.io/demo/tr:w-300,h-300/photos/cat.jpg"
    );
}

#[test]
fn a_runtime_transform_is_checked_and_rendered() {
    let width = 640;
    let t = transform!(width = width, rotation = 90).unwrap();
    assert_eq!(t.as_str(), "w-640,rt-90");
}

#[test]
fn signed_urls_match_imagekits_python_sdk() {
    // Conformance vector python-v5.1.2-082.
    let ik = client("dummy-key", "https://ik.imagekit.io/demo/");
    let url = ik
        .url(&UrlOptions::src("sdk-testing-files/future-search.png").signed(true))
        .unwrap();
    assert_eq!(
        url,
        "https://ik.imagekit.io/demo/sdk-testing-files/future-search.png?ik-s=32dbbbfc5f945c0403c71b54c38e76896ef2d6b0"
    );
}

#[test]
fn upload_authentication_parameters_match_imagekits_python_sdk() {
    // Conformance vector auth-001.
    let ik = client("private_key_test", "https://ik.imagekit.io/demo");
    let auth = ik.get_authentication_parameters(Some("your_token"), Some(1_582_269_249));
    assert_eq!(auth.signature, "e71bcd6031016b060d349d212e23e85c791decdd");
    assert_eq!(ik.get_authentication_parameters(None, None).token.len(), 36);
}

#[test]
fn phash_distance_counts_differing_bits() {
    assert_eq!(
        phash_distance("f06830ca9f1e3e90", "f06830ca9f1e3e90").unwrap(),
        0
    );
    assert_eq!(
        phash_distance("0000000000000000", "000000000000000f").unwrap(),
        4
    );
    assert!(matches!(
        phash_distance("xyz", "0"),
        Err(Error::InvalidInput(_))
    ));
}

#[test]
fn webhooks_signed_by_the_signer_are_verified() {
    let body = br#"{"id":"evt_1","type":"file.deleted","created_at":"2025-06-15T15:06:40Z","data":{"fileId":"f1"}}"#;
    let sent_at = 1_750_000_000;
    let headers = Signer::new("whsec_test")
        .unwrap()
        .sign("msg_1", sent_at, body);
    let now = std::time::UNIX_EPOCH + std::time::Duration::from_secs(sent_at + 5);
    let event = Verifier::new("whsec_test")
        .unwrap()
        .verify_at(&headers, body, now)
        .unwrap();
    assert!(matches!(event, Event::FileDeleted(e) if e.data.file_id == "f1"));

    let forged: http::HeaderMap = Signer::new("whsec_other")
        .unwrap()
        .sign("msg_1", sent_at, body);
    assert!(
        Verifier::new("whsec_test")
            .unwrap()
            .verify_at(&forged, body, now)
            .is_err()
    );
}

#[test]
fn the_private_key_stays_out_of_debug() {
    let ik = client("private_secret_value", "https://ik.imagekit.io/demo");
    assert!(!format!("{ik:?}").contains("secret_value"));
}
