//! The three forms of a transformation agree: `transform!` (with run-time values), the typed
//! builder, and the runtime renderer reading the JSON list-of-steps form. Out-of-range values
//! are refused by the first two (the JSON form passes values through, as ImageKit's other SDKs
//! do).

use imagekitio::{
    Transformation,
    builder::{Crop, Format},
    transform,
};
use proptest::prelude::*;
use serde_json::json;

const CROPS: [(Crop, &str); 3] = [
    (Crop::AtMax, "at_max"),
    (Crop::Force, "force"),
    (Crop::MaintainRatio, "maintain_ratio"),
];
const FORMATS: [(Format, &str); 3] = [
    (Format::Auto, "auto"),
    (Format::Webp, "webp"),
    (Format::Avif, "avif"),
];

fn runtime(steps: serde_json::Value) -> String {
    serde_json::from_value::<Transformation>(steps)
        .map(|t| t.to_string())
        .unwrap_or_else(|e| panic!("{e}"))
}

proptest! {
    #[test]
    fn macro_builder_and_runtime_agree(
        width in 0u32..5000,
        height in 0.0f64..2000.0,
        quality in 1u8..=100,
        dpr in 0.1f64..=5.0,
        crop in 0usize..3,
        format in 0usize..3,
        grayscale in any::<bool>(),
        rotation in -360i32..360,
        background in "[A-Za-z0-9]{1,8}",
        focus in "[a-z_]{1,12}",
    ) {
        let (crop_enum, crop_text) = CROPS[crop];
        let (format_enum, format_text) = FORMATS[format];
        let made = transform!(
            width = width, height = height, quality = quality, crop = crop_text;
            dpr = dpr, format = format_text, grayscale = grayscale;
            rotation = rotation, background = background.as_str(), focus = focus.as_str()
        )
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut builder = Transformation::builder()
            .width(width).height(height).quality(quality).crop(crop_enum)
            .chain()
            .dpr(dpr).format(format_enum);
        if grayscale {
            builder = builder.grayscale();
        }
        let built = builder
            .chain()
            .rotation(rotation).background(background.as_str()).focus(focus.as_str())
            .build()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let rendered = runtime(json!([
            {"width": width, "height": height, "quality": quality, "crop": crop_text},
            {"dpr": dpr, "format": format_text, "grayscale": grayscale},
            {"rotation": rotation, "background": background, "focus": focus},
        ]));
        prop_assert_eq!(made.as_str(), built.as_str());
        prop_assert_eq!(made.as_str(), rendered.as_str());
    }

    #[test]
    fn out_of_range_values_are_refused_by_macro_and_builder(
        quality in prop_oneof![0u32..1, 101u32..10_000],
        blur in prop_oneof![-100i32..1, 101i32..1000],
    ) {
        prop_assert!(transform!(quality = quality).is_err());
        prop_assert!(Transformation::builder().quality(quality).build().is_err());
        prop_assert!(transform!(blur = blur).is_err());
        prop_assert!(Transformation::builder().blur(blur).build().is_err());
    }

    #[test]
    fn values_that_would_break_the_url_are_refused(text in "[a-z]{0,4}[,:/?#][a-z]{0,4}") {
        prop_assert!(transform!(named = text.as_str()).is_err());
        prop_assert!(Transformation::builder().named(text.as_str()).build().is_err());
    }
}

#[test]
fn literal_macro_equals_builder() -> Result<(), imagekitio::Error> {
    let built = Transformation::builder()
        .height(300)
        .width(400)
        .chain()
        .rotation(90)
        .build()?;
    assert_eq!(transform!(height = 300, width = 400; rotation = 90), built);
    let built = Transformation::builder()
        .streaming_resolutions(&["360", "720"])
        .sharpen(true)
        .trim(true)
        .progressive(true)
        .default_image("/a/b.png")
        .raw("l-text,i-Hi,l-end")
        .build()?;
    assert_eq!(
        transform!(
            streaming_resolutions = ["360", "720"],
            sharpen,
            trim = true,
            progressive = true,
            default_image = "/a/b.png",
            raw = "l-text,i-Hi,l-end"
        ),
        built
    );
    Ok(())
}
