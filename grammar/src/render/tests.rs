use super::*;
use crate::vocabulary::{self, lookup};

fn render(name: &str, value: Scalar<'_>) -> String {
    let mut out = String::new();
    let entry = lookup(name).unwrap_or_else(|| panic!("no entry {name}"));
    Step::new(&mut out).write_entry(entry, value);
    out
}

#[test]
fn a_value_renders_as_param_dash_value() {
    assert_eq!(render("width", Scalar::UInt(300)), "w-300");
    assert_eq!(render("format", Scalar::Str("webp")), "f-webp");
}

#[test]
fn a_flag_renders_bare_for_true_and_nothing_otherwise() {
    assert_eq!(render("grayscale", Scalar::Bool(true)), "e-grayscale");
    assert_eq!(render("grayscale", Scalar::Str("-")), "e-grayscale");
    assert_eq!(render("grayscale", Scalar::Str("yes")), "");
}

#[test]
fn flag_or_value_renders_bare_for_empty_and_value_otherwise() {
    assert_eq!(render("sharpen", Scalar::Str("")), "e-sharpen");
    assert_eq!(render("sharpen", Scalar::UInt(10)), "e-sharpen-10");
}

#[test]
fn seed_effect_names_render_bare_only_for_dash() {
    assert_eq!(render("effect_sharpen", Scalar::Str("-")), "e-sharpen");
    assert_eq!(
        render("effect_contrast", Scalar::Str("true")),
        "e-contrast-true"
    );
}

#[test]
fn a_path_drops_outer_slashes_and_writes_inner_ones_as_double_at() {
    assert_eq!(
        render("default_image", Scalar::Str("/a/b/c.jpg/")),
        "di-a@@b@@c.jpg"
    );
    assert_eq!(render("default_image", Scalar::Str("/")), "");
}

#[test]
fn true_if_empty_renders_true_for_a_blank_string() {
    assert_eq!(render("trim", Scalar::Str("")), "t-true");
}

#[test]
fn raw_is_written_as_given() {
    assert_eq!(
        render("raw", Scalar::Str("l-text,i-Hi,l-end")),
        "l-text,i-Hi,l-end"
    );
    assert_eq!(render("raw", Scalar::Str("  ")), "");
}

#[test]
fn false_null_and_blank_values_render_nothing() {
    assert_eq!(render("progressive", Scalar::Bool(false)), "");
    assert_eq!(render("named", Scalar::Str("  ")), "");
    assert_eq!(render("width", Scalar::Null), "");
}

#[test]
fn parameters_of_a_step_are_separated_by_commas() {
    let mut out = String::from("rt-90:");
    let mut step = Step::new(&mut out);
    step.write_value("h", Render::Value, Scalar::Int(300));
    step.write_value("w", Render::Value, Scalar::Int(400));
    step.rendered("e-grayscale");
    assert_eq!(out, "rt-90:h-300,w-400,e-grayscale");
}

#[test]
fn integers_are_written_exactly_at_any_size() {
    let mut out = String::new();
    Scalar::Int(i64::MIN).write(&mut out);
    out.push(' ');
    Scalar::UInt(u64::MAX).write(&mut out);
    out.push(' ');
    Scalar::Int(9_007_199_254_740_993).write(&mut out);
    assert_eq!(
        out,
        "-9223372036854775808 18446744073709551615 9007199254740993"
    );
}

#[test]
fn integral_floats_print_without_fraction() {
    assert_eq!(number_text(20.0), "20");
    assert_eq!(number_text(-3.0), "-3");
    assert_eq!(number_text(0.8), "0.8");
    assert_eq!(number_text(1e20), "100000000000000000000");
}

#[test]
fn decimal_writes_every_u64() {
    let mut digits = Digits::new();
    assert_eq!(decimal(0, &mut digits), "0");
    assert_eq!(decimal(1_700_000_100, &mut digits), "1700000100");
    assert_eq!(decimal(u64::MAX, &mut digits), "18446744073709551615");
}

