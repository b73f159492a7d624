//! `POST /api/v1/files/upload` and `POST /api/v2/files/upload`: the form's fields read as
//! ImageKit reads them, the file stored (or a new version of the file at that path made).

use base64::Engine as _;
use chrono::Utc;
use hmac::{Hmac, Mac};
use serde_json::{Map, Value, json};
use sha1::Sha1;

use super::{
    answer::{Answer, Outcome},
    files::{is_coordinates, merge_metadata},
    media::Media,
    server::{Auth, Incoming, Keys},
    store::{self, Library, Version},
};

/// The text fields of the form, by name.
struct Fields<'a>(Vec<(&'a str, String)>);

impl Fields<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    fn flag(&self, name: &str, default: bool) -> Result<bool, Answer> {
        match self.get(name) {
            None => Ok(default),
            Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(_) => Err(invalid(name)),
        }
    }
}

fn invalid(name: &str) -> Answer {
    Answer::bad_request(format!(
        "Your request contains invalid value for {name} parameter."
    ))
}

fn missing(name: &str) -> Answer {
    Answer::bad_request(format!("Your request is missing {name} parameter."))
}

pub(super) fn upload(
    library: &mut Library,
    keys: &Keys,
    request: &Incoming<'_>,
    version: u8,
) -> Answer {
    run(library, keys, request, version).unwrap_or_else(|answer| answer)
}

