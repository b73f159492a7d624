//! `overlay(...)` in `transform!` renders exactly what the runtime renderer makes of the same
//! layer in the JSON form.

use imagekitio::{Transformation, transform};
use serde_json::json;

fn runtime(steps: serde_json::Value) -> String {
    serde_json::from_value::<Transformation>(steps)
        .map(|t| t.to_string())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn agree(made: Transformation, steps: serde_json::Value, expected: &str) {
    assert_eq!(made.as_str(), expected, "transform! for {steps}");
    assert_eq!(runtime(steps), expected, "runtime");
}

#[test]
fn text_layer_with_position_timing_and_nested_steps() {
    agree(
        transform!(width = 400, overlay(
            text = "Hi there",
            position(x = 10, y = 20, focus = "center"),
            timing(start = 2, duration = 5),
            transformation(font_size = 20, font_color = "FF0000"; rotation = 90),
        )),
        json!([{"width": 400, "overlay": {
            "type": "text", "text": "Hi there",
            "position": {"x": 10, "y": 20, "focus": "center"},
            "timing": {"start": 2, "duration": 5},
            "transformation": [{"font_size": 20, "font_color": "FF0000"}, {"rotation": 90}]
        }}]),
        "w-400,l-text,i-Hi%20there,lx-10,ly-20,lfo-center,lso-2,ldu-5,fs-20,co-FF0000:rt-90,l-end",
    );
}

#[test]
fn text_that_is_not_simple_is_base64() {
    agree(
        transform!(overlay(text = "Hi, there!")),
        json!([{"overlay": {"type": "text", "text": "Hi, there!"}}]),
        "l-text,ie-SGksIHRoZXJlIQ%3D%3D,l-end",
    );
    agree(
        transform!(overlay(text = "Hi there!", encoding = "plain")),
        json!([{"overlay": {"type": "text", "text": "Hi there!", "encoding": "plain"}}]),
        "l-text,i-Hi%20there!,l-end",
    );
}

#[test]
fn image_video_and_subtitle_layers() {
    agree(
        transform!(overlay(
            image = "/logos/a.png",
            layer_mode = "multiply",
            position(anchor_point = "top", x_center = 4),
            transformation(width = 100, quality = 80)
        )),
        json!([{"overlay": {"type": "image", "input": "/logos/a.png", "layer_mode": "multiply",
            "position": {"anchor_point": "top", "x_center": 4},
            "transformation": [{"width": 100, "quality": 80}]}}]),
        "l-image,i-logos@@a.png,lm-multiply,lxc-4,lap-top,w-100,q-80,l-end",
    );
    agree(
        transform!(overlay(
            video = "/clips/intro.mp4",
            timing(start = 0, end = 10.5)
        )),
        json!([{"overlay": {"type": "video", "input": "/clips/intro.mp4", "timing": {"start": 0, "end": 10.5}}}]),
        "l-video,i-clips@@intro.mp4,leo-10.5,l-end",
    );
    agree(
        transform!(overlay(
            subtitles = "/s.srt",
            transformation(font_size = 16, color = "FFFFFF")
        )),
        json!([{"overlay": {"type": "subtitles", "input": "/s.srt",
            "transformation": [{"font_size": 16, "color": "FFFFFF"}]}}]),
        "l-subtitles,i-s.srt,fs-16,co-FFFFFF,l-end",
    );
}

#[test]
fn solid_colour_layer_with_a_nested_layer() {
    agree(
        transform!(overlay(
            solid_color = "FF0000",
            transformation(width = 300, height = 100, overlay(text = "Sale"))
        )),
        json!([{"overlay": {"type": "solid_color", "color": "FF0000",
            "transformation": [{"width": 300, "height": 100, "overlay": {"type": "text", "text": "Sale"}}]}}]),
        "l-image,i-ik_canvas,bg-FF0000,w-300,h-100,l-text,i-Sale,l-end,l-end",
    );
}

#[test]
fn overlays_are_constants() {
    const WATERMARK: Transformation =
        transform!(width = 800; overlay(image = "logo.png", position(focus = "bottom_right")));
    assert_eq!(
        WATERMARK.as_str(),
        "w-800:l-image,i-logo.png,lfo-bottom_right,l-end"
    );
}
