//! The syntax of `transform!`: steps separated by `;`, parameters by `,`, each `name`,
//! `name = value` or `name(...)`; and the literal values it reads. Nothing here knows the
//! vocabulary.

use proc_macro2::{Group, Span};
use syn::{
    Expr, ExprArray, ExprLit, ExprUnary, Ident, Lit, Token, UnOp,
    parse::{Parse, ParseStream},
    spanned::Spanned,
};

use crate::shared::Scalar;

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
    pub(crate) end: Option<Span>,
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

/// A literal value, read from the tokens.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Literal {
    /// An integer, kept exact whatever its size.
    Int(i128),
    Float(f64),
    Text(String),
    Bool(bool),
    List(Vec<String>),
}

impl Literal {
    /// The number to check against a range, for a number.
    pub(crate) fn number(&self) -> Option<f64> {
        match self {
            Literal::Int(n) => Some(*n as f64),
            Literal::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// The value to render; `None` for a list, and for an integer beyond 64 bits, which no
    /// parameter takes.
    pub(crate) fn scalar(&self) -> Option<Scalar<'_>> {
        Some(match self {
            Literal::Int(n) => match i64::try_from(*n) {
                Ok(n) => Scalar::Int(n),
                Err(_) => Scalar::UInt(u64::try_from(*n).ok()?),
            },
            Literal::Float(f) => Scalar::Float(*f),
            Literal::Text(s) => Scalar::Str(s),
            Literal::Bool(b) => Scalar::Bool(*b),
            Literal::List(_) => return None,
        })
    }

    /// A number or string as text (list items, overlay values); `None` for others.
    pub(crate) fn text(&self) -> Option<String> {
        match self {
            Literal::Int(n) => Some(n.to_string()),
            Literal::Float(_) => {
                let mut out = String::new();
                self.scalar()?.write(&mut out);
                Some(out)
            }
            Literal::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
}

/// Reads a literal (`300`, `-5`, `0.8`, `"auto"`, `true`, `["360", "720"]`); `None` for any
/// other expression, which is then rendered at run time.
pub(crate) fn literal(expr: &Expr, errors: &mut Errors) -> Option<Literal> {
    match expr {
        Expr::Lit(ExprLit { lit, .. }) => match lit {
            Lit::Int(int) => match int.base10_parse::<i128>() {
                Ok(n) => Some(Literal::Int(n)),
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
            Lit::Float(float) => match float.base10_parse::<f64>() {
                Ok(n) => Some(Literal::Float(n)),
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
            Literal::Int(n) => Some(Literal::Int(-n)),
            Literal::Float(f) => Some(Literal::Float(-f)),
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
                    Some(number @ (Literal::Int(_) | Literal::Float(_))) => {
                        items.extend(number.text())
                    }
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

#[cfg(test)]
mod tests;
