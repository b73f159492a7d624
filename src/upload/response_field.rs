//! [`UploadResponseField`]: which optional fields an upload's answer carries. Hand-written in
//! place of the generated enum (progenitor replaces it, see `codegen/client.rs`) so that it parses from both spellings,
//! `isPrivateFile` as ImageKit writes it and `is_private_file` as the Python SDK does;
//! `tests/api/spec/` checks that it lists exactly the values of the spec's `UploadResponseField`.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Error;

/// A field to include in an upload's answer (`responseFields`).
///
/// ```
/// use imagekitio::UploadResponseField;
///
/// assert_eq!("is_private_file".parse::<UploadResponseField>()?, UploadResponseField::IsPrivateFile);
/// assert_eq!("isPrivateFile".parse::<UploadResponseField>()?, UploadResponseField::IsPrivateFile);
/// assert_eq!(UploadResponseField::EmbeddedMetadata.to_string(), "embeddedMetadata");
/// # Ok::<(), imagekitio::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum UploadResponseField {
    /// `tags`
    Tags,
    /// `customCoordinates`
    CustomCoordinates,
    /// `isPrivateFile`
    IsPrivateFile,
    /// `embeddedMetadata`
    EmbeddedMetadata,
    /// `isPublished`
    IsPublished,
    /// `customMetadata`
    CustomMetadata,
    /// `metadata`
    Metadata,
    /// `selectedFieldsSchema`
    SelectedFieldsSchema,
}

/// Each field with ImageKit's spelling and the Python SDK's.
const SPELLINGS: [(UploadResponseField, &str, &str); 8] = [
    (UploadResponseField::Tags, "tags", "tags"),
    (
        UploadResponseField::CustomCoordinates,
        "customCoordinates",
        "custom_coordinates",
    ),
    (
        UploadResponseField::IsPrivateFile,
        "isPrivateFile",
        "is_private_file",
    ),
    (
        UploadResponseField::EmbeddedMetadata,
        "embeddedMetadata",
        "embedded_metadata",
    ),
    (
        UploadResponseField::IsPublished,
        "isPublished",
        "is_published",
    ),
    (
        UploadResponseField::CustomMetadata,
        "customMetadata",
        "custom_metadata",
    ),
    (UploadResponseField::Metadata, "metadata", "metadata"),
    (
        UploadResponseField::SelectedFieldsSchema,
        "selectedFieldsSchema",
        "selected_fields_schema",
    ),
];

impl UploadResponseField {
    /// Every field, in ImageKit's order.
    ///
    /// ```
    /// assert_eq!(imagekitio::UploadResponseField::ALL.len(), 8);
    /// ```
    pub const ALL: [UploadResponseField; 8] = {
        let mut all = [UploadResponseField::Tags; 8];
        let mut i = 0;
        while i < SPELLINGS.len() {
            all[i] = SPELLINGS[i].0;
            i += 1;
        }
        all
    };

    /// The name as ImageKit writes it (`isPrivateFile`).
    ///
    /// ```
    /// assert_eq!(imagekitio::UploadResponseField::IsPrivateFile.as_str(), "isPrivateFile");
    /// ```
    pub fn as_str(self) -> &'static str {
        SPELLINGS
            .iter()
            .find(|(field, _, _)| *field == self)
            .map_or("", |(_, camel, _)| camel)
    }
}

impl fmt::Display for UploadResponseField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for UploadResponseField {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self, Error> {
        SPELLINGS
            .iter()
            .find(|(_, camel, snake)| name == *camel || name == *snake)
            .map(|(field, _, _)| *field)
            .ok_or_else(|| {
                let known: Vec<_> = SPELLINGS.iter().map(|(_, camel, _)| *camel).collect();
                Error::invalid(format!(
                    "{name:?} is not an upload response field; use one of {} (or their \
                     snake_case spelling)",
                    known.join(", ")
                ))
            })
    }
}

impl Serialize for UploadResponseField {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for UploadResponseField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}
