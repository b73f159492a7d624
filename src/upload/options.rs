//! [`UploadOptions`]: every field of an upload besides the file, and the form they become.

use std::{fmt, sync::Arc};

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::{
    FILE_FIELD, Version,
    body::{Progress, ProgressCallback},
};
use crate::{api::types, error::Error};

/// Everything an upload can set besides the file and its name; every field is optional.
///
/// Names follow the Python SDK's `UploadFileRequestOptions`; each maps to the upload API field
/// of the same name in camelCase. The same options serve [`crate::ImageKit::upload_file`] (V1) and
/// [`crate::ImageKit::upload_file_v2`] (V2), except the V1-only client-side fields `public_key`,
/// `signature` and `expire`.
///
/// ```
/// use imagekitio::{Extension, UploadOptions, UploadResponseField};
/// use serde_json::json;
///
/// let options = UploadOptions::new()
///     .use_unique_file_name(false)
///     .tags(["abc", "def"])
///     .folder("/testing-python-folder/")
///     .is_private_file(false)
///     .custom_coordinates("10,10,20,20")
///     .response_fields([UploadResponseField::Tags, UploadResponseField::CustomCoordinates])
///     .extensions([
///         serde_json::from_value::<Extension>(json!(
///             {"name": "remove-bg", "options": {"add_shadow": true, "bg_color": "pink"}}
///         ))?,
///         serde_json::from_value::<Extension>(json!(
///             {"name": "google-auto-tagging", "minConfidence": 80, "maxTags": 10}
///         ))?,
///     ])
///     .webhook_url("https://webhook.site/c78d617f-33bc-40d9-9e61-608999721e2e")
///     .overwrite_file(true)
///     .overwrite_ai_tags(false)
///     .overwrite_tags(false)
///     .overwrite_custom_metadata(true)
///     .custom_metadata_field("testss", 12);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone)]
#[must_use]
pub struct UploadOptions {
    /// Every field of the form but the file: the generated request of the V1 endpoint, whose
    /// fields are those of V2 plus the V1-only `publicKey`, `signature` and `expire`.
    pub(super) request: types::UploadFileRequest,
    /// Kept apart: the request's `expire` is an `i64`, and a value past it is refused when the
    /// form is written rather than changed here.
    pub(super) expire: Option<u64>,
    pub(super) on_progress: Option<ProgressCallback>,
    pub(super) retryable: bool,
}

impl Default for UploadOptions {
    fn default() -> Self {
        Self {
            request: types::UploadFileRequest {
                checks: None,
                custom_coordinates: None,
                custom_metadata: None,
                description: None,
                expire: None,
                extensions: Vec::new(),
                file: String::new(),
                file_name: String::new(),
                folder: None,
                is_private_file: None,
                is_published: None,
                overwrite_ai_tags: None,
                overwrite_custom_metadata: None,
                overwrite_file: None,
                overwrite_tags: None,
                public_key: None,
                response_fields: Vec::new(),
                signature: None,
                tags: Vec::new(),
                token: None,
                transformation: None,
                use_unique_file_name: None,
                webhook_url: None,
            },
            expire: None,
            on_progress: None,
            retryable: false,
        }
    }
}

