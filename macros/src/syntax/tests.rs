use quote::quote;
use syn::Expr;

use super::*;

fn chain(tokens: proc_macro2::TokenStream) -> syn::Result<Chain> {
    syn::parse2(tokens)
}

fn read(tokens: proc_macro2::TokenStream) -> (Option<Literal>, Option<syn::Error>) {
    let expr: Expr = syn::parse2(tokens).unwrap_or_else(|e| panic!("{e}"));
    let mut errors = Errors::default();
    let value = literal(&expr, &mut errors);
    (value, errors.0)
}

#[test]
fn steps_are_separated_by_semicolons_and_parameters_by_commas() {
    let parsed =
        chain(quote!(height = 300, width = 400; rotation = 90)).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<Vec<String>> = parsed
        .steps
        .iter()
        .map(|s| s.items.iter().map(|i| i.name.to_string()).collect())
        .collect();
    assert_eq!(names, [vec!["height", "width"], vec!["rotation"]]);
}

#[test]
fn a_keyword_can_be_a_name() {
    let parsed = chain(quote!(overlay(type = "text"))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.steps.len(), 1);
}

#[test]
fn a_missing_separator_is_a_syntax_error() {
    let error = chain(quote!(width = 300 height = 400))
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        error.as_deref(),
        Some("expected `,` between parameters or `;` between steps")
    );
}

#[test]
fn an_empty_step_keeps_its_semicolon() {
    let parsed = chain(quote!(width = 300;;)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.steps.len(), 2);
    assert!(
        parsed
            .steps
            .get(1)
            .is_some_and(|s| s.items.is_empty() && s.end.is_some())
    );
}

#[test]
fn integers_beyond_2_pow_53_stay_exact() {
    let (value, _) = read(quote!(-9007199254740993));
    assert_eq!(value, Some(Literal::Int(-9_007_199_254_740_993)));
    assert_eq!(
        value.and_then(|v| v.text()).as_deref(),
        Some("-9007199254740993")
    );
}

#[test]
fn floats_print_without_a_trailing_zero() {
    let (value, _) = read(quote!(5.0));
    assert_eq!(value.and_then(|v| v.text()).as_deref(), Some("5"));
}

#[test]
fn list_items_are_read_as_text() {
    let (value, _) = read(quote!(["360", 720]));
    assert_eq!(value, Some(Literal::List(vec!["360".into(), "720".into()])));
}

#[test]
fn a_non_literal_expression_is_left_for_run_time() {
    let (value, errors) = read(quote!(width * 2));
    assert!(value.is_none() && errors.is_none());
}

#[test]
fn only_numbers_can_be_negative() {
    let (value, errors) = read(quote!(-"a"));
    assert!(value.is_none());
    assert_eq!(
        errors.map(|e| e.to_string()).as_deref(),
        Some("only a number can be negative")
    );
}
