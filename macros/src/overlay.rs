//! `overlay(...)` in `transform!`: a layer written as its kind and input, then its options.
//!
//! ```text
//! overlay(text = "Hi", encoding = "plain", layer_mode = "multiply",
//!         position(x = 10, y = 20, focus = "center"), timing(start = 2, duration = 5),
//!         transformation(font_size = 20, font_color = "FF0000"; rotation = 90))
//! ```
//!
//! Kinds, openings, input rules, position and timing keys come from the vocabulary; values must
//! be literals, so a layer is always rendered at compile time.

use proc_macro2::Group;
use syn::{Token, parse::Parser, punctuated::Punctuated, spanned::Spanned};

use crate::{
    expand::{Chain, Errors, Item, Literal, Piece, literal, lookup, step, suggest},
    shared::{self, Arg, Encoding, LayerKind, Render, Slot},
    vocabulary::{LAYER_MODE, LAYERS, POSITION, TIMING},
};

const OPTIONS: &[&str] = &[
    "encoding",
    "layer_mode",
    "layerMode",
    "position",
    "timing",
    "transformation",
];

fn kinds() -> String {
    LAYERS
        .iter()
        .flat_map(|l| l.types.iter().copied())
        .collect::<Vec<_>>()
        .join(", ")
}

fn items(group: &Group, errors: &mut Errors) -> Option<Punctuated<Item, Token![,]>> {
    match Punctuated::<Item, Token![,]>::parse_terminated.parse2(group.stream()) {
        Ok(items) => Some(items),
        Err(error) => {
            errors.push(error);
            None
        }
    }
}

/// A literal string (or number) value, or an error at it.
fn text_value(item: &Item, errors: &mut Errors) -> Option<String> {
    let Some(value) = &item.value else {
        errors.at(item.name.span(), format!("`{}` needs a value", item.name));
        return None;
    };
    match literal(value, errors) {
        Some(Literal::Text(s)) => Some(s),
        Some(Literal::Number { text, .. }) => Some(text),
        Some(_) => {
            errors.at(value.span(), "expected a string");
            None
        }
        None => {
            errors.at(
                value.span(),
                "overlay values must be literals (build run-time overlays with the serde form of \
                 `Transformation`)",
            );
            None
        }
    }
}

/// Renders `overlay(...)`, or reports why it cannot.
pub(crate) fn render(group: &Group, errors: &mut Errors) -> Option<String> {
    let items = items(group, errors)?;
    let mut items = items.iter();
    let Some(first) = items.next() else {
        errors.at(
            group.span(),
            format!(
                "an overlay starts with its kind and input, such as `overlay(text = \"Hi\")` or \
                 `overlay(image = \"/logo.png\")`; kinds: {}",
                kinds()
            ),
        );
        return None;
    };
    let kind_name = first.name.to_string();
    let Some(kind) = LAYERS
        .iter()
        .find(|l| l.types.contains(&kind_name.as_str()))
    else {
        let hint = match suggest(
            &kind_name,
            LAYERS.iter().flat_map(|l| l.types.iter().copied()),
        ) {
            Some(close) => format!("did you mean `{close}`? "),
            None => String::new(),
        };
        errors.at(
            first.name.span(),
            format!(
                "`{kind_name}` is not a layer kind; {hint}an overlay starts with one of: {}",
                kinds()
            ),
        );
        return None;
    };
    let input = text_value(first, errors);
    if input.as_deref() == Some("") {
        errors.at(first.value.span(), "an overlay needs a non-empty input");
    }
    if kind.input == shared::Input::Color
        && let (Some(input), Some(value)) = (&input, &first.value)
        && let Err(message) = shared::check(
            "solid_color",
            Render::Value,
            &shared::Accepts {
                number: None,
                text: Some(&[]),
                boolean: None,
                list: None,
            },
            Arg::Text(input),
        )
    {
        errors.at(value.span(), message);
    }

    let mut encoding = Encoding::Auto;
    let mut mode = None;
    let mut position = String::new();
    let mut timing = String::new();
    let mut nested = None;
    let mut seen: Vec<&'static str> = Vec::new();
    for item in items {
        let name = item.name.to_string();
        let Some(option) = OPTIONS.iter().copied().find(|o| *o == name) else {
            let hint = match suggest(&name, OPTIONS.iter().copied()) {
                Some(close) => format!("did you mean `{close}`? "),
                None => String::new(),
            };
            errors.at(
                item.name.span(),
                format!(
                    "unknown overlay option `{name}`; {hint}options: encoding, layer_mode, \
                     position(...), timing(...), transformation(...)"
                ),
            );
            continue;
        };
        let option = if option == "layerMode" {
            "layer_mode"
        } else {
            option
        };
        if seen.contains(&option) {
            errors.at(
                item.name.span(),
                format!("`{option}` appears twice in this overlay"),
            );
            continue;
        }
        seen.push(option);
        match option {
            "encoding" => {
                if let Some(value) = text_value(item, errors) {
                    match Encoding::parse(&value) {
                        Some(e) => encoding = e,
                        None => errors.at(
                            item.value.span(),
                            format!(
                                "`encoding` must be one of: auto, plain, base64; not {value:?}"
                            ),
                        ),
                    }
                }
            }
            "layer_mode" => {
                if let Some(value) = text_value(item, errors) {
                    if LAYER_MODE.1.contains(&value.as_str()) {
                        mode = Some(value);
                    } else {
                        errors.at(
                            item.value.span(),
                            format!(
                                "`layer_mode` must be one of: {}; not {value:?}",
                                LAYER_MODE.1.join(", ")
                            ),
                        );
                    }
                }
            }
            "position" | "timing" => {
                let (slots, out) = if option == "position" {
                    (POSITION, &mut position)
                } else {
                    (TIMING, &mut timing)
                };
                match &item.args {
                    Some(args) => *out = render_slots(option, slots, args, errors),
                    None => errors.at(
                        item.name.span(),
                        format!("write `{option}(...)` with its keys inside"),
                    ),
                }
            }
            _ => match &item.args {
                Some(args) => nested = render_nested(kind, args, errors),
                None => errors.at(
                    item.name.span(),
                    "write `transformation(...)` with steps inside, as in `transform!`",
                ),
            },
        }
    }

    let input = input.filter(|i| !i.is_empty())?;
    let mut out = String::from(kind.open);
    out.push(',');
    shared::push_layer_input(
        &mut out,
        kind.input,
        &input,
        encoding,
        shared::push_uri_component,
    );
    if let Some(mode) = mode {
        out.push(',');
        out.push_str(LAYER_MODE.0);
        out.push('-');
        out.push_str(&mode);
    }
    out.push_str(&position);
    out.push_str(&timing);
    if let Some(nested) = nested.filter(|n| !n.is_empty()) {
        out.push(',');
        out.push_str(&nested);
    }
    out.push_str(",l-end");
    Some(out)
}

