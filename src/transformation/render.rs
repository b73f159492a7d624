//! How one `name: value` pair of a step becomes URL text: the rules of ImageKit's Node 7 and
//! Python 5 SDKs, selected per name by the vocabulary's `x-ik-render`.

use std::fmt::Write as _;

use super::vocabulary::{self, Render};

/// A value of a step, or of a layer's position or timing.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
}

/// What a step name maps to: a scalar, a list (joined with `_`), or a rendered layer (`None`
/// when the layer had no input and so renders nothing).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum StepValue {
    Scalar(Scalar),
    List(Vec<Scalar>),
    Layer(Option<String>),
}

impl Scalar {
    fn is_blank(&self) -> bool {
        matches!(self, Scalar::Str(s) if s.trim().is_empty())
    }

    /// `true`, `"true"` or `"-"`: the ways the SDKs ask for a parameter without a value.
    fn asks_for_bare_parameter(&self) -> bool {
        match self {
            Scalar::Bool(b) => *b,
            Scalar::Str(s) => s == "true" || s == "-",
            _ => false,
        }
    }

    /// JavaScript truthiness, which decides whether a layer's position and timing are written.
    pub(crate) fn is_truthy(&self) -> bool {
        match self {
            Scalar::Null => false,
            Scalar::Bool(b) => *b,
            Scalar::Int(n) => *n != 0,
            Scalar::UInt(n) => *n != 0,
            Scalar::Float(f) => *f != 0.0 && !f.is_nan(),
            Scalar::Str(s) => !s.is_empty(),
        }
    }

    /// Writes the value as the SDKs print it: `true`, integers without `.0`.
    pub(crate) fn write(&self, out: &mut String) {
        match self {
            Scalar::Null => {}
            Scalar::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Scalar::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Scalar::UInt(n) => {
                let _ = write!(out, "{n}");
            }
            Scalar::Float(f) => write_float(out, *f),
            Scalar::Str(s) => out.push_str(s),
        }
    }
}

/// `5.0` -> `5`, `0.8` -> `0.8`: Python SDK 5's formatting, and what JavaScript prints.
fn write_float(out: &mut String, f: f64) {
    // 2^53: every integral float below it converts to i64 exactly.
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        let _ = write!(out, "{}", f as i64);
    } else {
        let _ = write!(out, "{f}");
    }
}

/// Writes the parameters of one step, with `,` between them.
pub(crate) struct StepWriter<'a> {
    out: &'a mut String,
    start: usize,
}

impl<'a> StepWriter<'a> {
    pub(crate) fn new(out: &'a mut String) -> Self {
        let start = out.len();
        Self { out, start }
    }

    /// Continues a step that started at `start` in `out`.
    pub(crate) fn resume(out: &'a mut String, start: usize) -> Self {
        Self { out, start }
    }

    /// Whether anything was written.
    pub(crate) fn is_empty(&self) -> bool {
        self.out.len() == self.start
    }

    /// The length of the buffer, to find what a later write added.
    pub(crate) fn len(&self) -> usize {
        self.out.len()
    }

    /// What was written after the buffer had length `at`.
    pub(crate) fn written_since(&self, at: usize) -> &str {
        self.out.get(at..).unwrap_or_default()
    }

    /// Starts a new parameter and returns the buffer to write it to.
    pub(crate) fn entry(&mut self) -> &mut String {
        if !self.is_empty() {
            self.out.push(',');
        }
        self.out
    }

    /// Writes `name: value` by the rule the vocabulary gives `name`. A URL parameter given as
    /// the name (`e-grayscale`) renders as its name in the vocabulary would; other unknown
    /// names render as `name-value`, or bare for `-`, as in ImageKit's SDKs.
    pub(crate) fn pair(&mut self, name: &str, value: &StepValue) {
        let (param, render) = match vocabulary::step_param(name) {
            Some(p) => (p.param, p.render),
            None => (
                name,
                vocabulary::param_render(name).unwrap_or(Render::DashFlag),
            ),
        };
        let scalar = match value {
            StepValue::Layer(layer) => {
                if let Some(layer) = layer {
                    self.entry().push_str(layer);
                }
                return;
            }
            StepValue::List(items) => {
                self.list(param, items);
                return;
            }
            StepValue::Scalar(scalar) => scalar,
        };
        match render {
            Render::Flag => {
                if scalar.asks_for_bare_parameter() {
                    self.entry().push_str(param);
                }
            }
            Render::FlagOrValue if scalar.asks_for_bare_parameter() || scalar.is_blank() => {
                self.entry().push_str(param);
            }
            Render::DashFlag if matches!(scalar, Scalar::Str(s) if s == "-") => {
                self.entry().push_str(param);
            }
            Render::Raw => match scalar {
                Scalar::Str(s) if !s.trim().is_empty() => self.entry().push_str(s),
                Scalar::Int(_) | Scalar::UInt(_) | Scalar::Float(_) => scalar.write(self.entry()),
                _ => {}
            },
            Render::Path => match scalar {
                Scalar::Str(s) => {
                    let trimmed = s.strip_prefix('/').unwrap_or(s);
                    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
                    if !trimmed.trim().is_empty() {
                        let out = self.entry();
                        out.push_str(param);
                        out.push('-');
                        out.push_str(&trimmed.replace('/', "@@"));
                    }
                }
                other => self.value(param, other),
            },
            Render::TrueIfEmpty if scalar.is_blank() => {
                let out = self.entry();
                out.push_str(param);
                out.push_str("-true");
            }
            _ => self.value(param, scalar),
        }
    }