fn run(library: &mut Library, keys: &Keys, request: &Incoming<'_>, api_version: u8) -> Outcome {
    let parts = request.form.ok_or_else(|| missing("file"))?;
    let mut fields = Fields(Vec::new());
    let mut file = None;
    for part in parts {
        if part.name == "file" {
            file = Some(part);
            continue;
        }
        let text = String::from_utf8(part.data.to_vec()).map_err(|_| invalid(&part.name))?;
        fields.0.push((part.name.as_str(), text));
    }
    authenticate(library, keys, request.auth, &fields, api_version)?;
    let path = format!("/api/v{api_version}/files/upload");
    for (field, what) in [
        (
            "extensions",
            "extensions, which need ImageKit's AI services",
        ),
        ("transformation", "pre- and post-transformations"),
        ("checks", "upload checks"),
    ] {
        if fields
            .get(field)
            .is_some_and(|v| !v.is_empty() && v != "[]")
        {
            return Err(Answer::unsupported("POST", &path, Some(what)));
        }
    }
    let file_name = fields
        .get("fileName")
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| missing("fileName"))?;
    let file = file.ok_or_else(|| missing("file"))?;
    let bytes = if file.file_name.is_some() {
        file.data.to_vec()
    } else {
        let text = std::str::from_utf8(&file.data).map_err(|_| invalid("file"))?;
        if text.starts_with("http://") || text.starts_with("https://") {
            return Err(Answer::unsupported(
                "POST",
                &path,
                Some("uploading from a URL: the fake fetches nothing from the network"),
            ));
        }
        let encoded = text.split_once(";base64,").map_or(text, |(_, data)| data);
        base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .map_err(|_| invalid("file"))?
    };

    let unique = fields.flag("useUniqueFileName", true)?;
    let overwrite = fields.flag("overwriteFile", true)?;
    let overwrite_tags = fields.flag("overwriteTags", true)?;
    let overwrite_metadata = fields.flag("overwriteCustomMetadata", true)?;
    let is_private = fields.flag("isPrivateFile", false)?;
    let is_published = fields.flag("isPublished", true)?;
    let folder = folder(fields.get("folder").unwrap_or("/"))?;
    let tags = fields.get("tags").map(|t| {
        t.split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    });
    let coordinates = match fields.get("customCoordinates") {
        None | Some("") => None,
        Some(text) if is_coordinates(text) => Some(text.to_owned()),
        Some(_) => return Err(invalid("customCoordinates")),
    };
    let metadata = match fields.get("customMetadata") {
        None => None,
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(values)) => Some(values),
            _ => return Err(invalid("customMetadata")),
        },
    };
    let response_fields: Vec<&str> = fields
        .get("responseFields")
        .map(|f| {
            f.split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .collect()
        })
        .unwrap_or_default();
    const KNOWN_FIELDS: &[&str] = &[
        "tags",
        "customCoordinates",
        "isPrivateFile",
        "embeddedMetadata",
        "isPublished",
        "customMetadata",
        "metadata",
        "selectedFieldsSchema",
    ];
    if response_fields.iter().any(|f| !KNOWN_FIELDS.contains(f)) {
        return Err(invalid("responseFields"));
    }

    let mut name = store::sanitize(file_name, ".-");
    if unique {
        let suffix = library.unique_suffix();
        name = match name.rsplit_once('.') {
            Some((stem, extension)) if !stem.is_empty() => format!("{stem}_{suffix}.{extension}"),
            _ => format!("{name}_{suffix}"),
        };
    }
    let now = Utc::now();
    let mut version = Version {
        id: String::new(),
        number: 1,
        size: bytes.len() as u64,
        media: Media::detect(&bytes, &name),
        tags,
        is_private,
        is_published,
        custom_coordinates: coordinates,
        custom_metadata: Map::new(),
        description: fields.get("description").map(str::to_owned),
        created_at: now,
        updated_at: now,
    };
    let path_of_file = store::join(&folder, &name);
    let existing = library.file_at(&path_of_file).map(|f| f.id.clone());
    let file_id = match existing {
        Some(_) if !overwrite => {
            return Err(Answer::bad_request(
                "A file with the same name already exists at the exact location. We could not \
                 overwrite it because both overwriteFile and useUniqueFileName are set to false.",
            ));
        }
        Some(id) => {
            let new_id = library.new_id();
            let file = library
                .file_mut(&id)
                .ok_or_else(|| Answer::error(500, "The file being overwritten disappeared."))?;
            if version.tags.is_none() && !overwrite_tags {
                version.tags = file.current.tags.clone();
            }
            if metadata.is_none() && !overwrite_metadata {
                version.custom_metadata = file.current.custom_metadata.clone();
            }
            version.id = new_id;
            version.number = file.current.number + 1;
            let previous = std::mem::replace(&mut file.current, version);
            file.older.push(previous);
            id
        }
        None => {
            let id = library.new_id();
            version.id = id.clone();
            library.place(Some(id.clone()), &folder, &name, vec![version]);
            id
        }
    };
    let file = library
        .file_mut(&file_id)
        .ok_or_else(|| Answer::error(500, "The uploaded file disappeared."))?;
    if let Some(values) = metadata {
        merge_metadata(&mut file.current.custom_metadata, values);
    }
    let file = library
        .file(&file_id)
        .ok_or_else(|| Answer::error(500, "The uploaded file disappeared."))?;
    Ok(Answer::ok(answer(library, file, &response_fields)))
}

/// The upload's answer: ImageKit's default fields, and those asked for in `responseFields`.
fn answer(library: &Library, file: &store::File, response_fields: &[&str]) -> Value {
    let version = &file.current;
    let path = file.path();
    let mut body = json!({
        "fileId": file.id,
        "name": file.name,
        "size": version.size,
        "versionInfo": { "id": version.id, "name": format!("Version {}", version.number) },
        "filePath": path,
        "url": library.url_of(&path),
        "fileType": version.media.file_type(),
        "AITags": null,
    });
    let Some(object) = body.as_object_mut() else {
        return body;
    };
    if let Some((width, height)) = version.media.dimensions {
        object.insert("width".into(), width.into());
        object.insert("height".into(), height.into());
    }
    if let Some(thumbnail) = library.thumbnail_of(&path, &version.media) {
        object.insert("thumbnailUrl".into(), thumbnail.into());
    }
    for field in response_fields {
        let value = match *field {
            "tags" => json!(version.tags),
            "customCoordinates" => json!(version.custom_coordinates),
            "isPrivateFile" => json!(version.is_private),
            "isPublished" => json!(version.is_published),
            "customMetadata" => json!(version.custom_metadata),
            "metadata" => {
                let mut metadata = json!({
                    "size": version.size,
                    "format": version.media.format(),
                    "hasTransparency": version.media.has_alpha,
                });
                if let (Some((width, height)), Some(m)) =
                    (version.media.dimensions, metadata.as_object_mut())
                {
                    m.insert("width".into(), width.into());
                    m.insert("height".into(), height.into());
                }
                metadata
            }
            // The fake reads no embedded metadata and has no custom metadata schemas.
            _ => json!({}),
        };
        object.insert((*field).to_owned(), value);
    }
    body
}

