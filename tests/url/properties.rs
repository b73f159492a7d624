//! Arbitrary strings and option combinations never panic, and every URL built parses.

use imagekitio::{ImageKit, Transformation, TransformationPosition, UrlOptions};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Text mixing URL delimiters, percent signs, spaces and non-ASCII with ordinary characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_./-]{0,24}",
        "[ -~]{0,24}",
        "[/?#&=%:@ a-zé中\u{1F600}\\\\]{0,16}",
        any::<String>(),
    ]
}

fn endpoint() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("https://ik.imagekit.io/demo".to_owned()),
        Just("http://127.0.0.1:8080/a b/".to_owned()),
        Just("HTTPS://Example.COM//x//".to_owned()),
        text().prop_map(|t| format!("https://{t}")),
        text(),
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        text().prop_map(Value::String),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(Value::from),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Null),
    ]
}

fn overlay() -> impl Strategy<Value = Value> {
    (
        prop_oneof![
            Just("text"),
            Just("image"),
            Just("video"),
            Just("subtitle"),
            Just("solidColor")
        ],
        text(),
        prop_oneof![Just("auto"), Just("plain"), Just("base64")],
        scalar(),
        scalar(),
    )
        .prop_map(|(kind, input, encoding, x, start)| {
            let field = match kind {
                "text" => "text",
                "solidColor" => "color",
                _ => "input",
            };
            let mut layer = Map::new();
            layer.insert("type".into(), kind.into());
            layer.insert(field.into(), input.into());
            if kind != "solidColor" {
                layer.insert("encoding".into(), encoding.into());
            }
            layer.insert("position".into(), serde_json::json!({ "x": x }));
            layer.insert("timing".into(), serde_json::json!({ "start": start }));
            Value::Object(layer)
        })
}

fn step() -> impl Strategy<Value = Value> {
    let name = prop_oneof![
        Just("width".to_owned()),
        Just("raw".to_owned()),
        Just("defaultImage".to_owned()),
        Just("grayscale".to_owned()),
        Just("sharpen".to_owned()),
        Just("effect_sharpen".to_owned()),
        Just("trim".to_owned()),
        Just("streaming_resolutions".to_owned()),
        text(),
    ];
    let value = prop_oneof![
        scalar(),
        prop::collection::vec(scalar(), 0..3).prop_map(Value::Array),
    ];
    (
        prop::collection::vec((name, value), 0..4),
        prop::option::of(overlay()),
    )
        .prop_map(|(pairs, layer)| {
            let mut step: Map<String, Value> = pairs.into_iter().collect();
            if let Some(layer) = layer {
                step.insert("overlay".into(), layer);
            }
            Value::Object(step)
        })
}

fn transformation() -> impl Strategy<Value = Option<Transformation>> {
    prop_oneof![
        Just(None),
        text().prop_map(|t| Some(Transformation::from_rendered(t))),
        prop::collection::vec(step(), 0..3)
            .prop_map(|steps| serde_json::from_value(Value::Array(steps)).ok()),
    ]
}

fn options() -> impl Strategy<Value = UrlOptions> {
    let target = prop_oneof![
        text().prop_map(UrlOptions::path),
        text().prop_map(UrlOptions::src),
        text().prop_map(|t| UrlOptions::src(format!("https://ik.imagekit.io/demo/{t}"))),
        text().prop_map(|t| UrlOptions::src(format!("http://{t}"))),
    ];
    (
        target,
        prop::option::of(endpoint()),
        transformation(),
        any::<bool>(),
        prop::collection::vec((text(), text()), 0..3),
        prop::option::of(any::<bool>()),
        prop::option::of(0u64..5_000_000_000),
        prop::option::of(0u64..5_000_000_000),
    )
        .prop_map(|(mut o, endpoint, t, query, params, signed, seconds, at)| {
            if let Some(endpoint) = endpoint {
                o = o.url_endpoint(endpoint);
            }
            if let Some(t) = t {
                o = o.transformation(t);
            }
            if query {
                o = o.transformation_position(TransformationPosition::Query);
            }
            o = o.query_parameters(params);
            if let Some(signed) = signed {
                o = o.signed(signed);
            }
            if let Some(seconds) = seconds {
                o = o.expire_seconds(seconds);
            }
            if let Some(at) = at {
                o = o.expire_at(at);
            }
            o
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn every_url_built_parses(options in options()) {
        thread_local! {
            static IK: ImageKit = ImageKit::new("public", "private", "https://ik.imagekit.io/demo")
                .expect("client");
        }
        if let Ok(url) = IK.with(|ik| ik.url(&options)) {
            prop_assert!(reqwest::Url::parse(&url).is_ok(), "{url} does not parse");
            prop_assert!(url.starts_with("http://") || url.starts_with("https://"), "{url}");
        }
    }

    #[test]
    fn arbitrary_steps_never_panic(steps in prop::collection::vec(step(), 0..4)) {
        let _ = serde_json::from_value::<Transformation>(Value::Array(steps));
    }
}