impl UploadOptions {
    /// No options: ImageKit's defaults for everything.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new();
    /// assert_eq!(serde_json::to_value(&options)?, serde_json::json!({}));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// `useUniqueFileName`: add a unique suffix to the name (ImageKit's default: true).
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().use_unique_file_name(false);
    /// assert_eq!(serde_json::to_value(&options)?["useUniqueFileName"], false);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn use_unique_file_name(mut self, value: bool) -> Self {
        self.request.use_unique_file_name = Some(value);
        self
    }

    /// `tags`: sent comma-separated, so a tag may not contain a comma (nor `%`); 500
    /// characters in all.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().tags(["t-shirt", "round-neck"]);
    /// assert_eq!(serde_json::to_value(&options)?["tags"], serde_json::json!(["t-shirt", "round-neck"]));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn tags(mut self, tags: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.request.tags = tags.into_iter().map(Into::into).collect();
        self
    }

    /// `folder`: where to store the file, created if missing (default `/`).
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().folder("/products/shirts");
    /// assert_eq!(serde_json::to_value(&options)?["folder"], "/products/shirts");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn folder(mut self, folder: impl Into<String>) -> Self {
        self.request.folder = Some(folder.into());
        self
    }

    /// `isPrivateFile`: serve only through signed URLs and named transformations.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().is_private_file(true);
    /// assert_eq!(serde_json::to_value(&options)?["isPrivateFile"], true);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn is_private_file(mut self, value: bool) -> Self {
        self.request.is_private_file = Some(value);
        self
    }

    /// `isPublished`: `false` uploads a draft (enterprise plans).
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().is_published(false);
    /// assert_eq!(serde_json::to_value(&options)?["isPublished"], false);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn is_published(mut self, value: bool) -> Self {
        self.request.is_published = Some(value);
        self
    }

    /// `customCoordinates`: the area of interest as `x,y,width,height`.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().custom_coordinates("10,10,100,100");
    /// assert_eq!(serde_json::to_value(&options)?["customCoordinates"], "10,10,100,100");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn custom_coordinates(mut self, value: impl Into<String>) -> Self {
        self.request.custom_coordinates = Some(value.into());
        self
    }

    /// `responseFields`: extra fields to include in the answer.
    ///
    /// ```
    /// use imagekitio::UploadResponseField;
    ///
    /// let options = imagekitio::UploadOptions::new()
    ///     .response_fields([UploadResponseField::EmbeddedMetadata, UploadResponseField::CustomMetadata]);
    /// assert_eq!(serde_json::to_value(&options)?["responseFields"], serde_json::json!(["embeddedMetadata", "customMetadata"]));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn response_fields(
        mut self,
        fields: impl IntoIterator<Item = crate::UploadResponseField>,
    ) -> Self {
        self.request.response_fields = fields.into_iter().collect();
        self
    }

    /// `extensions`: remove-bg, google/aws auto tagging, AI auto description, AI tasks, or a
    /// saved extension by id. Replaces any set before.
    ///
    /// ```
    /// use imagekitio::Extension;
    ///
    /// let options = imagekitio::UploadOptions::new()
    ///     .extensions([Extension::ai_auto_description(), Extension::saved("ext_abc123")]);
    /// assert_eq!(serde_json::to_value(&options)?["extensions"], serde_json::json!([{"name": "ai-auto-description"}, {"name": "saved-extension", "id": "ext_abc123"}]));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn extensions(mut self, extensions: impl IntoIterator<Item = types::Extension>) -> Self {
        self.request.extensions = extensions.into_iter().collect();
        self
    }

    /// Adds one extension to `extensions`.
    ///
    /// ```
    /// use imagekitio::Extension;
    ///
    /// use imagekitio::TaggingProvider;
    ///
    /// let options = imagekitio::UploadOptions::new()
    ///     .extension(Extension::auto_tagging(TaggingProvider::Aws, 5, 90));
    /// assert_eq!(serde_json::to_value(&options)?["extensions"], serde_json::json!([{"name": "aws-auto-tagging", "maxTags": 5, "minConfidence": 90}]));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn extension(mut self, extension: types::Extension) -> Self {
        self.request.extensions.push(extension);
        self
    }

    /// `webhookUrl`: where ImageKit posts the final status of the extensions.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().webhook_url("https://example.com/hooks/imagekit");
    /// assert_eq!(serde_json::to_value(&options)?["webhookUrl"], "https://example.com/hooks/imagekit");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn webhook_url(mut self, url: impl Into<String>) -> Self {
        self.request.webhook_url = Some(url.into());
        self
    }

    /// `overwriteFile`: with `use_unique_file_name(false)`, `false` fails instead of replacing
    /// an existing file.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().use_unique_file_name(false).overwrite_file(false);
    /// assert_eq!(serde_json::to_value(&options)?["overwriteFile"], false);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn overwrite_file(mut self, value: bool) -> Self {
        self.request.overwrite_file = Some(value);
        self
    }

    /// `overwriteAITags`: when replacing a file, drop its AI tags.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().overwrite_ai_tags(false);
    /// assert_eq!(serde_json::to_value(&options)?["overwriteAITags"], false);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn overwrite_ai_tags(mut self, value: bool) -> Self {
        self.request.overwrite_ai_tags = Some(value);
        self
    }

    /// `overwriteTags`: when replacing a file without `tags`, drop its tags.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().overwrite_tags(false);
    /// assert_eq!(serde_json::to_value(&options)?["overwriteTags"], false);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn overwrite_tags(mut self, value: bool) -> Self {
        self.request.overwrite_tags = Some(value);
        self
    }

    /// `overwriteCustomMetadata`: when replacing a file without `customMetadata`, drop its
    /// values.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().overwrite_custom_metadata(false);
    /// assert_eq!(serde_json::to_value(&options)?["overwriteCustomMetadata"], false);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn overwrite_custom_metadata(mut self, value: bool) -> Self {
        self.request.overwrite_custom_metadata = Some(value);
        self
    }

    /// `customMetadata`: values of custom metadata fields (create the fields first). Replaces
    /// any set before.
    ///
    /// ```
    /// let mut values = serde_json::Map::new();
    /// values.insert("brand".into(), "Nike".into());
    /// values.insert("price".into(), 99.into());
    /// let options = imagekitio::UploadOptions::new().custom_metadata(values);
    /// assert_eq!(serde_json::to_value(&options)?["customMetadata"], serde_json::json!({"brand": "Nike", "price": 99}));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn custom_metadata(mut self, values: impl Into<types::CustomMetadata>) -> Self {
        self.request.custom_metadata = Some(values.into());
        self
    }

    /// Sets one `customMetadata` value.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new()
    ///     .custom_metadata_field("brand", "Nike")
    ///     .custom_metadata_field("color", "red");
    /// assert_eq!(serde_json::to_value(&options)?["customMetadata"], serde_json::json!({"brand": "Nike", "color": "red"}));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn custom_metadata_field(
        mut self,
        name: impl Into<String>,
        value: impl Into<Value>,
    ) -> Self {
        self.request
            .custom_metadata
            .get_or_insert_with(|| types::CustomMetadata(Map::new()))
            .0
            .insert(name.into(), value.into());
        self
    }

    /// `description`: text describing the file.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().description("Running shoes");
    /// assert_eq!(serde_json::to_value(&options)?["description"], "Running shoes");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.request.description = Some(text.into());
        self
    }

    /// `transformation`: `pre` (applied before storing) and `post` (generated after upload).
    /// Replaces any set before.
    ///
    /// ```
    /// let transformation = serde_json::from_value(serde_json::json!({
    ///     "pre": "w-300,h-300,q-80",
    ///     "post": [{"type": "thumbnail", "value": "w-150,h-150"}]
    /// }))?;
    /// let options = imagekitio::UploadOptions::new().transformation(transformation);
    /// assert_eq!(serde_json::to_value(&options)?["transformation"]["pre"], "w-300,h-300,q-80");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn transformation(mut self, transformation: types::UploadTransformation) -> Self {
        self.request.transformation = Some(transformation);
        self
    }

    /// Sets `transformation.pre`, applied before the file is stored (a video answers 202 and
    /// finishes in the background).
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().pre_transformation("w-300,h-300,q-80");
    /// assert_eq!(serde_json::to_value(&options)?["transformation"], serde_json::json!({"pre": "w-300,h-300,q-80"}));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn pre_transformation(mut self, transformation: impl Into<String>) -> Self {
        self.request
            .transformation
            .get_or_insert_with(Default::default)
            .pre = Some(transformation.into());
        self
    }

    /// Adds one `transformation.post` step: a transformation, `gif-to-video`, a thumbnail, or
    /// adaptive bitrate streaming (`abs`).
    ///
    /// ```
    /// use imagekitio::api::types::{UploadPostTransformation, UploadPostTransformationProtocol, UploadPostTransformationType};
    ///
    /// let options = imagekitio::UploadOptions::new().post_transformation(UploadPostTransformation {
    ///     type_: UploadPostTransformationType::Abs,
    ///     value: Some("sr-240_360_480_720_1080".into()),
    ///     protocol: Some(UploadPostTransformationProtocol::Hls),
    /// });
    /// assert_eq!(serde_json::to_value(&options)?["transformation"], serde_json::json!({"post": [{"type": "abs", "value": "sr-240_360_480_720_1080", "protocol": "hls"}]}));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn post_transformation(mut self, step: types::UploadPostTransformation) -> Self {
        self.request
            .transformation
            .get_or_insert_with(Default::default)
            .post
            .push(step);
        self
    }

    /// `checks`: server-side conditions the upload must meet.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().checks(r#""file.size" < "1mb""#);
    /// assert_eq!(serde_json::to_value(&options)?["checks"], r#""file.size" < "1mb""#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn checks(mut self, checks: impl Into<String>) -> Self {
        self.request.checks = Some(checks.into());
        self
    }

    /// V1 client-side authentication: `publicKey` (defaults to the client's public key when
    /// `signature` is set).
    ///
    /// Setting any of `public_key`, `signature`, `expire` or `token` on a V1 upload sends those
    /// instead of the private key, which the request then does not carry.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().public_key("public_Xyz=");
    /// assert_eq!(serde_json::to_value(&options)?["publicKey"], "public_Xyz=");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn public_key(mut self, key: impl Into<String>) -> Self {
        self.request.public_key = Some(key.into());
        self
    }

    /// V1 client-side authentication: `signature`, the lowercase hex HMAC-SHA1 of
    /// `token + expire` made on a server with the private key.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new()
    ///     .token("1bab386f-45ea-49e1-9f0d-6afe49a5b250")
    ///     .expire(1_700_000_000)
    ///     .signature("8a5bd8ef1bbd1c2ff9e5ca8d8f2c7d6f2b5ea1a4");
    /// assert_eq!(serde_json::to_value(&options)?["signature"], "8a5bd8ef1bbd1c2ff9e5ca8d8f2c7d6f2b5ea1a4");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn signature(mut self, signature: impl Into<String>) -> Self {
        self.request.signature = Some(signature.into());
        self
    }

    /// V1 client-side authentication: `expire`, the Unix time (seconds, under an hour ahead)
    /// until which the signature is valid.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().expire(1_700_000_000);
    /// assert_eq!(serde_json::to_value(&options)?["expire"], 1_700_000_000);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn expire(mut self, unix_seconds: u64) -> Self {
        self.expire = Some(unix_seconds);
        self
    }

    /// Client-side authentication: `token`. For V1 a single-use unique value (signed with
    /// `expire`); for V2 the JWT signed over the upload's fields.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().token("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...");
    /// assert_eq!(serde_json::to_value(&options)?["token"], "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.request.token = Some(token.into());
        self
    }

    /// V1 client-side authentication from [`crate::ImageKit::get_authentication_parameters`]:
    /// `token`, `expire` and `signature` at once (`publicKey` comes from the client unless set).
    ///
    /// ```
    /// # fn run(ik: imagekitio::ImageKit) {
    /// let params = ik.get_authentication_parameters(None, None);
    /// let options = imagekitio::UploadOptions::new().authentication(params);
    /// let fields = serde_json::to_value(&options).unwrap();
    /// assert!(fields["token"].is_string() && fields["signature"].is_string());
    /// # }
    /// ```
    pub fn authentication(mut self, params: crate::AuthenticationParameters) -> Self {
        self.request.token = Some(params.token);
        self.expire = Some(params.expire);
        self.request.signature = Some(params.signature);
        self
    }

    /// Calls `callback` each time a piece of the file (up to 256 KiB) is handed to the
    /// connection, with the bytes sent so far and the total when known.
    ///
    /// The callback runs on the task sending the request: keep it quick (update a counter,
    /// redraw a bar, send on a channel) and never block in it.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new().on_progress(|p| {
    ///     eprint!("\r{} / {:?} bytes", p.sent, p.total);
    /// });
    /// assert!(format!("{options:?}").contains("on_progress: Some(\"<callback>\")"));
    /// ```
    pub fn on_progress(mut self, callback: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        self.on_progress = Some(ProgressCallback(Arc::new(callback)));
        self
    }

    /// Lets the client's retries repeat this upload after a failure where ImageKit may have
    /// received it (a 5xx, a timeout, a connection lost while sending). Off by default: then
    /// an upload is repeated only when it provably had no effect (no connection, a 429, or
    /// `x-should-retry: true`), because a repeat could store the file twice.
    ///
    /// Set it when a repeat is harmless, e.g. with a fixed name and `overwrite_file(true)`.
    /// An upload from a reader is repeated only if no byte of it was read.
    ///
    /// ```
    /// let options = imagekitio::UploadOptions::new()
    ///     .use_unique_file_name(false)
    ///     .overwrite_file(true)
    ///     .retryable(true);
    /// assert!(format!("{options:?}").contains("retryable: true"));
    /// ```
    pub fn retryable(mut self, value: bool) -> Self {
        self.retryable = value;
        self
    }
}