/// The upload's folder as the library keys it; segments keep letters, digits, `_` and `-`.
fn folder(text: &str) -> Result<String, Answer> {
    let normalized = store::normalize_folder(text).ok_or_else(|| invalid("folder"))?;
    Ok(normalized
        .split('/')
        .map(|segment| store::sanitize(segment, "_-"))
        .collect::<Vec<_>>()
        .join("/"))
}

/// The private key (HTTP Basic), or, for a V1 upload without it, the client-side fields
/// checked as ImageKit checks them.
fn authenticate(
    library: &mut Library,
    keys: &Keys,
    auth: Auth,
    fields: &Fields<'_>,
    api_version: u8,
) -> Result<(), Answer> {
    let client_field = if api_version == 1 {
        "signature"
    } else {
        "token"
    };
    match auth {
        Auth::PrivateKey if fields.get(client_field).is_some() => {
            Err(Answer::bad_request(format!(
                "Your request contains both {client_field} and basic auth parameter. Use only one \
             method, you might be exposing your private API key."
            )))
        }
        Auth::PrivateKey => Ok(()),
        Auth::Wrong => Err(Answer::error(401, "Your account cannot be authenticated.")),
        Auth::Missing if fields.get(client_field).is_none() => Err(Answer::error(
            401,
            "Your request does not contain private API key.",
        )),
        Auth::Missing if api_version == 2 => Err(Answer::unsupported(
            "POST",
            "/api/v2/files/upload",
            Some("client-side V2 uploads authenticated by a JWT"),
        )),
        Auth::Missing => client_side(library, keys, fields),
    }
}

fn client_side(library: &mut Library, keys: &Keys, fields: &Fields<'_>) -> Result<(), Answer> {
    let public_key = fields
        .get("publicKey")
        .ok_or_else(|| missing("publicKey"))?;
    let signature = fields
        .get("signature")
        .ok_or_else(|| missing("signature"))?;
    let token = fields.get("token").ok_or_else(|| missing("token"))?;
    let expire_text = fields.get("expire").ok_or_else(|| missing("expire"))?;
    if public_key != keys.public_key {
        return Err(Answer::error(403, "Your account cannot be authenticated."));
    }
    let now = Utc::now().timestamp();
    let expire = expire_text
        .parse::<i64>()
        .ok()
        .filter(|e| *e > now && *e < now + 3600)
        .ok_or_else(|| {
            Answer::bad_request(
                "Your request contains invalid expire parameter. Expire parameter should be a \
                 Unix time in less than 1 hour into the future.",
            )
        })?;
    let mut mac = Hmac::<Sha1>::new_from_slice(keys.private_key.as_bytes())
        .map_err(|_| Answer::error(500, "The fake's private key cannot sign."))?;
    mac.update(token.as_bytes());
    mac.update(expire.to_string().as_bytes());
    let expected: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if signature != expected {
        return Err(Answer::bad_request(
            "Your request contains invalid signature parameter.",
        ));
    }
    if !library.used_tokens.insert(token.to_owned()) {
        return Err(Answer::bad_request(
            "The token has been used before. Use a unique token for each request.",
        ));
    }
    Ok(())
}
