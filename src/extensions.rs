//! Typed constructors of [`Extension`], the extensions an upload or an update runs (background
//! removal, auto tagging, AI description, AI tasks, saved extensions), so that building one
//! needs neither the generated builder nor the extension's name as a string.

use crate::api::types::{AiTask, Extension, RemoveBgOptions};

/// Who tags the image for [`Extension::auto_tagging`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TaggingProvider {
    /// Google Cloud Vision (`google-auto-tagging`).
    Google,
    /// Amazon Rekognition (`aws-auto-tagging`).
    Aws,
}

impl Extension {
    fn named(name: &str) -> Self {
        Extension {
            id: None,
            max_tags: None,
            min_confidence: None,
            name: name.to_owned(),
            options: None,
            tasks: Vec::new(),
        }
    }

    /// Tags the image with `provider`: at most `max_tags` tags, each with a confidence of at
    /// least `min_confidence` (0 to 100).
    ///
    /// ```
    /// use imagekitio::{Extension, TaggingProvider};
    ///
    /// let tagging = Extension::auto_tagging(TaggingProvider::Google, 5, 95);
    /// assert_eq!(
    ///     serde_json::to_value(&tagging)?,
    ///     serde_json::json!({"name": "google-auto-tagging", "maxTags": 5, "minConfidence": 95})
    /// );
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn auto_tagging(provider: TaggingProvider, max_tags: u32, min_confidence: u32) -> Self {
        Extension {
            max_tags: Some(i64::from(max_tags)),
            min_confidence: Some(i64::from(min_confidence)),
            ..Self::named(match provider {
                TaggingProvider::Google => "google-auto-tagging",
                TaggingProvider::Aws => "aws-auto-tagging",
            })
        }
    }

    /// Removes the background (`remove-bg`), with its options.
    ///
    /// ```
    /// use imagekitio::{Extension, RemoveBgOptions};
    ///
    /// let options = RemoveBgOptions { add_shadow: Some(true), ..Default::default() };
    /// let remove = Extension::remove_bg(options);
    /// assert_eq!(
    ///     serde_json::to_value(&remove)?,
    ///     serde_json::json!({"name": "remove-bg", "options": {"add_shadow": true}})
    /// );
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn remove_bg(options: RemoveBgOptions) -> Self {
        Extension {
            options: Some(options),
            ..Self::named("remove-bg")
        }
    }

    /// Writes a description of the image (`ai-auto-description`).
    ///
    /// ```
    /// let describe = imagekitio::Extension::ai_auto_description();
    /// assert_eq!(serde_json::to_value(&describe)?, serde_json::json!({"name": "ai-auto-description"}));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn ai_auto_description() -> Self {
        Self::named("ai-auto-description")
    }

    /// Runs AI tasks (`ai-tasks`; 1 to 10 tasks).
    ///
    /// ```
    /// use imagekitio::{AiTask, Extension};
    ///
    /// let task: AiTask = serde_json::from_value(serde_json::json!({
    ///     "type": "select_tags", "instruction": "Which body type is the car?",
    ///     "vocabulary": ["sedan", "suv"]
    /// }))?;
    /// let tasks = Extension::ai_tasks([task]);
    /// assert_eq!(serde_json::to_value(&tasks)?["name"], "ai-tasks");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn ai_tasks(tasks: impl IntoIterator<Item = AiTask>) -> Self {
        Extension {
            tasks: tasks.into_iter().collect(),
            ..Self::named("ai-tasks")
        }
    }

    /// Runs an extension saved in the account (`saved-extension`), by its id.
    ///
    /// ```
    /// let saved = imagekitio::Extension::saved("ext_abc123");
    /// assert_eq!(
    ///     serde_json::to_value(&saved)?,
    ///     serde_json::json!({"name": "saved-extension", "id": "ext_abc123"})
    /// );
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn saved(id: impl Into<String>) -> Self {
        Extension {
            id: Some(id.into()),
            ..Self::named("saved-extension")
        }
    }
}
