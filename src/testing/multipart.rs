//! A `multipart/form-data` parser (RFC 7578) for the upload endpoints: the whole body is in
//! memory already, so splitting it at the boundary is all there is to do.

use bytes::Bytes;

/// One part of a form.
#[derive(Debug)]
pub(super) struct Part {
    pub(super) name: String,
    /// Set for a file part (bytes from disk or a reader); unset for text, URLs and base64.
    pub(super) file_name: Option<String>,
    pub(super) data: Bytes,
}

/// The boundary named by a `Content-Type: multipart/form-data; boundary=...` header.
pub(super) fn boundary(content_type: &str) -> Option<String> {
    let (kind, parameters) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    parameters.split(';').find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_owned())
            .filter(|b| !b.is_empty())
    })
}

/// The parts of `body`, or why it is not a well-formed form.
pub(super) fn parse(body: &Bytes, boundary: &str) -> Result<Vec<Part>, String> {
    let opening = format!("--{boundary}");
    let delimiter = format!("\r\n--{boundary}");
    let start = find(body, opening.as_bytes(), 0)
        .ok_or("the body does not contain the boundary of its Content-Type")?;
    let mut at = start + opening.len();
    let mut parts = Vec::new();
    loop {
        let rest = body.get(at..).unwrap_or_default();
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        if !rest.starts_with(b"\r\n") {
            return Err("a boundary is not followed by CRLF".into());
        }
        at += 2;
        let headers_end = find(body, b"\r\n\r\n", at).ok_or("a part's headers do not end")?;
        let headers = std::str::from_utf8(body.get(at..headers_end).unwrap_or_default())
            .map_err(|_| "a part's headers are not UTF-8")?;
        let content_start = headers_end + 4;
        let content_end = find(body, delimiter.as_bytes(), content_start)
            .ok_or("the form does not end with its closing boundary")?;
        let (name, file_name) = disposition(headers)?;
        parts.push(Part {
            name,
            file_name,
            data: body.slice(content_start..content_end),
        });
        at = content_end + delimiter.len();
    }
}

/// The field name and file name of a part's `Content-Disposition: form-data` header.
fn disposition(headers: &str) -> Result<(String, Option<String>), String> {
    let value = headers
        .split("\r\n")
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-disposition")
                .then_some(value)
        })
        .ok_or("a part has no Content-Disposition header")?;
    let mut name = None;
    let mut file_name = None;
    for parameter in value.split(';').skip(1) {
        let Some((key, raw)) = parameter.split_once('=') else {
            continue;
        };
        let text = unquote(raw.trim());
        match key.trim().to_ascii_lowercase().as_str() {
            "name" => name = Some(text),
            "filename" => file_name = Some(text),
            _ => {}
        }
    }
    let name = name.ok_or("a part's Content-Disposition has no name")?;
    Ok((name, file_name))
}

/// A quoted-string's text, with `\"` and `%22` (how browsers and reqwest escape a quote) read
/// back as `"`.
fn unquote(raw: &str) -> String {
    let inner = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw);
    inner.replace("\\\"", "\"").replace("%22", "\"")
}

/// The first position of `needle` in `haystack` at or after `from`.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let first = *needle.first()?;
    let mut at = from;
    while let Some(offset) = haystack.get(at..)?.iter().position(|b| *b == first) {
        let candidate = at + offset;
        if haystack.get(candidate..candidate + needle.len()) == Some(needle) {
            return Some(candidate);
        }
        at = candidate + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_boundary_is_read_quoted_or_not() {
        let header = "multipart/form-data; boundary=\"abc\"";
        assert_eq!(boundary(header).as_deref(), Some("abc"));
        assert_eq!(
            boundary("multipart/form-data; boundary=x-1").as_deref(),
            Some("x-1")
        );
        assert_eq!(boundary("application/json"), None);
    }

    #[test]
    fn parts_keep_their_names_file_names_and_exact_bytes() -> Result<(), String> {
        let body = Bytes::from_static(
            b"--b\r\nContent-Disposition: form-data; name=\"fileName\"\r\n\r\na.png\r\n\
              --b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\
              Content-Type: application/octet-stream\r\n\r\n\r\n--x\r\n\r\n--b--\r\n",
        );
        let parts = parse(&body, "b")?;
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "fileName");
        assert_eq!(&parts[0].data[..], b"a.png");
        assert_eq!(parts[1].file_name.as_deref(), Some("a.png"));
        assert_eq!(&parts[1].data[..], b"\r\n--x\r\n");
        Ok(())
    }

    #[test]
    fn a_form_without_its_closing_boundary_is_refused() {
        let body =
            Bytes::from_static(b"--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx");
        assert!(parse(&body, "b").is_err());
    }
}