/// Serializes as the fields the upload form will carry, in ImageKit's names, so that what an
/// upload sends can be checked or logged before sending it. The file and its name are not
/// part of it; a signature or token is (they are the caller's own values).
///
/// ```
/// let options = imagekitio::UploadOptions::new().folder("/products").tags(["sale"]);
/// let fields = serde_json::to_value(&options)?;
/// assert_eq!(fields, serde_json::json!({"folder": "/products", "tags": ["sale"]}));
/// # Ok::<(), serde_json::Error>(())
/// ```
impl Serialize for UploadOptions {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut fields = match serde_json::to_value(&self.request) {
            Ok(Value::Object(fields)) => fields,
            Ok(_) => Map::new(),
            Err(e) => return Err(serde::ser::Error::custom(e)),
        };
        fields.retain(|name, value| name != FILE_FIELD && name != "fileName" && !value.is_null());
        if let Some(expire) = self.expire {
            fields.insert("expire".into(), expire.into());
        }
        fields.serialize(serializer)
    }
}

impl fmt::Debug for UploadOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A signature or token lets anyone upload until it expires: say only that it is set.
        let mut request = self.request.clone();
        for secret in [&mut request.signature, &mut request.token] {
            if secret.is_some() {
                *secret = Some("<set>".into());
            }
        }
        f.debug_struct("UploadOptions")
            .field("request", &request)
            .field("expire", &self.expire)
            .field(
                "on_progress",
                &self.on_progress.as_ref().map(|_| "<callback>"),
            )
            .field("retryable", &self.retryable)
            .finish()
    }
}

