//! Rendering transformations from the list-of-steps form: names, values and layers.

use imagekitio::Transformation;
use serde_json::{Value, json};

fn render(steps: Value) -> String {
    serde_json::from_value::<Transformation>(steps)
        .expect("steps deserialize")
        .to_string()
}

fn refusal(steps: Value) -> String {
    serde_json::from_value::<Transformation>(steps)
        .expect_err("steps refused")
        .to_string()
}

#[test]
fn camel_case_names_render_like_snake_case() {
    assert_eq!(
        render(json!([{"aspectRatio": "4-3", "cropMode": "extract", "aiRemoveBackground": true}])),
        render(
            json!([{"aspect_ratio": "4-3", "crop_mode": "extract", "ai_remove_background": true}])
        )
    );
}

#[test]
fn keys_render_in_the_callers_order() {
    assert_eq!(render(json!([{"width": 1, "height": 2}])), "w-1,h-2");
    assert_eq!(render(json!([{"height": 2, "width": 1}])), "h-2,w-1");
}

#[test]
fn seed_names_keep_their_seed_meaning() {
    assert_eq!(
        render(
            json!([{"effect_sharpen": "-", "effect_gray": "true", "effectUSM": "2-2-0.8-0.024"}])
        ),
        "e-sharpen,e-grayscale-true,e-usm-2-2-0.8-0.024"
    );
}

#[test]
fn seed_overlay_names_render_their_parameters() {
    assert_eq!(
        render(
            json!([{"overlay_image": "/logos/a.png", "overlay_x": 10, "overlayTextFontSize": 20}])
        ),
        "oi-logos@@a.png,ox-10,ots-20"
    );
}

#[test]
fn null_steps_and_empty_steps_leave_no_delimiter() {
    assert_eq!(
        render(json!([null, {"width": 1}, {}, {"rotation": 90}])),
        "w-1:rt-90"
    );
}

#[test]
fn a_string_is_taken_as_already_rendered() {
    assert_eq!(render(json!("w-300:rt-90")), "w-300:rt-90");
}

#[test]
fn serializing_gives_the_rendered_text_back() {
    let t: Transformation = serde_json::from_value(json!([{"width": 300}])).expect("steps");
    let round_trip: Transformation =
        serde_json::from_value(serde_json::to_value(&t).expect("serialize")).expect("string");
    assert_eq!(round_trip, t);
}

#[test]
fn layer_position_and_timing_render_in_the_vocabularys_order() {
    let steps = json!([{"overlay": {
        "type": "image",
        "input": "logo.png",
        "timing": {"duration": 2, "start": 1.0},
        "position": {"anchorPoint": "top", "focus": "center", "yCenter": 5, "xCenter": 4},
        "layerMode": "multiply"
    }}]);
    assert_eq!(
        render(steps),
        "l-image,i-logo.png,lm-multiply,lxc-4,lyc-5,lfo-center,lap-top,lso-1,ldu-2,l-end"
    );
}

#[test]
fn zero_positions_are_skipped_as_the_sdks_do() {
    let steps = json!([{"overlay": {"type": "text", "text": "Hi", "position": {"x": 0, "y": 10}}}]);
    assert_eq!(render(steps), "l-text,i-Hi,ly-10,l-end");
}

#[test]
fn plain_text_is_uri_encoded_and_other_text_base64() {
    let plain = json!([{"overlay": {"type": "text", "text": "Hi there!", "encoding": "plain"}}]);
    assert_eq!(render(plain), "l-text,i-Hi%20there!,l-end");
    let auto = json!([{"overlay": {"type": "text", "text": "Hi there!"}}]);
    assert_eq!(render(auto), "l-text,ie-SGkgdGhlcmUh,l-end");
}

#[test]
fn nested_layers_render_inside_their_parent() {
    let steps = json!([{"overlay": {
        "type": "solid_color",
        "color": "FF0000",
        "transformation": [{"width": 100, "overlay": {"type": "subtitles", "input": "/s.srt"}}]
    }}]);
    assert_eq!(
        render(steps),
        "l-image,i-ik_canvas,bg-FF0000,w-100,l-subtitles,i-s.srt,l-end,l-end"
    );
}

#[test]
fn unknown_layer_type_is_refused_with_the_known_ones() {
    let message = refusal(json!([{"overlay": {"type": "sticker", "input": "a.png"}}]));
    assert!(
        message.contains("sticker") && message.contains("solidColor"),
        "{message}"
    );
}

#[test]
fn layer_input_in_the_wrong_field_is_refused() {
    let message = refusal(json!([{"overlay": {"type": "text", "input": "Hi"}}]));
    assert!(message.contains("takes `text`"), "{message}");
}

#[test]
fn unknown_position_key_is_refused_with_the_known_ones() {
    let message =
        refusal(json!([{"overlay": {"type": "text", "text": "a", "position": {"z": 1}}}]));
    assert!(message.contains("anchor_point"), "{message}");
}

#[test]
fn only_overlay_takes_an_object() {
    let message = refusal(json!([{"width": {"px": 3}}]));
    assert!(message.contains("only `overlay`"), "{message}");
}
