//! Percent-encoding rules for the parts of an ImageKit URL.
//!
//! Each part keeps exactly the bytes ImageKit's current SDKs keep there, so that a URL built here
//! and one built by the Node or Python SDK are byte-identical; anything that would change the
//! meaning of the URL or make it invalid is encoded. Bytes outside ASCII are always encoded
//! (as UTF-8, upper-case hex).

/// Which ASCII bytes a part of the URL keeps as they are.
pub(crate) struct Rule {
    /// Indexed by byte; bytes above ASCII are never kept.
    keep: [bool; 256],
    /// Keep `%` when it starts a valid escape, so already-encoded input is not encoded twice.
    keep_escapes: bool,
    /// Write a space as `+` (form encoding of query parameters).
    space_as_plus: bool,
}

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

impl Rule {
    const fn new(sets: &[&[u8]]) -> Self {
        let mut keep = [false; 256];
        let mut s = 0;
        while s < sets.len() {
            let set = sets[s];
            let mut i = 0;
            while i < set.len() {
                keep[set[i] as usize] = true;
                i += 1;
            }
            s += 1;
        }
        Self {
            keep,
            keep_escapes: false,
            space_as_plus: false,
        }
    }

    /// Every printable ASCII byte except those listed.
    const fn printable_except(excluded: &[u8]) -> Self {
        let mut keep = [false; 256];
        let mut b = 0x20;
        while b < 0x7f {
            keep[b] = true;
            b += 1;
        }
        let mut i = 0;
        while i < excluded.len() {
            keep[excluded[i] as usize] = false;
            i += 1;
        }
        Self {
            keep,
            keep_escapes: false,
            space_as_plus: false,
        }
    }

    const fn keeping_escapes(mut self) -> Self {
        self.keep_escapes = true;
        self
    }

    const fn with_space_as_plus(mut self) -> Self {
        self.space_as_plus = true;
        self
    }

    pub(crate) const fn keeps(&self, byte: u8) -> bool {
        // A u8 always indexes a 256-entry table.
        self.keep[byte as usize]
    }
}

/// A path segment (RFC 3986 `pchar`, plus `/`): what Python SDK 5 keeps; Node's URL keeps
/// a superset that includes bytes RFC 3986 does not allow.
pub(crate) const PATH: Rule =
    Rule::new(&[ALNUM, b"-._~", b"!$&'()*+,;=", b":@/"]).keeping_escapes();

/// The `tr` query value: written raw, as today's SDKs write it (`tr=w-300,h-200:rt-90`, spaces
/// included), except bytes that would end the value (`&`, `#`) or are not URL text.
pub(crate) const QUERY_TRANSFORMATION: Rule = Rule::printable_except(b"&#%").keeping_escapes();

/// A query already present in `path` or `src`: kept, except bytes that are not URL text.
pub(crate) const EXISTING_QUERY: Rule = Rule::printable_except(b" #%").keeping_escapes();

/// Names and values of `query_parameters`: form encoding, as `URLSearchParams` writes them.
pub(crate) const FORM: Rule = Rule::new(&[ALNUM, b"*-._"]).with_space_as_plus();

/// The bytes transformation text keeps as they are both in the path and in the `tr` query
/// value, without the [URL-breaking](imagekitio_grammar::URL_BREAKING) ones.
const PLAIN_TRANSFORMATION: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] =
            PATH.keeps(byte) && QUERY_TRANSFORMATION.keeps(byte) && byte != b'/' && byte != b'&';
        b += 1;
    }
    table
};

/// Whether `transformation` is copied into a URL as it is in either position, and so cannot
/// break it: true of nearly every transformation, which then skips the byte-by-byte checks.
pub(crate) fn is_plain_transformation(transformation: &str) -> bool {
    transformation
        .bytes()
        .all(|b| PLAIN_TRANSFORMATION[usize::from(b)])
}

