//! Hostile input, through the public API only: transformation values cannot move the path,
//! signatures cover exactly what is emitted, endpoints carry no user info, and an empty webhook
//! secret is refused.

use imagekitio::{
    Error, ImageKit, Transformation, TransformationPosition, UrlOptions, transform,
    webhooks::Verifier,
};
use serde_json::json;

use crate::ik;

// --- Transformation values ----------------------------------------------------------------

fn refused(options: &UrlOptions) -> String {
    match ik().url(options) {
        Err(Error::InvalidInput(message)) => message,
        other => panic!("{options:?} gave {other:?}"),
    }
}

fn steps(steps: serde_json::Value) -> Result<Transformation, serde_json::Error> {
    serde_json::from_value(steps)
}

#[test]
fn a_list_of_steps_value_cannot_leave_the_transformation_segment() {
    for value in [
        "300/../../other_account",
        "300/evil",
        "300?x",
        "300#x",
        "300&x=1",
        "300\\x",
    ] {
        let error = steps(json!([{"width": value}])).unwrap_err().to_string();
        assert!(error.contains("width"), "{value}: {error}");
        let error = steps(json!([{"raw": format!("w-{value}")}])).unwrap_err();
        assert!(error.to_string().contains("cannot contain"), "{error}");
    }
    let from_url_options: Result<UrlOptions, _> = serde_json::from_value(json!({
        "path": "/private/a.jpg",
        "transformation": [{"width": "300/../../other_account"}]
    }));
    assert!(from_url_options.is_err());
}

#[test]
fn an_overlay_input_cannot_leave_the_transformation_segment() {
    for layer in [
        json!({"type": "solidColor", "color": "FF0000/../.."}),
        json!({"type": "image", "input": "/logo.png?x", "encoding": "plain"}),
        json!({"type": "text", "text": "a/b", "encoding": "plain", "position": {"x": "1/.."}}),
    ] {
        let result = steps(json!([{"width": 300}, {"overlay": layer}]));
        assert!(result.is_err(), "{layer} gave {result:?}");
    }
    // Text is encoded, so a slash in it is data, not a path separator.
    let caption =
        steps(json!([{"overlay": {"type": "text", "text": "1/2 price", "encoding": "plain"}}]));
    assert_eq!(caption.unwrap().as_str(), "l-text,i-1%2F2%20price,l-end");
}

#[test]
fn runtime_transform_and_the_builder_refuse_such_values() {
    let w = "300/../../other_account";
    assert!(matches!(transform!(width = w), Err(Error::InvalidInput(_))));
    let built = Transformation::builder().raw("w-300/evil").build();
    assert!(matches!(built, Err(Error::InvalidInput(_))), "{built:?}");
}

#[test]
fn text_given_as_rendered_is_refused_where_the_url_is_built() {
    for rendered in ["w-300/../../other_account", "w-300?x", "w-300&x=1"] {
        for position in [TransformationPosition::Path, TransformationPosition::Query] {
            let options = UrlOptions::path("/private/a.jpg")
                .transformation(Transformation::from_rendered(rendered))
                .transformation_position(position);
            assert!(refused(&options).contains("cannot contain"), "{rendered}");
        }
    }
}

// --- Signatures -------------------------------------------------------------------------------

#[test]
fn an_empty_path_with_a_query_and_a_path_do_not_share_a_signature() {
    let sign = |path: &str| {
        ik().url(&UrlOptions::path(path).expire_at(1_900_000_000))
            .unwrap()
    };
    let (query, path) = (sign("/?private/secret.jpg"), sign("/private/secret.jpg"));
    let signature = |url: &str| url.rsplit_once("ik-s=").unwrap().1.to_owned();
    assert_ne!(signature(&query), signature(&path), "{query} {path}");
    assert!(
        query.starts_with("https://ik.imagekit.io/demo/?private/secret.jpg&ik-t="),
        "{query}"
    );
}

#[test]
fn a_signed_url_refuses_a_callers_ik_t_or_ik_s() {
    let cases = [
        UrlOptions::path("/a.jpg").query_parameter("ik-t", "9999999999"),
        UrlOptions::path("/a.jpg").query_parameter("IK-S", "forged"),
        UrlOptions::path("/a.jpg?ik-t=9999999999"),
        UrlOptions::path("/a.jpg?v=1&ik%2Ds=forged"),
        UrlOptions::src("https://ik.imagekit.io/demo/a.jpg?ik-t=1"),
    ];
    for options in cases {
        assert!(refused(&options.expire_seconds(300)).contains("ik-t and ik-s"));
    }
    // Unsigned, they are the caller's business.
    let unsigned = ik()
        .url(&UrlOptions::path("/a.jpg").query_parameter("ik-t", "1"))
        .unwrap();
    assert_eq!(unsigned, "https://ik.imagekit.io/demo/a.jpg?ik-t=1");
}

// --- Endpoints with user info -----------------------------------------------------------------

#[test]
fn endpoints_with_user_info_are_refused_when_the_client_is_built() {
    for endpoint in [
        "https://user:pass@ik.imagekit.io/demo",
        "https://ik.imagekit.io@evil.example/demo",
    ] {
        let built = ImageKit::new("public_key", "private_key", endpoint);
        assert!(
            matches!(built, Err(Error::InvalidInput(_))),
            "{endpoint}: {built:?}"
        );
        let api = ImageKit::builder()
            .private_key("k")
            .api_base_url(endpoint)
            .build();
        assert!(matches!(api, Err(Error::InvalidInput(_))), "{endpoint}");
        let upload = ImageKit::builder()
            .private_key("k")
            .upload_base_url(endpoint)
            .build();
        assert!(matches!(upload, Err(Error::InvalidInput(_))), "{endpoint}");
    }
}

#[test]
fn endpoints_and_sources_with_user_info_are_refused_per_call() {
    let endpoint = "https://ik.imagekit.io@evil.example/demo";
    assert!(refused(&UrlOptions::path("/a.jpg").url_endpoint(endpoint)).contains('@'));
    assert!(
        refused(&UrlOptions::src(
            "https://ik.imagekit.io@evil.example/demo/a.jpg"
        ))
        .contains('@')
    );
}

// --- Webhook secret ---------------------------------------------------------------------------

#[test]
fn an_empty_or_blank_webhook_secret_is_refused() {
    for secret in ["", " ", "\t\n"] {
        assert!(
            matches!(Verifier::new(secret), Err(Error::InvalidInput(_))),
            "{secret:?}"
        );
    }
}
