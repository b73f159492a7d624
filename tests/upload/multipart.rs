//! A strict `multipart/form-data` reader, so that the tests check what the SDK sends.

use serde_json::Value;
use wiremock::Request;

#[derive(Debug)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) filename: Option<String>,
    pub(crate) content_type: Option<String>,
    pub(crate) data: Vec<u8>,
}

impl Field {
    pub(crate) fn text(&self) -> &str {
        std::str::from_utf8(&self.data).unwrap()
    }
}

pub(crate) struct Form(pub(crate) Vec<Field>);

impl Form {
    pub(crate) fn get(&self, name: &str) -> &Field {
        let mut matching = self.0.iter().filter(|f| f.name == name);
        let field = matching
            .next()
            .unwrap_or_else(|| panic!("no field {name:?}"));
        assert!(matching.next().is_none(), "field {name:?} sent twice");
        field
    }

    pub(crate) fn text(&self, name: &str) -> &str {
        self.get(name).text()
    }

    pub(crate) fn json(&self, name: &str) -> Value {
        serde_json::from_str(self.text(name))
            .unwrap_or_else(|e| panic!("field {name:?} is not JSON: {e}"))
    }

    pub(crate) fn names(&self) -> Vec<&str> {
        self.0.iter().map(|f| f.name.as_str()).collect()
    }
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A strict `multipart/form-data` reader (RFC 7578): the test's own, so that it checks the
/// SDK's output rather than trusting another client library.
pub(crate) fn parse_multipart(content_type: &str, body: &[u8]) -> Form {
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not multipart/form-data: {content_type}"));
    let delimiter = format!("--{boundary}").into_bytes();
    let mut rest = body
        .strip_prefix(delimiter.as_slice())
        .expect("body starts with the boundary");
    let mut fields = Vec::new();
    loop {
        if rest == b"--\r\n" || rest == b"--" {
            break;
        }
        rest = rest.strip_prefix(b"\r\n").expect("CRLF after a boundary");
        let separator = [b"\r\n".as_slice(), &delimiter].concat();
        let end = find(rest, &separator).expect("a closing boundary");
        let section = &rest[..end];
        rest = &rest[end + separator.len()..];
        let split = find(section, b"\r\n\r\n").expect("headers end with an empty line");
        let headers = std::str::from_utf8(&section[..split]).unwrap();
        let data = section[split + 4..].to_vec();
        let mut name = None;
        let mut filename = None;
        let mut part_type = None;
        for line in headers.split("\r\n") {
            let (key, value) = line.split_once(": ").expect("a header line");
            match key.to_ascii_lowercase().as_str() {
                "content-disposition" => {
                    for param in value.split("; ").skip(1) {
                        let (k, v) = param.split_once('=').unwrap();
                        let v = v.trim_matches('"').to_owned();
                        match k {
                            "name" => name = Some(v),
                            "filename" => filename = Some(v),
                            other => panic!("unexpected parameter {other}"),
                        }
                    }
                }
                "content-type" => part_type = Some(value.to_owned()),
                other => panic!("unexpected part header {other}"),
            }
        }
        fields.push(Field {
            name: name.expect("every part has a name"),
            filename,
            content_type: part_type,
            data,
        });
    }
    Form(fields)
}

pub(crate) fn form_of(request: &Request) -> Form {
    let content_type = request.headers["content-type"].to_str().unwrap();
    parse_multipart(content_type, &request.body)
}