/// `position(...)` or `timing(...)`: `,param-value` for each value that is not zero, empty or
/// false (as the SDKs skip them), in the vocabulary's order.
fn render_slots(what: &str, slots: &[Slot], group: &Group, errors: &mut Errors) -> String {
    let Some(items) = items(group, errors) else {
        return String::new();
    };
    let mut values: Vec<Option<String>> = vec![None; slots.len()];
    for item in &items {
        let name = item.name.to_string();
        let Some(index) = slots
            .iter()
            .position(|s| s.spellings.contains(&name.as_str()))
        else {
            let all = slots.iter().flat_map(|s| s.spellings.iter().copied());
            let keys = slots
                .iter()
                .map(|s| s.spellings[..1].join(""))
                .collect::<Vec<_>>();
            let hint = match suggest(&name, all) {
                Some(close) => format!("did you mean `{close}`? "),
                None => String::new(),
            };
            errors.at(
                item.name.span(),
                format!(
                    "unknown {what} key `{name}`; {hint}keys: {}",
                    keys.join(", ")
                ),
            );
            continue;
        };
        let Some(slot) = slots.get(index) else {
            continue;
        };
        let Some(value) = &item.value else {
            errors.at(item.name.span(), format!("`{name}` needs a value"));
            continue;
        };
        let checked = match literal(value, errors) {
            Some(Literal::Number { value: n, text }) => {
                shared::check(&name, Render::Value, &slot.accepts, Arg::Number(n))
                    .map(|()| (n != 0.0).then_some(text))
            }
            Some(Literal::Text(s)) => {
                shared::check(&name, Render::Value, &slot.accepts, Arg::Text(&s))
                    .map(|()| (!s.is_empty()).then_some(s))
            }
            Some(_) => Err(format!(
                "`{name}` takes {}",
                shared::expected(&slot.accepts)
            )),
            None => Err("overlay values must be literals".into()),
        };
        match checked {
            Ok(text) => {
                if let Some(place) = values.get_mut(index) {
                    if place.is_some() {
                        errors.at(item.name.span(), format!("`{name}` appears twice"));
                    }
                    *place = text;
                }
            }
            Err(message) => errors.at(value.span(), message),
        }
    }
    let mut out = String::new();
    for (slot, value) in slots.iter().zip(values) {
        if let Some(value) = value {
            out.push(',');
            out.push_str(slot.param);
            out.push('-');
            out.push_str(&value);
        }
    }
    out
}

/// `transformation(...)`: a chain, with only the names the layer kind takes.
fn render_nested(kind: &LayerKind, group: &Group, errors: &mut Errors) -> Option<String> {
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
                if let Some(entry) = lookup(&item.name.to_string())
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
                Piece::Runtime(_) => {
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