    /// `param-value`; `null`, `false` and blank strings render nothing.
    fn value(&mut self, param: &str, scalar: &Scalar) {
        if matches!(scalar, Scalar::Null | Scalar::Bool(false)) || scalar.is_blank() {
            return;
        }
        let out = self.entry();
        out.push_str(param);
        out.push('-');
        scalar.write(out);
    }

    /// `param-a_b_c` (`streaming_resolutions`, per-corner `radius`); an empty list renders nothing.
    fn list(&mut self, param: &str, items: &[Scalar]) {
        let mut items = items
            .iter()
            .filter(|item| !matches!(item, Scalar::Null))
            .peekable();
        if items.peek().is_none() {
            return;
        }
        let out = self.entry();
        out.push_str(param);
        out.push('-');
        for (i, item) in items.enumerate() {
            if i > 0 {
                out.push('_');
            }
            item.write(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(name: &str, value: StepValue) -> String {
        let mut out = String::new();
        StepWriter::new(&mut out).pair(name, &value);
        out
    }

    fn text(s: &str) -> StepValue {
        StepValue::Scalar(Scalar::Str(s.into()))
    }

    #[test]
    fn flag_renders_bare_for_true_and_nothing_otherwise() {
        assert_eq!(
            render("grayscale", StepValue::Scalar(Scalar::Bool(true))),
            "e-grayscale"
        );
        assert_eq!(render("grayscale", text("-")), "e-grayscale");
        assert_eq!(render("grayscale", text("yes")), "");
    }

    #[test]
    fn flag_or_value_renders_bare_for_empty_and_value_otherwise() {
        assert_eq!(render("sharpen", text("")), "e-sharpen");
        assert_eq!(
            render("sharpen", StepValue::Scalar(Scalar::UInt(10))),
            "e-sharpen-10"
        );
    }

    #[test]
    fn seed_effect_names_render_bare_only_for_dash() {
        assert_eq!(render("effect_sharpen", text("-")), "e-sharpen");
        assert_eq!(render("effectContrast", text("true")), "e-contrast-true");
    }

    #[test]
    fn path_values_use_double_at_for_slashes() {
        assert_eq!(
            render("default_image", text("/a/b/c.jpg/")),
            "di-a@@b@@c.jpg"
        );
    }

    #[test]
    fn integral_floats_print_without_fraction() {
        assert_eq!(
            render("width", StepValue::Scalar(Scalar::Float(20.0))),
            "w-20"
        );
        assert_eq!(
            render("opacity", StepValue::Scalar(Scalar::Float(0.8))),
            "o-0.8"
        );
    }

    #[test]
    fn lists_join_with_underscore() {
        let list = StepValue::List(vec![Scalar::Str("1440".into()), Scalar::UInt(1080)]);
        assert_eq!(render("streamingResolutions", list), "sr-1440_1080");
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
        assert_eq!(render("e-grayscale", yes.clone()), "e-grayscale");
        assert_eq!(render("e-sharpen", text("-")), "e-sharpen");
        assert_eq!(
            render("e-sharpen", StepValue::Scalar(Scalar::UInt(10))),
            "e-sharpen-10"
        );
        assert_eq!(render("w", StepValue::Scalar(Scalar::UInt(300))), "w-300");
        assert_eq!(render("t", text("")), "t-true");
    }

    #[test]
    fn false_and_blank_values_render_nothing() {
        assert_eq!(
            render("progressive", StepValue::Scalar(Scalar::Bool(false))),
            ""
        );
        assert_eq!(render("named", text("  ")), "");
    }
}
