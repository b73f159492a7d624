//! URL generation rules beyond the conformance vectors: one behaviour per test.

use imagekitio::{Error, ImageKit, Transformation, TransformationPosition, UrlOptions};
use serde_json::json;

const W300: Transformation = Transformation::from_static("w-300");

fn ik() -> ImageKit {
    ImageKit::new("public_key", "private_key", "https://ik.imagekit.io/demo").expect("client")
}

fn url(options: UrlOptions) -> String {
    ik().url(&options).expect("valid options")
}

fn error(options: UrlOptions) -> String {
    match ik().url(&options) {
        Err(Error::InvalidInput(message)) => message,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn options(value: serde_json::Value) -> UrlOptions {
    serde_json::from_value(value).expect("options deserialize")
}

#[test]
fn endpoint_trailing_slash_makes_no_difference() {
    let a = url(UrlOptions::path("/a.jpg").url_endpoint("https://ik.imagekit.io/demo/"));
    let b = url(UrlOptions::path("/a.jpg").url_endpoint("https://ik.imagekit.io/demo"));
    assert_eq!(a, b);
    assert_eq!(a, "https://ik.imagekit.io/demo/a.jpg");
}

#[test]
fn outer_and_repeated_slashes_in_the_path_collapse() {
    assert_eq!(
        url(UrlOptions::path("//folder///a.jpg/")),
        "https://ik.imagekit.io/demo/folder/a.jpg"
    );
}

#[test]
fn non_ascii_and_reserved_path_bytes_are_percent_encoded() {
    assert_eq!(
        url(UrlOptions::path("/héllo wörld/#1.jpg")),
        "https://ik.imagekit.io/demo/h%C3%A9llo%20w%C3%B6rld/%231.jpg"
    );
}

#[test]
fn already_encoded_path_is_not_encoded_twice() {
    assert_eq!(
        url(UrlOptions::path("/a%20b.jpg")),
        "https://ik.imagekit.io/demo/a%20b.jpg"
    );
}

#[test]
fn query_in_the_path_comes_before_query_parameters() {
    assert_eq!(
        url(UrlOptions::path("/a.jpg?x=1").query_parameter("y", "2")),
        "https://ik.imagekit.io/demo/a.jpg?x=1&y=2"
    );
}

#[test]
fn query_parameters_keep_the_callers_order() {
    let built = url(options(json!({
        "path": "/a.jpg",
        "query_parameters": {"z": "1", "a": 2, "m": true}
    })));
    assert_eq!(built, "https://ik.imagekit.io/demo/a.jpg?z=1&a=2&m=true");
}

#[test]
fn query_parameters_are_form_encoded() {
    assert_eq!(
        url(UrlOptions::path("/a.jpg").query_parameter("q", "a b&c")),
        "https://ik.imagekit.io/demo/a.jpg?q=a+b%26c"
    );
}

#[test]
fn transformation_goes_in_the_path_by_default() {
    assert_eq!(
        url(UrlOptions::path("/a.jpg").transformation(W300)),
        "https://ik.imagekit.io/demo/tr:w-300/a.jpg"
    );
}

#[test]
fn absolute_src_puts_the_transformation_in_the_query() {
    let built = url(UrlOptions::src("https://cdn.example.com/a.jpg")
        .transformation(W300)
        .transformation_position(TransformationPosition::Path));
    assert_eq!(built, "https://cdn.example.com/a.jpg?tr=w-300");
}

#[test]
fn spaces_ending_a_query_transformation_are_escaped_so_url_parsers_keep_them() {
    let text = Transformation::from_static("l-text,i-Hi there ,l-end ");
    let built = url(UrlOptions::path("/a.jpg")
        .transformation(text)
        .transformation_position(TransformationPosition::Query));
    assert_eq!(
        built,
        "https://ik.imagekit.io/demo/a.jpg?tr=l-text,i-Hi there ,l-end%20"
    );
    let parsed = ::url::Url::parse(&built).expect("parses");
    assert_eq!(parsed.query(), Some("tr=l-text,i-Hi%20there%20,l-end%20"));
}

#[test]
fn relative_src_acts_as_a_path() {
    assert_eq!(
        url(UrlOptions::src("folder/a.jpg").transformation(W300)),
        "https://ik.imagekit.io/demo/tr:w-300/folder/a.jpg"
    );
}

#[test]
fn per_call_endpoint_replaces_the_clients() {
    assert_eq!(
        url(UrlOptions::path("/a.jpg").url_endpoint("https://images.example.com/v2")),
        "https://images.example.com/v2/a.jpg"
    );
}

#[test]
fn endpoint_is_normalised_like_a_browser_would() {
    assert_eq!(
        url(UrlOptions::path("/a.jpg").url_endpoint("HTTPS://IK.ImageKit.io:443/Demo/")),
        "https://ik.imagekit.io/Demo/a.jpg"
    );
}

#[test]
fn empty_transformation_adds_no_tr() {
    assert_eq!(
        url(UrlOptions::path("/a.jpg").transformation(Transformation::default())),
        "https://ik.imagekit.io/demo/a.jpg"
    );
}

#[test]
fn neither_path_nor_src_is_an_error_naming_both() {
    let message = error(UrlOptions::default());
    assert!(
        message.contains("path") && message.contains("src"),
        "{message}"
    );
}

#[test]
fn endpoint_that_is_not_absolute_http_is_an_error() {
    for endpoint in [
        "ftp://ik.imagekit.io/demo",
        "ik.imagekit.io/demo",
        "https://",
    ] {
        let message = error(UrlOptions::path("/a.jpg").url_endpoint(endpoint));
        assert!(message.contains("URL endpoint"), "{endpoint}: {message}");
    }
}

/// Found by fuzzing: a host whose last label is a number is an IPv4 address to a URL parser,
/// so `cdn..2` cannot be used as it is; it must be refused, not written into a broken URL.
#[test]
fn endpoint_whose_host_is_neither_a_name_nor_an_address_is_an_error() {
    for endpoint in [
        "https://cdn..2",
        "https://5hatrn..2/demo",
        "https://a.b.99999999999",
    ] {
        let message = error(UrlOptions::path("/a.jpg").url_endpoint(endpoint));
        assert!(message.contains("URL endpoint"), "{endpoint}: {message}");
    }
}

#[test]
fn endpoint_that_is_an_ip_address_or_ends_in_digits_works() {
    assert_eq!(
        url(UrlOptions::path("/a.jpg").url_endpoint("http://127.0.0.1:8080/demo")),
        "http://127.0.0.1:8080/demo/a.jpg"
    );
    assert_eq!(
        url(UrlOptions::path("/a.jpg").url_endpoint("https://cdn2.example.com/demo")),
        "https://cdn2.example.com/demo/a.jpg"
    );
}

#[test]
fn endpoint_with_a_query_is_an_error() {
    let message = error(UrlOptions::path("/a.jpg").url_endpoint("https://ik.imagekit.io/demo?x=1"));
    assert!(message.contains("query"), "{message}");
}

#[test]
fn missing_endpoint_is_an_error_saying_where_to_set_one() {
    let ik = ImageKit::builder()
        .private_key("k")
        .build()
        .expect("client");
    match ik.url(&UrlOptions::path("/a.jpg")) {
        Err(Error::InvalidInput(message)) => assert!(message.contains("endpoint"), "{message}"),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn absolute_url_given_as_path_is_an_error() {
    let message = error(UrlOptions::path("https://ik.imagekit.io/demo/a.jpg"));
    assert!(message.contains("src"), "{message}");
}

#[test]
fn invalid_absolute_src_is_an_error() {
    let message = error(UrlOptions::src("https://exa mple.com/a.jpg"));
    assert!(message.contains("not a valid URL"), "{message}");
}

#[test]
fn expiry_alone_signs_the_url() {
    let built = url(UrlOptions::path("/a.jpg").expire_at(1_900_000_000));
    assert!(built.contains("?ik-t=1900000000&ik-s="), "{built}");
}

#[test]
fn signed_false_keeps_an_expiring_url_unsigned() {
    let built = url(UrlOptions::path("/a.jpg").expire_seconds(60).signed(false));
    assert_eq!(built, "https://ik.imagekit.io/demo/a.jpg");
}

#[test]
fn signed_url_without_expiry_has_no_ik_t() {
    let built = url(UrlOptions::path("/a.jpg").signed(true));
    assert!(
        built.contains("?ik-s=") && !built.contains("ik-t"),
        "{built}"
    );
}

#[test]
fn expire_seconds_counts_from_now() {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let built = url(UrlOptions::path("/a.jpg").expire_seconds(300));
    let expiry: u64 = built
        .split("ik-t=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .and_then(|t| t.parse().ok())
        .expect("ik-t present");
    assert!(
        (now + 300..=now + 302).contains(&expiry),
        "{expiry} vs {now}"
    );
}

#[test]
fn expire_seconds_and_expire_at_together_is_an_error() {
    let message = error(UrlOptions::path("/a.jpg").expire_seconds(1).expire_at(2));
    assert!(message.contains("not both"), "{message}");
}

#[test]
fn signed_absolute_src_under_the_endpoint_matches_the_path_form() {
    let from_src = url(UrlOptions::src("https://ik.imagekit.io/demo/a.jpg")
        .transformation(W300)
        .expire_at(1_900_000_000));
    let from_path = url(UrlOptions::path("/a.jpg")
        .transformation(W300)
        .transformation_position(TransformationPosition::Query)
        .expire_at(1_900_000_000));
    assert_eq!(from_src, from_path);
}

#[test]
fn signing_a_src_outside_the_endpoint_is_an_error() {
    let message = error(UrlOptions::src("https://other.example.com/a.jpg").signed(true));
    assert!(message.contains("under the URL endpoint"), "{message}");
}

#[test]
fn options_accept_camel_case_keys_and_expires_in() {
    let camel = options(json!({
        "path": "/a.jpg",
        "urlEndpoint": "https://ik.imagekit.io/other",
        "transformationPosition": "query",
        "transformation": [{"width": 300}],
        "queryParameters": {"v": "1"},
        "expiresIn": 0
    }));
    assert_eq!(
        url(camel),
        "https://ik.imagekit.io/other/a.jpg?v=1&tr=w-300"
    );
}

#[test]
fn unknown_option_keys_are_refused() {
    let result =
        serde_json::from_value::<UrlOptions>(json!({"path": "/a.jpg", "transfomation": []}));
    let message = result.expect_err("typo refused").to_string();
    assert!(message.contains("transfomation"), "{message}");
}

/// Found by `tests/properties.rs`: `../` was written as is, and a browser resolving it
/// fetched a URL outside the endpoint (`https://ik.imagekit.io/`, another account's files),
/// without the `tr:` segment, and not the one signed.
#[test]
fn dot_segments_in_the_path_are_refused_because_urls_resolve_them_away() {
    for path in [
        "../a.jpg",
        "/x/../../a.jpg",
        "a/./b.jpg",
        "%2e%2E/a.jpg",
        ".%2e/a.jpg",
        "a/.",
    ] {
        let message = error(UrlOptions::path(path).transformation(W300));
        assert!(message.contains("segment"), "{path}: {message}");
        assert!(!message.contains("  "), "{message}");
    }
    assert!(ik().url(&UrlOptions::src("../a.jpg")).is_err());
}

#[test]
fn dots_within_a_segment_are_kept() {
    assert_eq!(
        url(UrlOptions::path("/.well-known/a..b/...jpg?v=..")),
        "https://ik.imagekit.io/demo/.well-known/a..b/...jpg?v=.."
    );
}
