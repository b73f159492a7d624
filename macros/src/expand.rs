//! Parsing, checking and expanding `transform!`.
//!
//! Every problem becomes a `syn::Error` at the offending token, and all of them are combined, so
//! one compile reports every mistake. Literal values are checked and rendered here; other
//! expressions are handed to `imagekitio::__private::Chain`, which applies the same checks
//! (`imagekitio-grammar`) at run time.

use proc_macro2::{Group, Span, TokenStream};
use quote::quote;
use syn::{
    Expr, ExprArray, ExprLit, ExprUnary, Ident, Lit, Token, UnOp,
    parse::{Parse, ParseStream},
    spanned::Spanned,
};

use crate::{
    shared::{self, Accepts, Arg, Entry, Render},
    vocabulary::ENTRIES,
};

/// `name` or `name = value`.
pub(crate) struct Item {
    pub(crate) name: Ident,
    pub(crate) value: Option<Expr>,
    /// `name(...)`: an overlay, or an overlay's position, timing or transformation.
    pub(crate) args: Option<Group>,
}

/// One step: items separated by `,`. `end` is the `;` that closed it, if any.
pub(crate) struct Step {
    pub(crate) items: Vec<Item>,
    end: Option<Span>,
}

/// The whole input: steps separated by `;`.
pub(crate) struct Chain {
    pub(crate) steps: Vec<Step>,
}

impl Parse for Item {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let name = input.call(Ident::parse_any_ident)?;
        let mut value = None;
        let mut args = None;
        if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            value = Some(input.parse::<Expr>()?);
        } else if input.peek(syn::token::Paren) {
            args = Some(input.parse::<Group>()?);
        }
        Ok(Self { name, value, args })
    }
}

/// Lets keywords such as `type` be names, as in the JSON form.
trait ParseAnyIdent {
    fn parse_any_ident(input: ParseStream<'_>) -> syn::Result<Ident>;
}

impl ParseAnyIdent for Ident {
    fn parse_any_ident(input: ParseStream<'_>) -> syn::Result<Ident> {
        use syn::ext::IdentExt;
        Ident::parse_any(input)
    }
}

impl Parse for Chain {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut steps = Vec::new();
        let mut items = Vec::new();
        while !input.is_empty() {
            if input.peek(Token![;]) {
                let semi = input.parse::<Token![;]>()?;
                steps.push(Step {
                    items: std::mem::take(&mut items),
                    end: Some(semi.span),
                });
                continue;
            }
            items.push(input.parse::<Item>()?);
            if input.peek(Token![,]) {
                input.parse::<Token![,]>()?;
            } else if !input.is_empty() && !input.peek(Token![;]) {
                return Err(input.error("expected `,` between parameters or `;` between steps"));
            }
        }
        if !items.is_empty() {
            steps.push(Step { items, end: None });
        }
        Ok(Self { steps })
    }
}

/// Collects every error instead of stopping at the first.
#[derive(Default)]
pub(crate) struct Errors(pub(crate) Option<syn::Error>);

impl Errors {
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub(crate) fn at(&mut self, span: Span, message: impl std::fmt::Display) {
        self.push(syn::Error::new(span, message));
    }
}

/// A piece of the output: text known now, or an expression rendered at run time.
pub(crate) enum Piece {
    Text(String),
    Runtime(TokenStream),
}

/// The closest spelling to `wrong` among `candidates`, if one is close enough to be a typo.
pub(crate) fn suggest<'a>(
    wrong: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

pub(crate) fn lookup(name: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.spellings.contains(&name))
}

/// A literal value, read from the tokens.
pub(crate) enum Literal {
    Number { value: f64, text: String },
    Text(String),
    Bool(bool),
    List(Vec<String>),
}

