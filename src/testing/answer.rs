//! What a route answers: a status, an optional JSON body and headers, in ImageKit's shapes.

use serde_json::{Value, json};

/// The `help` ImageKit puts in every error body.
pub(super) const HELP: &str = "For support kindly contact us at support@imagekit.io.";

/// One answer of the fake, before it becomes an HTTP response.
#[derive(Debug)]
pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) body: Option<Value>,
    pub(super) headers: Vec<(&'static str, String)>,
}

impl Answer {
    pub(super) fn json(status: u16, body: Value) -> Self {
        Self {
            status,
            body: Some(body),
            headers: Vec::new(),
        }
    }

    pub(super) fn ok(body: Value) -> Self {
        Self::json(200, body)
    }

    pub(super) fn no_content() -> Self {
        Self {
            status: 204,
            body: None,
            headers: Vec::new(),
        }
    }

    /// An error with ImageKit's body: `message` and `help`.
    pub(super) fn error(status: u16, message: impl Into<String>) -> Self {
        Self::json(status, json!({ "message": message.into(), "help": HELP }))
    }

    /// An error with ImageKit's machine-readable `reason` too.
    pub(super) fn error_with_reason(status: u16, reason: &str, message: impl Into<String>) -> Self {
        Self::json(
            status,
            json!({ "message": message.into(), "help": HELP, "reason": reason }),
        )
    }

    pub(super) fn bad_request(message: impl Into<String>) -> Self {
        Self::error(400, message)
    }

    /// A call the fake does not implement: a 501 naming it, which the client does not retry,
    /// so that a test depending on it fails at once instead of passing on a fake success.
    pub(super) fn unsupported(method: &str, path: &str, what: Option<&str>) -> Self {
        let detail = what.map(|w| format!(" ({w})")).unwrap_or_default();
        let mut answer = Self::error(
            501,
            format!(
                "FakeImageKit does not implement {method} {path}{detail}; the calls it \
                 implements are listed in the documentation of imagekitio::testing"
            ),
        );
        answer.headers.push(("x-should-retry", "false".to_owned()));
        answer
    }

    pub(super) fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

/// A route's result: its answer either way, so that `?` can end a route with an error answer.
pub(super) type Outcome = Result<Answer, Answer>;

/// The JSON body of a request, or ImageKit's 400 for one that is not a JSON object.
pub(super) fn json_object(body: &[u8]) -> Result<serde_json::Map<String, Value>, Answer> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Answer::bad_request(
            "Your request is missing parameters / contains invalid parameters: the body must \
             be a JSON object.",
        )),
    }
}

/// A required string field of a JSON body.
pub(super) fn required_str<'a>(
    body: &'a serde_json::Map<String, Value>,
    field: &str,
) -> Result<&'a str, Answer> {
    match body.get(field) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s),
        Some(Value::String(_)) | None | Some(Value::Null) => Err(Answer::error_with_reason(
            400,
            "MISSING_PARAMETER",
            format!("{field} parameter is missing."),
        )),
        Some(_) => Err(Answer::error_with_reason(
            400,
            "INVALID_PARAMETER",
            format!("{field} should be a string."),
        )),
    }
}

/// An optional boolean field of a JSON body.
pub(super) fn optional_bool(
    body: &serde_json::Map<String, Value>,
    field: &str,
) -> Result<Option<bool>, Answer> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(Answer::error_with_reason(
            400,
            "INVALID_PARAMETER",
            format!("{field} should be a boolean."),
        )),
    }
}

/// A required array of strings (`fileIds`, `tags`), refused when missing, empty, not an
/// array of strings, or longer than `max`.
pub(super) fn string_array(
    body: &serde_json::Map<String, Value>,
    field: &str,
    max: Option<(usize, &str)>,
) -> Result<Vec<String>, Answer> {
    let items = match body.get(field) {
        None | Some(Value::Null) => {
            return Err(Answer::bad_request(format!(
                "{field} parameter is missing."
            )));
        }
        Some(Value::Array(items)) => items,
        Some(_) => return Err(Answer::bad_request(format!("{field} should be an Array."))),
    };
    if items.is_empty() {
        return Err(Answer::bad_request(format!("{field} is empty.")));
    }
    if let Some((max, message)) = max
        && items.len() > max
    {
        return Err(Answer::bad_request(message));
    }
    items
        .iter()
        .map(|item| match item {
            Value::String(s) => Ok(s.clone()),
            _ => Err(Answer::bad_request(format!(
                "Your request contains invalid value for {field}. Please provide an array of \
                 strings."
            ))),
        })
        .collect()
}
