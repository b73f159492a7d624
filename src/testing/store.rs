//! The fake's media library: files with their versions, folders, folder jobs and purge
//! requests, and how each is rendered in ImageKit's JSON.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value, json};

use super::media::Media;

/// Everything the fake stores.
pub(super) struct Library {
    url_endpoint: String,
    /// Current files, in upload order.
    pub(super) files: Vec<File>,
    /// Folder path (`/a/b`, never the root) to the folder.
    pub(super) folders: BTreeMap<String, Folder>,
    /// Job id to the job's type (`COPY_FOLDER`, ...) and its purge request, if any.
    pub(super) jobs: HashMap<String, (&'static str, Option<String>)>,
    pub(super) purges: HashSet<String>,
    /// File ids that bulk calls fail for, with the error they report
    /// ([`crate::testing::FakeImageKit::fail_bulk_item`]).
    pub(super) failing_items: HashMap<String, String>,
    /// Tokens of client-side uploads already used: ImageKit accepts each once.
    pub(super) used_tokens: HashSet<String>,
    /// Makes ids unique across the fakes of one process run, as ImageKit's are.
    epoch: u32,
    counter: u64,
}

/// A file: its place in the library and its versions.
#[derive(Clone, Debug)]
pub(super) struct File {
    pub(super) id: String,
    /// The folder, `/` or `/a/b`.
    pub(super) folder: String,
    pub(super) name: String,
    pub(super) created_at: DateTime<Utc>,
    pub(super) current: Version,
    /// Earlier versions, oldest first.
    pub(super) older: Vec<Version>,
}

/// The content and details of one version of a file.
#[derive(Clone, Debug)]
pub(super) struct Version {
    pub(super) id: String,
    /// `Version <number>`.
    pub(super) number: u32,
    pub(super) size: u64,
    pub(super) media: Media,
    pub(super) tags: Option<Vec<String>>,
    pub(super) is_private: bool,
    pub(super) is_published: bool,
    pub(super) custom_coordinates: Option<String>,
    pub(super) custom_metadata: Map<String, Value>,
    pub(super) description: Option<String>,
    pub(super) created_at: DateTime<Utc>,
    pub(super) updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub(super) struct Folder {
    pub(super) id: String,
    pub(super) created_at: DateTime<Utc>,
    pub(super) updated_at: DateTime<Utc>,
}

impl Library {
    pub(super) fn new(url_endpoint: String) -> Self {
        let epoch = u32::try_from(Utc::now().timestamp()).unwrap_or(u32::MAX);
        Self {
            url_endpoint,
            files: Vec::new(),
            folders: BTreeMap::new(),
            jobs: HashMap::new(),
            purges: HashSet::new(),
            failing_items: HashMap::new(),
            used_tokens: HashSet::new(),
            epoch,
            counter: 0,
        }
    }

    pub(super) fn url_endpoint(&self) -> &str {
        &self.url_endpoint
    }

    /// A new id in ImageKit's format: 24 lowercase hex digits.
    pub(super) fn new_id(&mut self) -> String {
        self.counter += 1;
        format!("{:08x}{:016x}", self.epoch, mix(self.counter))
    }

    /// The 9 characters ImageKit appends to a name with `useUniqueFileName`.
    pub(super) fn unique_suffix(&mut self) -> String {
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        self.counter += 1;
        let mut value = mix(self.counter ^ u64::from(self.epoch));
        (0..9)
            .map(|_| {
                let digit = usize::try_from(value % 62).unwrap_or(0);
                value /= 62;
                char::from(ALPHABET.get(digit).copied().unwrap_or(b'x'))
            })
            .collect()
    }

    pub(super) fn file(&self, id: &str) -> Option<&File> {
        self.files.iter().find(|f| f.id == id)
    }

    pub(super) fn file_mut(&mut self, id: &str) -> Option<&mut File> {
        self.files.iter_mut().find(|f| f.id == id)
    }

    pub(super) fn file_at(&self, path: &str) -> Option<&File> {
        self.files.iter().find(|f| f.path() == path)
    }

