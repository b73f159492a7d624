//! The semantics of `transform!`: each name resolved to its `&'static Entry` in the grammar's
//! table, literal values checked and rendered by the grammar's renderer, other values handed to
//! `imagekitio::__private::Chain` with a reference to that same entry, so that nothing the
//! macro resolved is looked up again at run time.
//!
//! Every problem becomes a `syn::Error` at the offending token, and all of them are combined, so
//! one compile reports every mistake.

use proc_macro2::{Group, Ident, Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Expr, spanned::Spanned};

use crate::{
    overlay,
    shared::{self, Accepts, Arg, Entry, LayerKind, Render, Step as Writer, vocabulary},
    syntax::{Chain, Errors, Literal, Step, literal, suggest},
};

/// `transform!`: its expansion, or the errors as `compile_error!`s with a value of the right
/// type, so that the compiler adds no errors of its own.
pub(crate) fn transform(input: TokenStream) -> TokenStream {
    match syn::parse2::<Chain>(input) {
        Ok(chain) => expand(&chain),
        Err(error) => failed(error),
    }
}

fn failed(error: syn::Error) -> TokenStream {
    // Several `compile_error!`s are statements, not one expression: a block holding them and
    // a value of the right type keeps the compiler from adding errors of its own.
    let error = error.to_compile_error();
    quote!({ #error ::imagekitio::Transformation::from_static("") })
}

/// A piece of the output: text known now, or a value rendered at run time.
pub(crate) enum Piece {
    Text(String),
    Runtime {
        entry: &'static Entry,
        kind: TokenStream,
        /// The expression, and where to report a wrong type.
        value: TokenStream,
        span: Span,
    },
}

/// Checks a literal for `entry` and renders it (`None` when it renders nothing, as `false`
/// does); reports problems at `span`.
pub(crate) fn render_literal(
    entry: &Entry,
    value: &Literal,
    span: Span,
    errors: &mut Errors,
) -> Option<String> {
    if let Err(message) = check_literal(entry, value) {
        errors.at(span, message);
        return None;
    }
    let mut out = String::new();
    let mut step = Writer::new(&mut out);
    match value {
        Literal::List(items) => {
            step.write_list(entry.param, items.iter().map(|s| shared::Scalar::Str(s)))
        }
        other => match other.scalar() {
            Some(scalar) => step.write_entry(entry, scalar),
            None => {
                errors.at(span, format!("`{}`: this number is too large", entry.name));
                return None;
            }
        },
    }
    Some(out).filter(|out| !out.is_empty())
}

fn check_literal(entry: &Entry, value: &Literal) -> Result<(), String> {
    let accepts = &entry.accepts;
    match value {
        Literal::Int(_) | Literal::Float(_) => {
            let n = value.number().unwrap_or_default();
            shared::check(entry.name, entry.render, accepts, Arg::Number(n))
        }
        Literal::Text(s) => check_text(entry, accepts, s),
        Literal::Bool(b) => shared::check(entry.name, entry.render, accepts, Arg::Bool(*b)),
        Literal::List(items) => match accepts.list {
            None => Err(format!(
                "`{}` takes {}, not a list",
                entry.name,
                shared::expected(accepts)
            )),
            Some(_) => items.iter().try_for_each(|item| {
                shared::check(entry.name, entry.render, accepts, Arg::Text(item))
            }),
        },
    }
}

/// Checks a string, adding a "did you mean" to an enum value that is a near miss.
fn check_text(entry: &Entry, accepts: &Accepts, s: &str) -> Result<(), String> {
    shared::check(entry.name, entry.render, accepts, Arg::Text(s)).map_err(|message| match accepts
        .text
        .or(accepts.list)
    {
        Some(values) if !values.is_empty() => match suggest(s, values.iter().copied()) {
            Some(close) => format!("{message} (did you mean {close:?}?)"),
            None => message,
        },
        _ => message,
    })
}

/// The marker type that picks which Rust types a run-time value may have.
pub(crate) fn kind(accepts: &Accepts) -> Option<TokenStream> {
    Some(
        match (
            accepts.number.is_some(),
            accepts.text.is_some() || accepts.list.is_some(),
            accepts.boolean.is_some(),
        ) {
            (true, false, false) => quote!(Number),
            (false, true, false) => quote!(Text),
            (true, true, false) => quote!(NumberOrText),
            (false, false, true) => quote!(Bool),
            (true, false, true) => quote!(BoolOrNumber),
            (false, true, true) => quote!(BoolOrText),
            _ => return None,
        },
    )
}

/// The message for a name the vocabulary lacks, with the closest spelling or the URL
/// parameter's name.
fn unknown(name: &str) -> String {
    let all = vocabulary::ENTRIES
        .iter()
        .flat_map(|e| e.spellings.iter().copied());
    // Someone who knows the URL parameter (`w`) wants its name (`width`).
    let by_param = vocabulary::ENTRIES
        .iter()
        .find(|e| e.param == name)
        .map(|e| e.name);
    let hint = match by_param.or_else(|| suggest(name, all)) {
        Some(close) => format!("; did you mean `{close}`?"),
        None => "; write parameters the vocabulary lacks with `raw = \"...\"`".into(),
    };
    format!("unknown transformation `{name}`{hint}")
}

/// Checks one step and turns it into pieces.
pub(crate) fn step(step: &Step, errors: &mut Errors) -> Vec<Piece> {
    let mut seen: Vec<(&'static str, &Ident)> = Vec::new();
    let mut pieces = Vec::new();
    for item in &step.items {
        let name = item.name.to_string();
        let Some(entry) = vocabulary::lookup(&name) else {
            errors.at(item.name.span(), unknown(&name));
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == entry.name) {
            let message = if *first == &name {
                format!("`{name}` appears twice in this step")
            } else {
                format!(
                    "`{first}` and `{name}` both set `{}` in this step",
                    entry.name
                )
            };
            errors.at(
                item.name.span(),
                format!("{message}; start a new step with `;` to apply it again"),
            );
            continue;
        }
        seen.push((entry.name, &item.name));
        if let Some(args) = &item.args {
            if entry.render == Render::Layer {
                pieces.extend(overlay::render(args, errors, nested).map(Piece::Text));
            } else {
                errors.at(
                    args.span(),
                    format!("`{name}` takes a value (`{name} = ...`), not a list of arguments"),
                );
            }
            continue;
        }
        if entry.render == Render::Layer {
            errors.at(
                item.name.span(),
                "write an overlay as `overlay(text = \"Hi\", ...)`, `overlay(image = \"/logo.png\", ...)`, ...",
            );
            continue;
        }
        let Some(value) = &item.value else {
            if entry.accepts.boolean.is_some() {
                pieces.extend(
                    render_literal(entry, &Literal::Bool(true), item.name.span(), errors)
                        .map(Piece::Text),
                );
            } else {
                errors.at(
                    item.name.span(),
                    format!(
                        "`{}` needs a value (`{} = ...`): it takes {}",
                        entry.name,
                        name,
                        shared::expected(&entry.accepts)
                    ),
                );
            }
            continue;
        };
        match literal(value, errors) {
            Some(lit) => {
                pieces.extend(render_literal(entry, &lit, value.span(), errors).map(Piece::Text))
            }
            // A bad literal was reported by `literal`.
            None if matches!(value, Expr::Lit(_) | Expr::Array(_)) => {}
            None => match kind(&entry.accepts) {
                Some(kind) => pieces.push(Piece::Runtime {
                    entry,
                    kind,
                    value: quote!(#value),
                    span: value.span(),
                }),
                None => errors.at(
                    value.span(),
                    format!("`{}` takes only literal values", entry.name),
                ),
            },
        }
    }
    pieces
}

/// `transformation(...)` inside an overlay: a chain, with only the names the layer kind takes,
/// and only literal values.
fn nested(kind: &LayerKind, group: &Group, errors: &mut Errors) -> Option<String> {
    let chain: Chain = match syn::parse2(group.stream()) {
        Ok(chain) => chain,
        Err(error) => {
            errors.push(error);
            return None;
        }
    };
    let mut rendered = Vec::new();
    for s in &chain.steps {
        if let Some(names) = kind.names {
            for item in &s.items {
                if let Some(entry) = vocabulary::lookup(&item.name.to_string())
                    && !names.contains(&entry.name)
                    // Layers nest in any layer, and `raw` is the way out of any check.
                    && entry.render != Render::Layer
                    && entry.render != Render::Raw
                {
                    errors.at(
                        item.name.span(),
                        format!(
                            "`{}` does not apply inside a {} layer; it takes: {}",
                            entry.name,
                            kind.types.first().copied().unwrap_or_default(),
                            names.join(", ")
                        ),
                    );
                }
            }
        }
        let mut texts = Vec::new();
        for piece in step(s, errors) {
            match piece {
                Piece::Text(t) => texts.push(t),
                Piece::Runtime { .. } => {
                    errors.at(group.span(), "values inside an overlay must be literals")
                }
            }
        }
        if !texts.is_empty() {
            rendered.push(texts.join(","));
        }
    }
    Some(rendered.join(":"))
}

/// Room a run-time value usually takes (`1080`, `at_max`), so that the chain's buffer is
/// allocated once.
const RUNTIME_VALUE_ROOM: usize = 8;

/// The expansion: a `Transformation` constant when every value is a literal, else a
/// `Result<Transformation, imagekitio::Error>` computed at run time.
pub(crate) fn expand(chain: &Chain) -> TokenStream {
    let mut errors = Errors::default();
    if chain.steps.is_empty() {
        errors.at(
            Span::call_site(),
            "transform! needs at least one step, such as `transform!(width = 300)`",
        );
    }
    let mut steps = Vec::new();
    for s in &chain.steps {
        if s.items.is_empty() {
            errors.at(
                s.end.unwrap_or_else(Span::call_site),
                "empty step: remove this `;` or put parameters before it",
            );
            continue;
        }
        steps.push(step(s, &mut errors));
    }
    if let Some(error) = errors.0 {
        return failed(error);
    }
    let runtime = steps
        .iter()
        .flatten()
        .any(|p| matches!(p, Piece::Runtime { .. }));
    if !runtime {
        let rendered = steps
            .iter()
            .map(|pieces| {
                pieces
                    .iter()
                    .filter_map(|p| match p {
                        Piece::Text(t) => Some(t.as_str()),
                        Piece::Runtime { .. } => None,
                    })
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(":");
        return quote!(::imagekitio::Transformation::from_static(#rendered));
    }
    let mut body = TokenStream::new();
    let mut room = 0;
    for (i, pieces) in steps.iter().enumerate() {
        if i > 0 {
            body.extend(quote!(__ik_chain.step();));
        }
        for piece in pieces {
            room += 1;
            body.extend(match piece {
                Piece::Text(t) => {
                    room += t.len();
                    quote!(__ik_chain.rendered(#t);)
                }
                Piece::Runtime {
                    entry,
                    kind,
                    value,
                    span,
                } => {
                    room += entry.param.len() + 1 + RUNTIME_VALUE_ROOM;
                    runtime_value(entry, kind, value, *span)
                }
            });
        }
    }
    quote!({
        let mut __ik_chain = ::imagekitio::__private::Chain::with_capacity(#room);
        #body
        __ik_chain.finish()
    })
}

/// `__ik_chain.value(&vocabulary::NAME, arg::<Kind, _>(value));`, the conversion spanned at the
/// value so that a wrong type is reported there.
fn runtime_value(
    entry: &Entry,
    kind: &TokenStream,
    value: &TokenStream,
    span: Span,
) -> TokenStream {
    let entry = format_ident!("{}", entry.name.to_ascii_uppercase());
    let value = quote::quote_spanned!(span=> ::imagekitio::__private::arg::<::imagekitio::__private::#kind, _>(#value));
    quote!(__ik_chain.value(&::imagekitio::__private::vocabulary::#entry, #value);)
}

#[cfg(test)]
mod tests;