#[test]
fn lists_join_with_underscore_and_skip_nulls() {
    let mut out = String::new();
    Step::new(&mut out).write_list(
        "sr",
        [Scalar::Str("1440"), Scalar::Null, Scalar::UInt(1080)],
    );
    assert_eq!(out, "sr-1440_1080");
    let mut empty = String::new();
    Step::new(&mut empty).write_list("sr", [Scalar::Null]);
    assert_eq!(empty, "");
}

#[test]
fn slots_write_truthy_values_in_the_vocabularys_order() {
    let mut out = String::new();
    let mut values = [None; vocabulary::POSITION.len()];
    values[1] = Some(Scalar::Int(20));
    values[0] = Some(Scalar::Int(0));
    values[4] = Some(Scalar::Str("center"));
    write_slots(&mut out, &vocabulary::POSITION, &values);
    assert_eq!(out, ",ly-20,lfo-center");
}

fn layer(kind: &str, input: &str, encoding: Encoding) -> String {
    let kind = vocabulary::layer_kind(kind).unwrap_or_else(|| panic!("no layer {kind}"));
    let mut out = String::new();
    write_layer(
        &mut out,
        &Layer {
            kind,
            input,
            encoding,
            mode: None,
            position: &[],
            timing: &[],
            nested: "",
        },
    );
    out
}

#[test]
fn simple_text_is_written_plainly_and_other_text_in_base64() {
    assert_eq!(
        layer("text", "Hi there", Encoding::Auto),
        "l-text,i-Hi%20there,l-end"
    );
    assert_eq!(layer("text", "Hi!", Encoding::Auto), "l-text,ie-SGkh,l-end");
    assert_eq!(layer("text", "Hi!", Encoding::Plain), "l-text,i-Hi!,l-end");
}

#[test]
fn a_layer_path_is_trimmed_and_written_with_double_at() {
    assert_eq!(
        layer("image", "/logos/a.png", Encoding::Auto),
        "l-image,i-logos@@a.png,l-end"
    );
}

#[test]
fn base64_is_uri_encoded() {
    // `?>` encodes to `Pz4=`, whose `=` is then URI-encoded.
    assert_eq!(
        layer("text", "?>", Encoding::Base64),
        "l-text,ie-Pz4%3D,l-end"
    );
}

#[test]
fn a_layer_writes_mode_position_timing_and_nested_steps_in_order() {
    let kind = vocabulary::layer_kind("image").unwrap_or_else(|| panic!("no image layer"));
    let mut position = [None; vocabulary::POSITION.len()];
    position[0] = Some(Scalar::Int(10));
    let mut timing = [None; vocabulary::TIMING.len()];
    timing[0] = Some(Scalar::Float(2.5));
    let mut out = String::new();
    write_layer(
        &mut out,
        &Layer {
            kind,
            input: "a.png",
            encoding: Encoding::Auto,
            mode: Some(Scalar::Str("multiply")),
            position: &position,
            timing: &timing,
            nested: "w-100",
        },
    );
    assert_eq!(out, "l-image,i-a.png,lm-multiply,lx-10,lso-2.5,w-100,l-end");
}

#[test]
fn every_spelling_finds_its_entry() {
    for entry in vocabulary::ENTRIES {
        for spelling in entry.spellings {
            assert!(
                lookup(spelling).is_some_and(|found| std::ptr::eq(found, *entry)),
                "{spelling}"
            );
        }
    }
}

#[test]
fn a_url_parameter_finds_the_entry_that_renders_it() {
    assert_eq!(
        vocabulary::by_param("e-grayscale").map(|e| e.name),
        Some("grayscale")
    );
    assert_eq!(vocabulary::by_param("w").map(|e| e.name), Some("width"));
    assert!(vocabulary::by_param("width").is_none());
}

#[test]
fn uri_component_matches_javascript() {
    let mut out = String::new();
    push_uri_component(&mut out, "Hi! (a/b) ~*'é");
    assert_eq!(out, "Hi!%20(a%2Fb)%20~*'%C3%A9");
}

#[test]
fn url_breaking_finds_every_character_of_url_breaking_and_no_other() {
    for c in crate::URL_BREAKING {
        assert!(crate::url_breaking(&format!("w-1{c}2")).is_some(), "{c}");
    }
    assert!(crate::url_breaking("w-100,l-text,i-a%2Fb,l-end:rt-90").is_none());
}