    /// Makes a folder and its missing parents exist (uploads and copies create them, as
    /// ImageKit does).
    pub(super) fn ensure_folder(&mut self, path: &str) {
        let mut prefix = String::new();
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            prefix.push('/');
            prefix.push_str(segment);
            if !self.folders.contains_key(&prefix) {
                let now = Utc::now();
                let id = self.new_id();
                self.folders.insert(
                    prefix.clone(),
                    Folder {
                        id,
                        created_at: now,
                        updated_at: now,
                    },
                );
            }
        }
    }

    pub(super) fn folder_exists(&self, path: &str) -> bool {
        path == "/" || self.folders.contains_key(path)
    }

    /// Puts `versions` (oldest first, the last one current) as a file named `name` in
    /// `folder`: a new file with id `id` (a new id and new versions for `None`, a copy), or,
    /// when a file of that name is there already, new versions of that file, as ImageKit
    /// does on copy and move. Returns the id of the file they ended up in.
    pub(super) fn place(
        &mut self,
        id: Option<String>,
        folder: &str,
        name: &str,
        versions: Vec<Version>,
    ) -> Option<String> {
        self.ensure_folder(folder);
        let path = join(folder, name);
        if let Some(index) = self.files.iter().position(|f| f.path() == path) {
            let fresh: Vec<String> = versions.iter().map(|_| self.new_id()).collect();
            let file = self.files.get_mut(index)?;
            for (mut version, new_id) in versions.into_iter().zip(fresh) {
                version.id = new_id;
                version.number = file.current.number + 1;
                let previous = std::mem::replace(&mut file.current, version);
                file.older.push(previous);
            }
            return Some(file.id.clone());
        }
        let (id, mut versions) = match id {
            Some(id) => (id, versions),
            // A copy: a new file, whose versions are new too (the first one's id is the
            // file's, as for an upload).
            None => {
                let id = self.new_id();
                let now = Utc::now();
                let mut copies = Vec::with_capacity(versions.len());
                for (number, mut version) in (1u32..).zip(versions) {
                    version.id = if number == 1 {
                        id.clone()
                    } else {
                        self.new_id()
                    };
                    version.number = number;
                    version.created_at = now;
                    version.updated_at = now;
                    copies.push(version);
                }
                (id, copies)
            }
        };
        let current = versions.pop()?;
        let created_at = versions.first().unwrap_or(&current).created_at;
        self.files.push(File {
            id: id.clone(),
            folder: folder.to_owned(),
            name: name.to_owned(),
            created_at,
            current,
            older: versions,
        });
        Some(id)
    }

    /// A file as `list_files` and the details call show it (`type` `file`), or one of its
    /// earlier versions (`type` `file-version`).
    pub(super) fn render(&self, file: &File, version: &Version) -> Value {
        let kind = if version.id == file.current.id {
            "file"
        } else {
            "file-version"
        };
        let path = file.path();
        let mut body = json!({
            "fileId": file.id,
            "type": kind,
            "name": file.name,
            "filePath": path,
            "tags": version.tags,
            "AITags": null,
            "versionInfo": { "id": version.id, "name": format!("Version {}", version.number) },
            "isPrivateFile": version.is_private,
            "isPublished": version.is_published,
            "customCoordinates": version.custom_coordinates,
            "url": self.url_of(&path),
            "fileType": version.media.file_type(),
            "mime": version.media.mime,
            "size": version.size,
            "hasAlpha": version.media.has_alpha,
            "customMetadata": version.custom_metadata,
            "createdAt": timestamp(if kind == "file" { file.created_at } else { version.created_at }),
            "updatedAt": timestamp(version.updated_at),
        });
        if let Some(object) = body.as_object_mut() {
            if let Some((width, height)) = version.media.dimensions {
                object.insert("width".into(), width.into());
                object.insert("height".into(), height.into());
            }
            if let Some(thumbnail) = self.thumbnail_of(&path, &version.media) {
                object.insert("thumbnail".into(), thumbnail.into());
            }
            if let Some(description) = &version.description {
                object.insert("description".into(), description.clone().into());
            }
        }
        body
    }

