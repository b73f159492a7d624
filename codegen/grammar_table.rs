//! Writes `grammar/src/vocabulary.rs`, the table of `imagekitio-grammar`, from the model of
//! `codegen/vocabulary.rs`. `imagekitio-grammar` is published on its own and cannot read
//! `../openapi`; `tests/generated.rs` regenerates it, fails when the copy is stale, and rewrites
//! it with `IMAGEKIT_BLESS=1`.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens as _, quote};

use crate::vocabulary::{Accepts, Key, VOCABULARY, Vocabulary, read_schemas};

/// Where `imagekitio-grammar` keeps its table, from the workspace root.
pub const GRAMMAR_TABLE: &str = "grammar/src/vocabulary.rs";

/// The Rust source of [`GRAMMAR_TABLE`], from the vocabulary file.
pub fn grammar_table_from_file() -> Result<String, String> {
    grammar_table(&Vocabulary::read(&read_schemas()?)?)
}

/// `aspect_ratio` -> `ASPECT_RATIO`: the static holding a name's entry.
pub fn entry_static(name: &str) -> Ident {
    Ident::new(&name.to_ascii_uppercase(), Span::call_site())
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn option<T>(value: Option<T>, tokens: impl FnOnce(T) -> TokenStream) -> TokenStream {
    match value {
        Some(value) => {
            let inner = tokens(value);
            quote!(Some(#inner))
        }
        None => quote!(None),
    }
}

fn strings(items: &[String]) -> TokenStream {
    quote!(&[#(#items),*])
}

fn accepts(accepts: &Accepts) -> TokenStream {
    let bound = |b: Option<f64>| option(b, |b| Literal::f64_unsuffixed(b).into_token_stream());
    let number = option(accepts.number, |(min, max)| {
        let (min, max) = (bound(min), bound(max));
        quote!((#min, #max))
    });
    let text = option(accepts.text.as_deref(), strings);
    let boolean = option(accepts.boolean, |b| quote!(#b));
    let list = option(accepts.list.as_deref(), strings);
    quote!(Accepts { number: #number, text: #text, boolean: #boolean, list: #list })
}

/// The slots of a fixed-order object: the table, the lookup by key and the keys for messages.
fn slots(keys: &[Key], table: &str, schema: &str) -> TokenStream {
    let table = ident(table);
    let lookup = ident(&format!("{}_slot", table.to_string().to_ascii_lowercase()));
    let names = ident(&format!("{table}_KEYS"));
    let len = keys.len();
    let rows = keys.iter().map(|key| {
        let spellings = strings(&key.spellings);
        let param = &key.param;
        let accepts = accepts(&key.accepts);
        quote!(Slot { spellings: #spellings, param: #param, accepts: #accepts })
    });
    let arms = keys.iter().enumerate().map(|(index, key)| {
        let spellings = &key.spellings;
        quote!(#(#spellings)|* => #index,)
    });
    let all = keys
        .iter()
        .filter_map(|k| k.spellings.first().cloned())
        .collect::<Vec<_>>()
        .join(", ");
    let table_doc = format!(" The keys of `{schema}`, in the order they are written.");
    let lookup_doc = format!(" The index in [`{table}`] of a key, in any of its spellings.");
    let names_doc = format!(" The keys of `{schema}`, for messages.");
    quote! {
        #[doc = #table_doc]
        pub static #table: [Slot; #len] = [#(#rows),*];
        #[doc = #lookup_doc]
        pub fn #lookup(key: &str) -> Option<usize> {
            Some(match key {
                #(#arms)*
                _ => return None,
            })
        }
        #[doc = #names_doc]
        pub const #names: &str = #all;
    }
}

/// The data tables of `imagekitio-grammar`: one `static` per name (which `transform!` and the
/// builder refer to), the lookups by spelling and by URL parameter, the layer kinds, position
/// and timing.
pub fn grammar_table(vocabulary: &Vocabulary) -> Result<String, String> {
    let statics = vocabulary.steps.iter().map(|step| {
        let id = entry_static(&step.name);
        let name = &step.name;
        let spellings = strings(&step.spellings);
        let param = &step.param;
        let render = ident(step.render);
        let accepts = accepts(&step.accepts);
        let deprecated = step.deprecated;
        let doc = format!(" `{name}` (`{param}`).");
        quote! {
            #[doc = #doc]
            pub static #id: Entry = Entry {
                name: #name,
                spellings: #spellings,
                param: #param,
                render: Render::#render,
                accepts: #accepts,
                deprecated: #deprecated,
            };
        }
    });
    let all = vocabulary.steps.iter().map(|s| entry_static(&s.name));
    let arms = vocabulary.steps.iter().map(|step| {
        let id = entry_static(&step.name);
        let spellings = &step.spellings;
        quote!(#(#spellings)|* => &#id,)
    });
    // A URL parameter given as the name (`{"e-grayscale": "-"}`) renders by the rule of today's
    // name for it, as ImageKit's SDKs do.
    let mut params = std::collections::BTreeSet::new();
    let param_arms = vocabulary
        .steps
        .iter()
        .filter(|step| {
            !step.deprecated
                && !matches!(step.render, "Raw" | "Layer")
                && !step.spellings.contains(&step.param)
                && params.insert(step.param.clone())
        })
        .map(|step| {
            let id = entry_static(&step.name);
            let param = &step.param;
            quote!(#param => &#id,)
        })
        .collect::<Vec<_>>();

    let layer_count = vocabulary.layers.len();
    let layers = vocabulary.layers.iter().map(|layer| {
        let types = strings(&layer.types);
        let open = &layer.open;
        let input_field = &layer.input_field;
        let input = ident(layer.input);
        let names = option(layer.names.as_deref(), strings);
        quote! {
            LayerKind {
                types: #types,
                open: #open,
                input_field: #input_field,
                input: Input::#input,
                names: #names,
            }
        }
    });
    let layer_arms = vocabulary.layers.iter().enumerate().map(|(index, layer)| {
        let types = &layer.types;
        quote!(#(#types)|* => &LAYERS[#index],)
    });
    let layer_types = vocabulary
        .layers
        .iter()
        .filter_map(|l| l.types.first().cloned())
        .collect::<Vec<_>>()
        .join(", ");
    let mode_param = &vocabulary.layer_mode_param;
    let modes = strings(&vocabulary.layer_modes);
    let position = slots(&vocabulary.position, "POSITION", "OverlayPosition");
    let timing = slots(&vocabulary.timing, "TIMING", "OverlayTiming");

    let tokens = quote! {
        use crate::{Accepts, Entry, Input, LayerKind, Render, Slot};

        #(#statics)*

        /// Every transformation name, in the vocabulary's order.
        pub static ENTRIES: &[&Entry] = &[#(&#all),*];

        /// Looks a transformation name up in any of its spellings.
        pub fn lookup(name: &str) -> Option<&'static Entry> {
            Some(match name {
                #(#arms)*
                _ => return None,
            })
        }

        /// The entry of a URL parameter given directly as a name (`e-grayscale`), which renders
        /// by that entry's rule; seed-era names and `raw` are left out.
        pub fn by_param(param: &str) -> Option<&'static Entry> {
            Some(match param {
                #(#param_arms)*
                _ => return None,
            })
        }

        /// The layer kinds.
        pub static LAYERS: [LayerKind; #layer_count] = [#(#layers),*];

        /// Looks a layer `type` up, in any of its spellings.
        pub fn layer_kind(kind: &str) -> Option<&'static LayerKind> {
            Some(match kind {
                #(#layer_arms)*
                _ => return None,
            })
        }

        /// The layer types, for messages.
        pub const LAYER_TYPES: &str = #layer_types;

        /// The parameter and values of `layer_mode`.
        pub static LAYER_MODE: (&str, &[&str]) = (#mode_param, #modes);

        #position
        #timing
    };
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("the generated table does not parse: {e}"))?;
    Ok(format!(
        "// Generated by codegen/grammar_table.rs from {VOCABULARY}; edit those instead.\n\
         // Refresh with `IMAGEKIT_BLESS=1 cargo test --test generated`.\n\n\
         //! The vocabulary of `{VOCABULARY}`: every name, layer kind, position and timing key.\n\n{}",
        prettyplease::unparse(&file)
    ))
}
