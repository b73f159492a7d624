//! The subset of ImageKit's `searchQuery` language the fake understands.
//!
//! `condition (AND|OR condition)*`, with `AND` binding tighter and parentheses to group.
//! A condition is `field operator value`:
//!
//! | field | operators | value |
//! |---|---|---|
//! | `name` | `=` (exact), `:` (prefix), `IN [..]`, `NOT =`, `NOT IN [..]` | text |
//! | `tags` | `IN [..]`, `NOT IN [..]`, `=` | text |
//! | `format` | `=`, `IN [..]`, `NOT =`, `NOT IN [..]` | `jpg`, `png`, ... |
//! | `size` | `=` `<` `<=` `>` `>=` | bytes, or with a unit: `"500kb"`, `"2mb"`, `"1gb"` (1024-based) |
//! | `width`, `height` | `=` `<` `<=` `>` `>=` | pixels |
//! | `createdAt`, `updatedAt` | `=` `<` `<=` `>` `>=` | `2020-01-01`, `"2020-01-01T12:12:12"`, or relative `"1h"` `"2d"` `"3w"` `"4m"` (months) ago |
//!
//! Anything else is refused with the field or operator named, never ignored.

use chrono::{DateTime, Duration, Months, NaiveDate, NaiveDateTime, Utc};

/// What a condition is evaluated against: a file or a folder.
pub(super) struct Subject<'a> {
    pub(super) name: &'a str,
    pub(super) tags: &'a [String],
    pub(super) format: Option<&'a str>,
    pub(super) size: Option<u64>,
    pub(super) width: Option<u32>,
    pub(super) height: Option<u32>,
    pub(super) created_at: DateTime<Utc>,
    pub(super) updated_at: DateTime<Utc>,
}

/// A parsed query.
#[derive(Debug)]
pub(super) enum Query {
    Or(Vec<Query>),
    And(Vec<Query>),
    Text {
        field: TextField,
        test: TextTest,
        negated: bool,
    },
    Number {
        field: NumberField,
        op: Comparison,
        value: u64,
    },
    Time {
        field: TimeField,
        op: Comparison,
        value: DateTime<Utc>,
    },
}

#[derive(Clone, Copy, Debug)]
pub(super) enum TextField {
    Name,
    Tags,
    Format,
}

#[derive(Debug)]
pub(super) enum TextTest {
    Exact(String),
    Prefix(String),
    AnyOf(Vec<String>),
}

#[derive(Clone, Copy, Debug)]
pub(super) enum NumberField {
    Size,
    Width,
    Height,
}

