//! The list-of-steps form's values, owned as they are read, and how one `name: value` pair of a
//! step reaches the grammar's renderer (`imagekitio_grammar::Step`), which all three forms
//! share.

use super::shared::{self, Render, Step, vocabulary};

/// A value of a step, or of a layer's position or timing, as deserialized.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
}

impl Scalar {
    /// The value as the renderer takes it.
    pub(crate) fn borrowed(&self) -> shared::Scalar<'_> {
        match self {
            Scalar::Null => shared::Scalar::Null,
            Scalar::Bool(b) => shared::Scalar::Bool(*b),
            Scalar::Int(n) => shared::Scalar::Int(*n),
            Scalar::UInt(n) => shared::Scalar::UInt(*n),
            Scalar::Float(f) => shared::Scalar::Float(*f),
            Scalar::Str(s) => shared::Scalar::Str(s),
        }
    }
}

/// What a step name maps to: a scalar, a list (joined with `_`), or a rendered layer (`None`
/// when the layer had no input and so renders nothing).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum StepValue {
    Scalar(Scalar),
    List(Vec<Scalar>),
    Layer(Option<String>),
}

/// Writes `name: value` by the rule the vocabulary gives `name`. A URL parameter given as the
/// name (`e-grayscale`) renders as its name in the vocabulary would; other unknown names render
/// as `name-value`, or bare for `-`, as in ImageKit's SDKs.
pub(crate) fn pair(step: &mut Step<'_>, name: &str, value: &StepValue) {
    let (param, render) = match vocabulary::lookup(name) {
        Some(entry) => (entry.param, entry.render),
        None => (
            name,
            vocabulary::by_param(name).map_or(Render::DashFlag, |entry| entry.render),
        ),
    };
    match value {
        StepValue::Layer(layer) => step.rendered(layer.as_deref().unwrap_or_default()),
        StepValue::List(items) => step.write_list(param, items.iter().map(Scalar::borrowed)),
        StepValue::Scalar(scalar) => step.write_value(param, render, scalar.borrowed()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(name: &str, value: StepValue) -> String {
        let mut out = String::new();
        pair(&mut Step::new(&mut out), name, &value);
        out
    }

    fn text(s: &str) -> StepValue {
        StepValue::Scalar(Scalar::Str(s.into()))
    }

    #[test]
    fn a_spelling_renders_by_its_entry() {
        assert_eq!(
            render(
                "streamingResolutions",
                StepValue::List(vec![Scalar::Str("1440".into()), Scalar::UInt(1080)])
            ),
            "sr-1440_1080"
        );
        assert_eq!(render("effectContrast", text("true")), "e-contrast-true");
    }

    #[test]
    fn unknown_names_pass_through() {
        assert_eq!(render("fake_xxxx", text("400")), "fake_xxxx-400");
        assert_eq!(render("fake_xxxx", text("-")), "fake_xxxx");
    }

    #[test]
    fn a_url_parameter_given_as_the_name_renders_as_its_known_name() {
        assert_eq!(render("e-grayscale", text("-")), "e-grayscale");
        let yes = StepValue::Scalar(Scalar::Bool(true));
        assert_eq!(render("e-grayscale", yes), "e-grayscale");
        assert_eq!(render("e-sharpen", text("-")), "e-sharpen");
        assert_eq!(
            render("e-sharpen", StepValue::Scalar(Scalar::UInt(10))),
            "e-sharpen-10"
        );
        assert_eq!(render("w", StepValue::Scalar(Scalar::UInt(300))), "w-300");
        assert_eq!(render("t", text("")), "t-true");
    }

    #[test]
    fn a_layer_without_input_renders_nothing() {
        assert_eq!(render("overlay", StepValue::Layer(None)), "");
    }
}