/// The text fields of the form, named and encoded by the generated request type (everything
/// but the file itself). V2 takes the same fields but the V1-only `publicKey`, `signature` and
/// `expire`, which [`super::auth::client_side_auth`] has already refused there.
pub(super) fn form_fields(
    version: Version,
    file_name: String,
    options: &UploadOptions,
    client_public_key: &str,
) -> Result<Vec<(String, String)>, Error> {
    let mut request = options.request.clone();
    request.file_name = file_name;
    request.expire = options
        .expire
        .map(|e| {
            i64::try_from(e)
                .map_err(|_| Error::invalid(format!("expire {e} is not a Unix time in seconds")))
        })
        .transpose()?;
    if let (Version::V1, None, Some(_)) = (version, &request.public_key, &request.signature) {
        if client_public_key.is_empty() {
            return Err(Error::invalid(
                "a client-side V1 upload needs a public key: set it on the client or with \
                 UploadOptions::public_key",
            ));
        }
        request.public_key = Some(client_public_key.to_owned());
    }
    let Value::Object(fields) = serde_json::to_value(request)
        .map_err(|e| Error::invalid(format!("cannot encode the upload options: {e}")))?
    else {
        return Err(Error::invalid(
            "the upload request did not encode as an object",
        ));
    };
    Ok(fields
        .into_iter()
        .filter(|(name, _)| name != FILE_FIELD)
        .filter_map(|(name, value)| form_text(&value).map(|text| (name, text)))
        .collect())
}

/// One form field as ImageKit reads it: booleans and numbers as their text, lists of strings
/// (`tags`, `responseFields`) comma-separated, objects and lists of objects (`extensions`,
/// `customMetadata`, `transformation`) as JSON text.
fn form_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        Value::Array(items) if items.iter().all(Value::is_string) => Some(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(","),
        ),
        Value::Array(_) | Value::Object(_) => Some(value.to_string()),
    }
}