/// Appends `input` to `out`, encoding every byte `rule` does not keep.
pub(crate) fn push(out: &mut String, input: &str, rule: &Rule) {
    let bytes = input.as_bytes();
    // Most input needs no encoding: copy it in one go.
    let Some(first) = bytes.iter().position(|&b| !rule.keeps(b)) else {
        out.push_str(input);
        return;
    };
    let mut run_start = 0;
    for (i, &byte) in bytes.iter().enumerate().skip(first) {
        if rule.keeps(byte) || (byte == b'%' && rule.keep_escapes && is_escape(bytes, i)) {
            continue;
        }
        // A run of kept bytes is ASCII, so both of its ends are character boundaries.
        if let Some(run) = input.get(run_start..i) {
            out.push_str(run);
        }
        if byte == b' ' && rule.space_as_plus {
            out.push('+');
        } else {
            push_escape(out, byte);
        }
        run_start = i + 1;
    }
    if let Some(run) = input.get(run_start..) {
        out.push_str(run);
    }
}

fn is_escape(bytes: &[u8], percent_at: usize) -> bool {
    matches!(
        bytes.get(percent_at + 1..percent_at + 3),
        Some([a, b]) if a.is_ascii_hexdigit() && b.is_ascii_hexdigit()
    )
}

fn push_escape(out: &mut String, byte: u8) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(char::from(DIGITS[usize::from(byte >> 4)]));
    out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
}

/// Appends `bytes` as lower-case hex (signatures), in one copy per 32 bytes.
pub(crate) fn push_hex(out: &mut String, bytes: &[u8]) {
    for chunk in bytes.chunks(32) {
        let mut hex = [0u8; 64];
        for (pair, &b) in hex.chunks_exact_mut(2).zip(chunk) {
            pair.copy_from_slice(&HEX_PAIRS[usize::from(b)]);
        }
        let written = hex.get(..chunk.len() * 2).unwrap_or_default();
        // Hex digits are ASCII.
        out.push_str(std::str::from_utf8(written).unwrap_or_default());
    }
}

/// The two lower-case hex digits of each byte: one lookup per byte of every signature.
const HEX_PAIRS: [[u8; 2]; 256] = {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut table = [[0u8; 2]; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = [DIGITS[b >> 4], DIGITS[b & 0x0f]];
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(input: &str, rule: &Rule) -> String {
        let mut out = String::new();
        push(&mut out, input, rule);
        out
    }

    #[test]
    fn path_encodes_non_ascii_as_utf8_and_keeps_existing_escapes() {
        assert_eq!(encoded("a é%20b%zz", &PATH), "a%20%C3%A9%20b%25zz");
    }

    #[test]
    fn query_transformation_keeps_delimiters_and_spaces_but_not_ampersand() {
        assert_eq!(
            encoded("w-300,h-2:rt-9 x&y#", &QUERY_TRANSFORMATION),
            "w-300,h-2:rt-9 x%26y%23"
        );
    }

    #[test]
    fn a_plain_transformation_is_copied_unchanged_in_both_positions_and_breaks_nothing() {
        let mut plain = 0;
        for byte in 0..=u8::MAX {
            let text = String::from_utf8_lossy(&[byte]).into_owned();
            if !is_plain_transformation(&text) {
                continue;
            }
            plain += 1;
            assert_eq!(encoded(&text, &PATH), text, "{text:?} in the path");
            assert_eq!(
                encoded(&text, &QUERY_TRANSFORMATION),
                text,
                "{text:?} in the query"
            );
            assert_eq!(imagekitio_grammar::url_breaking(&text), None, "{text:?}");
        }
        // Letters, digits and the punctuation transformations are written with.
        assert!(plain > 70, "only {plain} plain bytes");
        for text in ["w-300,h-200:rt-90", "l-text,i-Hi,l-end", "e-grayscale:q-80"] {
            assert!(is_plain_transformation(text), "{text:?}");
        }
        for text in ["w-300/..", "a b", "50%", "x&y", "é"] {
            assert!(!is_plain_transformation(text), "{text:?}");
        }
    }

    #[test]
    fn form_writes_space_as_plus() {
        assert_eq!(encoded("a b&c=d", &FORM), "a+b%26c%3Dd");
    }

    #[test]
    fn hex_is_lower_case() {
        let mut out = String::new();
        push_hex(&mut out, &[0x0a, 0xff, 0x10]);
        assert_eq!(out, "0aff10");
    }
}
