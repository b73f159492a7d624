//! What an uploaded file is, read from its first bytes (and its name when they say nothing):
//! MIME type, and for PNG, GIF and JPEG the dimensions, as ImageKit reports them.

/// The kind and dimensions of an uploaded file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Media {
    pub(super) mime: String,
    /// Width and height in pixels, when the format is one the fake reads.
    pub(super) dimensions: Option<(u32, u32)>,
    pub(super) has_alpha: bool,
}

impl Media {
    /// Sniffs `bytes`, falling back to the extension of `name`.
    pub(super) fn detect(bytes: &[u8], name: &str) -> Self {
        if let Some(media) = png(bytes) {
            return media;
        }
        if let Some(media) = gif(bytes) {
            return media;
        }
        if let Some(media) = jpeg(bytes) {
            return media;
        }
        let sniffed = if bytes.starts_with(b"%PDF-") {
            Some("application/pdf")
        } else if bytes.get(..4) == Some(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
            Some("image/webp")
        } else if bytes.get(4..8) == Some(b"ftyp") {
            Some("video/mp4")
        } else {
            None
        };
        Self {
            mime: sniffed.unwrap_or_else(|| by_extension(name)).to_owned(),
            dimensions: None,
            has_alpha: false,
        }
    }

    /// ImageKit's `fileType`: `image` or `non-image`.
    pub(super) fn file_type(&self) -> &'static str {
        if self.mime.starts_with("image/") {
            "image"
        } else {
            "non-image"
        }
    }

    /// The format ImageKit's search knows (`jpg`, `png`, ...).
    pub(super) fn format(&self) -> &str {
        match self.mime.as_str() {
            "image/jpeg" => "jpg",
            "image/svg+xml" => "svg",
            other => other.rsplit('/').next().unwrap_or(other),
        }
    }
}

fn by_extension(name: &str) -> &'static str {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("svg") => "image/svg+xml",
        Some("mp4") => "video/mp4",
        Some("webm") => "video/webm",
        Some("mov") => "video/quicktime",
        Some("pdf") => "application/pdf",
        Some("json") => "application/json",
        Some("css") => "text/css",
        Some("js") => "application/javascript",
        Some("txt") => "text/plain",
        Some("html" | "htm") => "text/html",
        _ => "application/octet-stream",
    }
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn le16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

/// PNG: the IHDR chunk right after the signature; colour types 4 and 6 carry alpha.
fn png(bytes: &[u8]) -> Option<Media> {
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.get(12..16) != Some(b"IHDR") {
        return None;
    }
    let color_type = *bytes.get(25)?;
    Some(Media {
        mime: "image/png".into(),
        dimensions: Some((be32(bytes, 16)?, be32(bytes, 20)?)),
        has_alpha: matches!(color_type, 4 | 6),
    })
}

fn gif(bytes: &[u8]) -> Option<Media> {
    if !(bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a")) {
        return None;
    }
    Some(Media {
        mime: "image/gif".into(),
        dimensions: Some((u32::from(le16(bytes, 6)?), u32::from(le16(bytes, 8)?))),
        has_alpha: false,
    })
}

/// JPEG: walks the segments to the first start-of-frame marker, which holds the size.
fn jpeg(bytes: &[u8]) -> Option<Media> {
    if !bytes.starts_with(&[0xff, 0xd8]) {
        return None;
    }
    let mut at = 2usize;
    let mut dimensions = None;
    while let (Some(0xff), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) {
        let length = usize::from(be16(bytes, at + 2)?);
        let is_frame = matches!(marker, 0xc0..=0xcf) && !matches!(marker, 0xc4 | 0xc8 | 0xcc);
        if is_frame {
            let height = be16(bytes, at + 5)?;
            let width = be16(bytes, at + 7)?;
            dimensions = Some((u32::from(width), u32::from(height)));
            break;
        }
        at = at.checked_add(2 + length)?;
    }
    Some(Media {
        mime: "image/jpeg".into(),
        dimensions,
        has_alpha: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_reports_its_size_and_alpha() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&[0, 0, 0, 3, 0, 0, 0, 2, 8, 6]);
        let media = Media::detect(&png, "x.bin");
        assert_eq!(media.mime, "image/png");
        assert_eq!(media.dimensions, Some((3, 2)));
        assert!(media.has_alpha);
    }

    #[test]
    fn a_jpeg_reports_the_size_of_its_frame() {
        let jpeg = [
            0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 20, 0, 30, 3,
        ];
        let media = Media::detect(&jpeg, "x");
        assert_eq!(media.dimensions, Some((30, 20)));
        assert_eq!(media.format(), "jpg");
    }

    #[test]
    fn unknown_bytes_fall_back_to_the_extension() {
        assert_eq!(Media::detect(b"body{}", "site.css").mime, "text/css");
        assert_eq!(Media::detect(b"??", "blob").file_type(), "non-image");
    }
}