#[derive(Clone, Copy, Debug)]
pub(super) enum TimeField {
    Created,
    Updated,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Comparison {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Open,
    Close,
    OpenList,
    CloseList,
    Comma,
    Operator(&'static str),
    Word(String),
    Quoted(String),
}

/// Parses `text` at time `now` (relative dates count back from it); the error is the message
/// of ImageKit's 400.
pub(super) fn parse(text: &str, now: DateTime<Utc>) -> Result<Query, String> {
    let tokens = tokenize(text)?;
    let mut parser = Parser { tokens, at: 0, now };
    let query = parser.or()?;
    match parser.peek() {
        None => Ok(query),
        Some(token) => Err(syntax(format!(
            "unexpected {token:?} after a complete query"
        ))),
    }
}

fn syntax(detail: impl std::fmt::Display) -> String {
    format!("Your request contains invalid syntax for the searchQuery parameter: {detail}.")
}

fn unsupported(what: impl std::fmt::Display) -> String {
    format!(
        "FakeImageKit does not support {what} in searchQuery; it supports name, tags, format, \
         size, width, height, createdAt and updatedAt with AND, OR and parentheses (see \
         imagekitio::testing)."
    )
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        let token = match c {
            c if c.is_whitespace() => continue,
            '(' => Token::Open,
            ')' => Token::Close,
            '[' => Token::OpenList,
            ']' => Token::CloseList,
            ',' => Token::Comma,
            '=' => Token::Operator("="),
            ':' => Token::Operator(":"),
            '<' | '>' => {
                let equal = chars.next_if(|(_, next)| *next == '=').is_some();
                Token::Operator(match (c, equal) {
                    ('<', false) => "<",
                    ('<', true) => "<=",
                    (_, false) => ">",
                    (_, true) => ">=",
                })
            }
            '"' | '\'' => {
                let mut value = String::new();
                loop {
                    match chars.next() {
                        Some((_, end)) if end == c => break,
                        Some((_, '\\')) => {
                            if let Some((_, escaped)) = chars.next() {
                                value.push(escaped);
                            }
                        }
                        Some((_, other)) => value.push(other),
                        None => return Err(syntax(format!("a {c}-quoted value is not closed"))),
                    }
                }
                Token::Quoted(value)
            }
            first => {
                let mut word = first.to_string();
                while let Some((_, next)) =
                    chars.next_if(|(_, n)| !n.is_whitespace() && !"()[],=:<>\"'".contains(*n))
                {
                    word.push(next);
                }
                Token::Word(word)
            }
        };
        tokens.push(token);
    }
    if tokens.is_empty() {
        return Err(syntax("the query is empty"));
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    now: DateTime<Utc>,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn keyword(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Token::Word(w)) if w == word) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> Result<Query, String> {
        let mut terms = vec![self.and()?];
        while self.keyword("OR") {
            terms.push(self.and()?);
        }
        Ok(if terms.len() == 1 {
            terms.remove(0)
        } else {
            Query::Or(terms)
        })
    }

    fn and(&mut self) -> Result<Query, String> {
        let mut factors = vec![self.factor()?];
        while self.keyword("AND") {
            factors.push(self.factor()?);
        }
        Ok(if factors.len() == 1 {
            factors.remove(0)
        } else {
            Query::And(factors)
        })
    }

    fn factor(&mut self) -> Result<Query, String> {
        if self.peek() == Some(&Token::Open) {
            self.at += 1;
            let inner = self.or()?;
            return match self.next() {
                Some(Token::Close) => Ok(inner),
                _ => Err(syntax("a parenthesis is not closed")),
            };
        }
        let field = match self.next() {
            Some(Token::Word(w) | Token::Quoted(w)) => w,
            other => return Err(syntax(format!("expected a field name, found {other:?}"))),
        };
        let negated = self.keyword("NOT");
        let operator = match self.next() {
            Some(Token::Operator(op)) => op,
            Some(Token::Word(w)) if w == "IN" => "IN",
            other => {
                return Err(syntax(format!(
                    "expected an operator after {field}, found {other:?}"
                )));
            }
        };
        let text_field = match field.as_str() {
            "name" => Some(TextField::Name),
            "tags" => Some(TextField::Tags),
            "format" => Some(TextField::Format),
            _ => None,
        };
        if let Some(text_field) = text_field {
            let test = match (text_field, operator) {
                (_, "IN") => TextTest::AnyOf(self.list()?),
                (TextField::Name, ":") if !negated => TextTest::Prefix(self.value()?),
                (_, "=") => TextTest::Exact(self.value()?),
                _ => {
                    let not = if negated { "NOT " } else { "" };
                    return Err(unsupported(format!(
                        "the operator `{not}{operator}` on {field}"
                    )));
                }
            };
            return Ok(Query::Text {
                field: text_field,
                test,
                negated,
            });
        }
        if negated {
            return Err(unsupported(format!("NOT on {field}")));
        }
        let op = match operator {
            "=" => Comparison::Eq,
            "<" => Comparison::Lt,
            "<=" => Comparison::Le,
            ">" => Comparison::Gt,
            ">=" => Comparison::Ge,
            other => {
                return Err(unsupported(format!("the operator `{other}` on {field}")));
            }
        };
        let number_field = match field.as_str() {
            "size" => Some(NumberField::Size),
            "width" => Some(NumberField::Width),
            "height" => Some(NumberField::Height),
            _ => None,
        };
        if let Some(number_field) = number_field {
            let text = self.value()?;
            let value = match number_field {
                NumberField::Size => bytes(&text),
                NumberField::Width | NumberField::Height => text.parse().ok(),
            }
            .ok_or_else(|| syntax(format!("{text:?} is not a valid value for {field}")))?;
            return Ok(Query::Number {
                field: number_field,
                op,
                value,
            });
        }
        let time_field = match field.as_str() {
            "createdAt" => TimeField::Created,
            "updatedAt" => TimeField::Updated,
            other => return Err(unsupported(format!("the field `{other}`"))),
        };
        let text = self.value()?;
        let value = instant(&text, self.now)
            .ok_or_else(|| syntax(format!("{text:?} is not a valid value for {field}")))?;
        Ok(Query::Time {
            field: time_field,
            op,
            value,
        })
    }

    fn value(&mut self) -> Result<String, String> {
        match self.next() {
            Some(Token::Word(w) | Token::Quoted(w)) => Ok(w),
            other => Err(syntax(format!("expected a value, found {other:?}"))),
        }
    }

    fn list(&mut self) -> Result<Vec<String>, String> {
        if self.next() != Some(Token::OpenList) {
            return Err(syntax("IN takes a list such as [\"a\", \"b\"]"));
        }
        let mut items = vec![self.value()?];
        loop {
            match self.next() {
                Some(Token::Comma) => items.push(self.value()?),
                Some(Token::CloseList) => return Ok(items),
                _ => return Err(syntax("a list is not closed with ]")),
            }
        }
    }
}

/// `2mb`, `500kb`, `1gb`, `100b` or plain bytes.
fn bytes(text: &str) -> Option<u64> {
    let lower = text.trim().to_ascii_lowercase();
    let split = lower
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(lower.len());
    let (number, unit) = lower.split_at(split);
    let factor: f64 = match unit.trim() {
        "" | "b" => 1.0,
        "kb" => 1024.0,
        "mb" => 1024.0 * 1024.0,
        "gb" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    let value = number.parse::<f64>().ok()? * factor;
    (value.is_finite() && value >= 0.0).then_some(value as u64)
}

/// An ISO 8601 date or date-time (UTC unless it says otherwise), or `<n>h|d|w|m` ago.
fn instant(text: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Some(unit) = text.chars().last().filter(|c| c.is_ascii_alphabetic())
        && let Ok(amount) = text.get(..text.len() - 1)?.parse::<u32>()
    {
        return match unit {
            'h' => now.checked_sub_signed(Duration::hours(i64::from(amount))),
            'd' => now.checked_sub_signed(Duration::days(i64::from(amount))),
            'w' => now.checked_sub_signed(Duration::weeks(i64::from(amount))),
            'm' => now.checked_sub_months(Months::new(amount)),
            _ => None,
        };
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
            return Some(at.and_utc());
        }
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc())
}

impl Query {
    pub(super) fn matches(&self, subject: &Subject<'_>) -> bool {
        match self {
            Query::Or(terms) => terms.iter().any(|t| t.matches(subject)),
            Query::And(factors) => factors.iter().all(|f| f.matches(subject)),
            Query::Text {
                field,
                test,
                negated,
            } => {
                let values: Vec<&str> = match field {
                    TextField::Name => vec![subject.name],
                    TextField::Tags => subject.tags.iter().map(String::as_str).collect(),
                    TextField::Format => subject.format.into_iter().collect(),
                };
                let hit = values.iter().any(|value| match test {
                    TextTest::Exact(wanted) => value == wanted,
                    TextTest::Prefix(prefix) => value.starts_with(prefix.as_str()),
                    TextTest::AnyOf(wanted) => wanted.iter().any(|w| w == value),
                });
                hit != *negated
            }
            Query::Number { field, op, value } => {
                let actual = match field {
                    NumberField::Size => subject.size,
                    NumberField::Width => subject.width.map(u64::from),
                    NumberField::Height => subject.height.map(u64::from),
                };
                actual.is_some_and(|actual| op.holds(&actual, value))
            }
            Query::Time { field, op, value } => {
                let actual = match field {
                    TimeField::Created => subject.created_at,
                    TimeField::Updated => subject.updated_at,
                };
                op.holds(&actual, value)
            }
        }
    }
}

impl Comparison {
    fn holds<T: PartialOrd>(self, actual: &T, wanted: &T) -> bool {
        match self {
            Comparison::Eq => actual == wanted,
            Comparison::Lt => actual < wanted,
            Comparison::Le => actual <= wanted,
            Comparison::Gt => actual > wanted,
            Comparison::Ge => actual >= wanted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject<'a>(name: &'a str, tags: &'a [String], size: u64) -> Subject<'a> {
        Subject {
            name,
            tags,
            format: Some("png"),
            size: Some(size),
            width: Some(10),
            height: Some(5),
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn hits(query: &str, s: &Subject<'_>) -> Result<bool, String> {
        Ok(parse(query, Utc::now())?.matches(s))
    }

    #[test]
    fn and_binds_tighter_than_or() -> Result<(), String> {
        let tags = vec!["sale".to_owned()];
        let s = subject("red.png", &tags, 2048);
        assert!(hits(
            r#"name = "blue.png" AND size > 1 OR tags IN ["sale"]"#,
            &s
        )?);
        assert!(!hits(
            r#"name = "blue.png" AND (size > 1 OR tags IN ["sale"])"#,
            &s
        )?);
        Ok(())
    }

    #[test]
    fn sizes_take_units_and_dates_take_relative_values() -> Result<(), String> {
        let s = subject("a", &[], 2048);
        assert!(hits(r#"size <= "2kb" AND size > 2047"#, &s)?);
        assert!(hits(r#"createdAt > "1h" AND createdAt > 2020-01-01"#, &s)?);
        assert!(!hits(r#"createdAt < "7d""#, &s)?);
        Ok(())
    }

    #[test]
    fn name_prefix_and_negations() -> Result<(), String> {
        let tags = vec!["a".to_owned()];
        let s = subject("red-dress.jpg", &tags, 1);
        assert!(hits(r#"name : "red-""#, &s)?);
        assert!(hits(r#"name NOT = "blue.jpg" AND tags NOT IN ["b"]"#, &s)?);
        Ok(())
    }

    #[test]
    fn unsupported_fields_and_bad_syntax_are_named() {
        let field = parse(r#""customMetadata.brand" = "x""#, Utc::now()).unwrap_err();
        assert!(field.contains("`customMetadata.brand`"), "{field}");
        let syntax = parse(r#"(size > 1"#, Utc::now()).unwrap_err();
        assert!(syntax.contains("invalid syntax"), "{syntax}");
    }
}
