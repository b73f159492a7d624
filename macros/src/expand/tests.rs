use quote::quote;

use super::*;

/// The expansion as text, with the spaces `quote` puts between tokens removed.
fn expanded(tokens: TokenStream) -> String {
    transform(tokens).to_string().replace(' ', "")
}

/// The first error message of an expansion that fails.
fn error(tokens: TokenStream) -> String {
    let chain: Chain = syn::parse2(tokens).unwrap_or_else(|e| panic!("{e}"));
    let mut errors = Errors::default();
    for s in &chain.steps {
        step(s, &mut errors);
    }
    errors.0.map(|e| e.to_string()).unwrap_or_default()
}

#[test]
fn a_literal_chain_expands_to_a_constant() {
    assert_eq!(
        expanded(quote!(height = 300, width = 400; rotation = 90)),
        r#"::imagekitio::Transformation::from_static("h-300,w-400:rt-90")"#
    );
}

#[test]
fn a_run_time_value_refers_to_its_entry_instead_of_its_name() {
    let out = expanded(quote!(height = h, width = 400));
    assert!(
        out.contains("__ik_chain.value(&::imagekitio::__private::vocabulary::HEIGHT,"),
        "{out}"
    );
    assert!(out.contains(r#"__ik_chain.rendered("w-400");"#), "{out}");
    assert!(!out.contains(r#""height""#), "{out}");
}

#[test]
fn the_chain_buffer_is_sized_for_the_whole_transformation() {
    let out = expanded(quote!(height = h, width = 400));
    // `h-` and a value's room, then `,` and `w-400`.
    let room = 1 + "h".len() + 1 + RUNTIME_VALUE_ROOM + 1 + "w-400".len();
    assert!(
        out.contains(&format!("Chain::with_capacity({room}usize)")),
        "{out}"
    );
}

#[test]
fn a_spelling_resolves_to_the_canonical_entry() {
    let out = expanded(quote!(aspectRatio = ratio));
    assert!(out.contains("vocabulary::ASPECT_RATIO"), "{out}");
}

#[test]
fn flags_render_bare() {
    assert_eq!(
        expanded(quote!(grayscale, sharpen = 10)),
        r#"::imagekitio::Transformation::from_static("e-grayscale,e-sharpen-10")"#
    );
}

#[test]
fn false_renders_nothing() {
    assert_eq!(
        expanded(quote!(progressive = false, width = 1)),
        r#"::imagekitio::Transformation::from_static("w-1")"#
    );
}

#[test]
fn a_path_value_writes_slashes_as_double_at() {
    assert_eq!(
        expanded(quote!(default_image = "/folder/img.jpg/")),
        r#"::imagekitio::Transformation::from_static("di-folder@@img.jpg")"#
    );
}

#[test]
fn an_overlay_renders_at_compile_time() {
    assert_eq!(
        expanded(quote!(overlay(
            text = "Hi",
            position(x = 10, y = 0),
            transformation(rotation = 90)
        ))),
        r#"::imagekitio::Transformation::from_static("l-text,i-Hi,lx-10,rt-90,l-end")"#
    );
}

#[test]
fn an_unknown_name_suggests_the_closest() {
    assert_eq!(
        error(quote!(widht = 300)),
        "unknown transformation `widht`; did you mean `width`?"
    );
}

#[test]
fn a_url_parameter_as_a_name_suggests_its_name() {
    assert_eq!(
        error(quote!(w = 300)),
        "unknown transformation `w`; did you mean `width`?"
    );
}

#[test]
fn an_out_of_range_literal_is_refused() {
    assert_eq!(
        error(quote!(quality = 150)),
        "`quality` must be in 1..=100, not 150"
    );
}

#[test]
fn a_near_miss_of_an_enum_value_is_suggested() {
    assert!(
        error(quote!(crop = "at_mx")).ends_with(r#"(did you mean "at_max"?)"#),
        "{}",
        error(quote!(crop = "at_mx"))
    );
}

#[test]
fn the_same_name_twice_in_a_step_is_refused() {
    assert_eq!(
        error(quote!(width = 1, width = 2)),
        "`width` appears twice in this step; start a new step with `;` to apply it again"
    );
}

#[test]
fn an_empty_chain_is_refused() {
    assert!(expanded(quote!()).contains("transform!needsatleastonestep"));
}

#[test]
fn overlay_values_must_be_literals() {
    assert!(error(quote!(overlay(text = t))).starts_with("overlay values must be literals"));
}
