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
    shared::{
        self, Arg, Encoding, LayerKind, Render, Scalar, Slot,
        vocabulary::{LAYER_MODE, LAYERS, POSITION, TIMING, layer_kind},
    },
    syntax::{Errors, Item, Literal, literal, suggest},
};

/// Renders an overlay's `transformation(...)`; given by the caller, which renders steps.
pub(crate) type Nested = fn(&LayerKind, &Group, &mut Errors) -> Option<String>;

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
        Some(number @ (Literal::Int(_) | Literal::Float(_))) => number.text(),
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
pub(crate) fn render(group: &Group, errors: &mut Errors, nested_steps: Nested) -> Option<String> {
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
    let Some(kind) = layer_kind(&kind_name) else {
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
    let mut position: [Option<Literal>; POSITION.len()] = std::array::from_fn(|_| None);
    let mut timing: [Option<Literal>; TIMING.len()] = std::array::from_fn(|_| None);
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
                let (slots, out): (&[Slot], &mut [Option<Literal>]) = if option == "position" {
                    (&POSITION, &mut position)
                } else {
                    (&TIMING, &mut timing)
                };
                match &item.args {
                    Some(args) => read_slots(option, slots, out, args, errors),
                    None => errors.at(
                        item.name.span(),
                        format!("write `{option}(...)` with its keys inside"),
                    ),
                }
            }
            _ => match &item.args {
                Some(args) => nested = nested_steps(kind, args, errors),
                None => errors.at(
                    item.name.span(),
                    "write `transformation(...)` with steps inside, as in `transform!`",
                ),
            },
        }
    }

    let input = input.filter(|i| !i.is_empty())?;
    let (position, timing) = (scalars(&position), scalars(&timing));
    let mut out = String::new();
    shared::write_layer(
        &mut out,
        &shared::Layer {
            kind,
            input: &input,
            encoding,
            mode: mode.as_deref().map(Scalar::Str),
            position: &position,
            timing: &timing,
            nested: nested.as_deref().unwrap_or_default(),
        },
    );
    Some(out)
}

fn scalars(values: &[Option<Literal>]) -> Vec<Option<Scalar<'_>>> {
    values
        .iter()
        .map(|v| v.as_ref().and_then(Literal::scalar))
        .collect()
}

/// `position(...)` or `timing(...)`: each value checked and put in its slot's place in `values`.
fn read_slots(
    what: &str,
    slots: &[Slot],
    values: &mut [Option<Literal>],
    group: &Group,
    errors: &mut Errors,
) {
    let Some(items) = items(group, errors) else {
        return;
    };
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
            Some(number @ (Literal::Int(_) | Literal::Float(_))) => {
                let n = number.number().unwrap_or_default();
                shared::check(&name, Render::Value, &slot.accepts, Arg::Number(n)).map(|()| number)
            }
            Some(Literal::Text(s)) => {
                shared::check(&name, Render::Value, &slot.accepts, Arg::Text(&s))
                    .map(|()| Literal::Text(s))
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
                    *place = Some(text);
                }
            }
            Err(message) => errors.at(value.span(), message),
        }
    }
}