/// Reads a literal (`300`, `-5`, `0.8`, `"auto"`, `true`, `["360", "720"]`); `None` for any
/// other expression, which is then rendered at run time.
pub(crate) fn literal(expr: &Expr, errors: &mut Errors) -> Option<Literal> {
    match expr {
        Expr::Lit(ExprLit { lit, .. }) => match lit {
            Lit::Int(int) => match int.base10_parse::<i128>() {
                Ok(n) => Some(Literal::Number {
                    value: n as f64,
                    text: n.to_string(),
                }),
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
            Lit::Float(float) => match float.base10_parse::<f64>() {
                Ok(n) => Some(Literal::Number {
                    value: n,
                    text: shared::number_text(n),
                }),
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
            Lit::Str(s) => Some(Literal::Text(s.value())),
            Lit::Bool(b) => Some(Literal::Bool(b.value)),
            other => {
                errors.at(
                    other.span(),
                    "expected a number, a string, `true`/`false` or a list",
                );
                None
            }
        },
        Expr::Unary(ExprUnary {
            op: UnOp::Neg(_),
            expr,
            ..
        }) => match literal(expr, errors)? {
            Literal::Number { value, .. } => Some(Literal::Number {
                value: -value,
                text: shared::number_text(-value),
            }),
            _ => {
                errors.at(expr.span(), "only a number can be negative");
                None
            }
        },
        Expr::Array(ExprArray { elems, .. }) => {
            let mut items = Vec::new();
            for elem in elems {
                match literal(elem, errors) {
                    Some(Literal::Text(s)) => items.push(s),
                    Some(Literal::Number { text, .. }) => items.push(text),
                    Some(_) => errors.at(elem.span(), "a list holds strings or numbers"),
                    None => errors.at(elem.span(), "list items must be literals"),
                }
            }
            Some(Literal::List(items))
        }
        Expr::Group(group) => literal(&group.expr, errors),
        Expr::Paren(paren) => literal(&paren.expr, errors),
        _ => None,
    }
}

/// Checks a literal for `entry` and renders it (`None` when it renders nothing, as `false`
/// does); reports problems at `span`.
fn render_literal(
    entry: &Entry,
    value: &Literal,
    span: Span,
    errors: &mut Errors,
) -> Option<String> {
    let accepts = &entry.accepts;
    let checked = match value {
        Literal::Number { value, .. } => {
            shared::check(entry.name, entry.render, accepts, Arg::Number(*value))
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
    };
    if let Err(message) = checked {
        errors.at(span, message);
        return None;
    }
    let param = entry.param;
    match (entry.render, value) {
        (_, Literal::Bool(false)) => None,
        (Render::Flag, _) => Some(param.to_owned()),
        (Render::FlagOrValue, Literal::Bool(true)) => Some(param.to_owned()),
        (Render::FlagOrValue, Literal::Text(s)) if s.trim().is_empty() || s == "true" => {
            Some(param.to_owned())
        }
        (Render::DashFlag, Literal::Text(s)) if s == "-" => Some(param.to_owned()),
        (Render::TrueIfEmpty, Literal::Text(s)) if s.trim().is_empty() => {
            Some(format!("{param}-true"))
        }
        (Render::Raw, Literal::Text(s)) => Some(s.clone()).filter(|s| !s.trim().is_empty()),
        (Render::Raw, Literal::Number { text, .. }) => Some(text.clone()),
        (Render::Path, Literal::Text(s)) => {
            let trimmed = s.strip_prefix('/').unwrap_or(s);
            let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
            (!trimmed.trim().is_empty()).then(|| format!("{param}-{}", trimmed.replace('/', "@@")))
        }
        (_, Literal::Text(s)) if s.trim().is_empty() => None,
        (_, Literal::Text(s)) => Some(format!("{param}-{s}")),
        (_, Literal::Number { text, .. }) => Some(format!("{param}-{text}")),
        (_, Literal::Bool(true)) => Some(format!("{param}-true")),
        (_, Literal::List(items)) if items.is_empty() => None,
        (_, Literal::List(items)) => Some(format!("{param}-{}", items.join("_"))),
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
fn kind(accepts: &Accepts) -> Option<TokenStream> {
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

fn accepts_tokens(accepts: &Accepts) -> TokenStream {
    let number = match accepts.number {
        Some((min, max)) => {
            let min = option_f64(min);
            let max = option_f64(max);
            quote!(::core::option::Option::Some((#min, #max)))
        }
        None => quote!(::core::option::Option::None),
    };
    let list = |values: Option<&[&str]>| match values {
        Some(values) => quote!(::core::option::Option::Some(&[#(#values),*])),
        None => quote!(::core::option::Option::None),
    };
    let text = list(accepts.text);
    let items = list(accepts.list);
    let boolean = match accepts.boolean {
        Some(b) => quote!(::core::option::Option::Some(#b)),
        None => quote!(::core::option::Option::None),
    };
    quote!(::imagekitio::__private::Accepts { number: #number, text: #text, boolean: #boolean, list: #items })
}

fn option_f64(value: Option<f64>) -> TokenStream {
    match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

/// Checks one step and turns it into pieces.
pub(crate) fn step(step: &Step, errors: &mut Errors) -> Vec<Piece> {
    let mut seen: Vec<(&'static str, &Ident)> = Vec::new();
    let mut pieces = Vec::new();
    for item in &step.items {
        let name = item.name.to_string();
        let Some(entry) = lookup(&name) else {
            let all = ENTRIES.iter().flat_map(|e| e.spellings.iter().copied());
            // Someone who knows the URL parameter (`w`) wants its name (`width`).
            let by_param = ENTRIES.iter().find(|e| e.param == name).map(|e| e.name);
            let hint = match by_param.or_else(|| suggest(&name, all)) {
                Some(close) => format!("; did you mean `{close}`?"),
                None => "; write parameters the vocabulary lacks with `raw = \"...\"`".into(),
            };
            errors.at(
                item.name.span(),
                format!("unknown transformation `{name}`{hint}"),
            );
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
                pieces.extend(crate::overlay::render(args, errors).map(Piece::Text));
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
            None => {
                let Some(kind) = kind(&entry.accepts) else {
                    errors.at(
                        value.span(),
                        format!("`{}` takes only literal values", entry.name),
                    );
                    continue;
                };
                let name = entry.name;
                let accepts = accepts_tokens(&entry.accepts);
                pieces.push(Piece::Runtime(quote_spanned_value(
                    name, &kind, &accepts, value,
                )));
            }
        }
    }
    pieces
}

fn quote_spanned_value(
    name: &str,
    kind: &TokenStream,
    accepts: &TokenStream,
    value: &Expr,
) -> TokenStream {
    let value_tokens = quote::quote_spanned!(value.span()=> ::imagekitio::__private::arg::<::imagekitio::__private::#kind, _>(#value));
    quote!(__ik_chain.value(#name, &#accepts, #value_tokens);)
}

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
        // Several `compile_error!`s are statements, not one expression: a block holding them and
        // a value of the right type keeps the compiler from adding errors of its own.
        let error = error.to_compile_error();
        return quote!({ #error ::imagekitio::Transformation::from_static("") });
    }
    let runtime = steps
        .iter()
        .flatten()
        .any(|p| matches!(p, Piece::Runtime(_)));
    if !runtime {
        let rendered = steps
            .iter()
            .map(|pieces| {
                pieces
                    .iter()
                    .filter_map(|p| match p {
                        Piece::Text(t) => Some(t.as_str()),
                        Piece::Runtime(_) => None,
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
    for (i, pieces) in steps.iter().enumerate() {
        if i > 0 {
            body.extend(quote!(__ik_chain.step();));
        }
        for piece in pieces {
            body.extend(match piece {
                Piece::Text(t) => quote!(__ik_chain.rendered(#t);),
                Piece::Runtime(tokens) => tokens.clone(),
            });
        }
    }
    quote!({
        let mut __ik_chain = ::imagekitio::__private::Chain::new();
        #body
        __ik_chain.finish()
    })
}
