//! The typed builder's methods (`src/generated/builder.rs`), from the model of
//! `codegen/vocabulary.rs`:
//! one per name of the vocabulary (`overlay` stays in the serde and macro forms; the seed's legacy
//! names are there, hidden from the docs), with enums for closed lists of strings. Each method
//! hands its value to the chain with the name's `&'static Entry`, so nothing is looked up at
//! run time.

use imagekitio_grammar::number_text;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::vocabulary::{Accepts, StepName, VOCABULARY, Vocabulary, camel_case};

/// `at_max` -> `AtMax`, `h264` -> `H264`: a Rust name for an enum value or a name.
fn pascal_case(snake: &str) -> String {
    let camel = camel_case(snake);
    let mut chars = camel.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    out.extend(chars);
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'R');
    }
    out
}

/// A sample value for a number range, inside it.
fn sample_number(min: Option<f64>, max: Option<f64>) -> f64 {
    let mut n = min.unwrap_or(0.0).max(1.0);
    if let Some(max) = max {
        n = n.min(max);
    }
    n
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// One method, and the enum of its values when it takes a closed list of strings.
struct Method {
    tokens: TokenStream,
    enumeration: Option<TokenStream>,
}

fn method(step: &StepName) -> Result<Method, String> {
    let name = &step.name;
    let param = &step.param;
    let accepts = &step.accepts;
    let render = step.render;
    let is_enum = matches!(
        (&accepts.text, accepts.number, accepts.boolean),
        (Some(values), None, None) if !values.is_empty() && !step.deprecated
    );
    let mut enumeration = None;
    // (parameters, value expression, sample argument, sample rendering)
    let (parameters, value, sample, rendered) = if is_enum {
        let values = accepts.text.as_deref().unwrap_or_default();
        let type_name = ident(&pascal_case(name));
        let variants: Vec<Ident> = values.iter().map(|v| ident(&pascal_case(v))).collect();
        let docs = values.iter().map(|v| format!("`{v}`"));
        let first = values.first().cloned().unwrap_or_default();
        let first_variant = pascal_case(&first);
        let type_doc = format!(" The values of [`TransformationBuilder::{name}`].");
        let as_str_doc = format!(
            " The value as written in the URL.\n\n```\nassert_eq!(imagekitio::builder::{type_name}::{first_variant}.as_str(), {first:?});\n```"
        );
        enumeration = Some(quote! {
            #[doc = #type_doc]
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            pub enum #type_name {
                #(#[doc = #docs] #variants,)*
            }

            impl #type_name {
                #[doc = #as_str_doc]
                pub fn as_str(self) -> &'static str {
                    match self {
                        #(Self::#variants => #values,)*
                    }
                }
            }
        });
        (
            quote!(value: #type_name),
            quote!(arg::<Text, _>(value.as_str())),
            format!("imagekitio::builder::{type_name}::{first_variant}"),
            format!("{param}-{first}"),
        )
    } else if let Some(items) = &accepts.list {
        let first = items.first().cloned().unwrap_or_else(|| "1".into());
        (
            quote!(value: &[&str]),
            quote!(arg::<Text, _>(value.join("_"))),
            format!("&[{first:?}]"),
            format!("{param}-{first}"),
        )
    } else if accepts.boolean == Some(true) && render == "Flag" {
        (
            TokenStream::new(),
            quote!(arg::<Bool, _>(true)),
            String::new(),
            param.clone(),
        )
    } else {
        let kind = match (
            accepts.number.is_some(),
            accepts.text.is_some(),
            accepts.boolean.is_some(),
        ) {
            (true, false, false) => "Number",
            (false, true, false) => "Text",
            (true, true, false) => "NumberOrText",
            (false, false, true) => "Bool",
            (true, false, true) => "BoolOrNumber",
            (false, true, true) => "BoolOrText",
            _ => {
                return Err(format!(
                    "transformation `{name}`: no builder form for what it accepts"
                ));
            }
        };
        let (sample, rendered) = if accepts.boolean.is_some() {
            let bare = matches!(render, "Flag" | "FlagOrValue");
            let rendered = if bare {
                param.clone()
            } else {
                format!("{param}-true")
            };
            ("true".to_owned(), rendered)
        } else if let Some((min, max)) = accepts.number {
            let n = number_text(sample_number(min, max));
            (n.clone(), format!("{param}-{n}"))
        } else if render == "Raw" {
            ("\"w-100\"".to_owned(), "w-100".to_owned())
        } else {
            ("\"auto\"".to_owned(), format!("{param}-auto"))
        };
        let kind = ident(kind);
        (
            quote!(value: impl Accept<#kind>),
            quote!(value.value()),
            sample,
            rendered,
        )
    };
    let takes = if parameters.is_empty() {
        "no value: it is a flag".to_owned()
    } else {
        describe(accepts, is_enum, &pascal_case(name))
    };
    let description = &step.description;
    // A seed-era name is there for code written from the seed's table, renders as it does in
    // `transform!`, and stays out of the docs (tests/generated.rs checks each one).
    let (doc, hidden) = if step.deprecated {
        (
            format!("{description} (`{param}`; takes {takes})."),
            quote!(#[doc(hidden)]),
        )
    } else {
        (
            format!(
                "{description} (`{param}`; takes {takes}).\n\n\
                 An invalid value makes [`build`](Self::build) return [`Error::InvalidInput`](crate::Error::InvalidInput).\n\n\
                 ```\nlet t = imagekitio::Transformation::builder().{name}({sample}).build()?;\n\
                 assert_eq!(t.as_str(), {rendered:?});\n# Ok::<(), imagekitio::Error>(())\n```"
            ),
            TokenStream::new(),
        )
    };
    let method = ident(name);
    let entry = ident(&name.to_ascii_uppercase());
    let comma = (!parameters.is_empty()).then(|| quote!(,));
    Ok(Method {
        tokens: quote! {
            #hidden
            #[doc = #doc]
            pub fn #method(mut self #comma #parameters) -> Self {
                self.chain.value(&vocabulary::#entry, #value);
                self
            }
        },
        enumeration,
    })
}

/// Where the builder's methods are kept.
pub const BUILDER: &str = "src/generated/builder.rs";

/// The Rust source of [`BUILDER`].
pub fn builder_rust(vocabulary: &Vocabulary) -> Result<String, String> {
    let mut methods = Vec::new();
    let mut enums = Vec::new();
    for step in vocabulary.steps.iter().filter(|s| s.render != "Layer") {
        let Method {
            tokens,
            enumeration,
        } = method(step)?;
        methods.push(tokens);
        enums.extend(enumeration);
    }
    let tokens = quote! {
        impl TransformationBuilder {
            #(#methods)*
        }
        #(#enums)*
    };
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("the generated builder does not parse: {e}"))?;
    Ok(format!(
        "// Generated by codegen/builder.rs from {VOCABULARY}; edit those instead.\n\
         // Refresh with `IMAGEKIT_BLESS=1 cargo test --test generated`.\n\n{}",
        prettyplease::unparse(&file)
    ))
}

fn describe(accepts: &Accepts, is_enum: bool, type_name: &str) -> String {
    if is_enum {
        return format!("a [`{type_name}`]");
    }
    let mut parts = Vec::new();
    if let Some((min, max)) = accepts.number {
        parts.push(match (min, max) {
            (Some(a), Some(b)) => format!("a number in {}..={}", number_text(a), number_text(b)),
            (Some(a), None) => format!("a number >= {}", number_text(a)),
            (None, Some(b)) => format!("a number <= {}", number_text(b)),
            (None, None) => "a number".to_owned(),
        });
    }
    match &accepts.text {
        Some(values) if values.is_empty() => parts.push("a string".to_owned()),
        Some(values) => parts.push(format!("one of {}", values.join(", "))),
        None => {}
    }
    if accepts.boolean.is_some() {
        parts.push("a boolean".to_owned());
    }
    if let Some(items) = &accepts.list {
        parts.push(format!("a list of {}", items.join(", ")));
    }
    if parts.is_empty() {
        "no value: it is a flag".to_owned()
    } else {
        parts.join(" or ")
    }
}