    pub(super) fn render_folder(path: &str, folder: &Folder) -> Value {
        json!({
            "type": "folder",
            "folderId": folder.id,
            "name": path.rsplit('/').next().unwrap_or_default(),
            "folderPath": path,
            "createdAt": timestamp(folder.created_at),
            "updatedAt": timestamp(folder.updated_at),
        })
    }

    /// The delivery URL: the URL endpoint and the file's path.
    pub(super) fn url_of(&self, path: &str) -> String {
        format!("{}{path}", self.url_endpoint)
    }

    /// The media library's thumbnail of an image (the fake has none for other files).
    pub(super) fn thumbnail_of(&self, path: &str, media: &Media) -> Option<String> {
        (media.file_type() == "image")
            .then(|| format!("{}/tr:n-ik_ml_thumbnail{path}", self.url_endpoint))
    }
}

impl File {
    pub(super) fn path(&self) -> String {
        join(&self.folder, &self.name)
    }

    /// Every version, the current one last.
    pub(super) fn versions(&self) -> impl Iterator<Item = &Version> {
        self.older.iter().chain(std::iter::once(&self.current))
    }
}

/// A name as ImageKit stores it: characters other than letters, digits and those `keep`
/// allows become `_`.
pub(super) fn sanitize(name: &str, keep: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || keep.contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Whether `id` has the shape of ImageKit's ids (24 hex digits); ImageKit answers 400, not
/// 404, for one that has not.
pub(super) fn is_id(id: &str) -> bool {
    id.len() == 24 && id.chars().all(|c| c.is_ascii_hexdigit())
}

/// A file's path from its folder and name.
pub(super) fn join(folder: &str, name: &str) -> String {
    if folder == "/" {
        format!("/{name}")
    } else {
        format!("{folder}/{name}")
    }
}

/// A folder path as the library keys it: `/` for the root, otherwise `/a/b` without a
/// trailing slash or empty segments; `None` when a segment is `.` or `..`.
pub(super) fn normalize_folder(path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == "." || *s == "..") {
        return None;
    }
    if segments.is_empty() {
        return Some("/".to_owned());
    }
    Some(format!("/{}", segments.join("/")))
}

/// The parent of a folder or file path, and its last segment.
pub(super) fn split_path(path: &str) -> (String, String) {
    match path.rsplit_once('/') {
        Some((parent, last)) if !parent.is_empty() => (parent.to_owned(), last.to_owned()),
        Some((_, last)) => ("/".to_owned(), last.to_owned()),
        None => ("/".to_owned(), path.to_owned()),
    }
}

/// Whether `path` is `folder` itself or inside it.
pub(super) fn is_within(path: &str, folder: &str) -> bool {
    folder == "/"
        || path == folder
        || path
            .strip_prefix(folder)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// ImageKit's timestamps: UTC with milliseconds.
pub(super) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Spreads a counter over 64 bits (splitmix64), so that ids and suffixes do not look
/// sequential while staying reproducible.
fn mix(value: u64) -> u64 {
    let mut z = value.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_normalize_to_a_leading_slash_without_a_trailing_one() {
        assert_eq!(normalize_folder("a//b/").as_deref(), Some("/a/b"));
        assert_eq!(normalize_folder("/").as_deref(), Some("/"));
        assert_eq!(normalize_folder("/a/../b"), None);
    }

    #[test]
    fn within_means_the_folder_itself_or_below_it() {
        assert!(is_within("/a/b/c.jpg", "/a"));
        assert!(is_within("/a", "/a"));
        assert!(!is_within("/ab/c.jpg", "/a"));
    }

    #[test]
    fn ids_have_imagekits_shape_and_differ() {
        let mut library = Library::new("https://ik.imagekit.io/x".into());
        let (a, b) = (library.new_id(), library.new_id());
        assert_eq!(a.len(), 24);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert_eq!(library.unique_suffix().len(), 9);
    }
}
