//! `GET /v1/files`: list and search files, file versions and folders.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{
    answer::{Answer, Outcome},
    search::{self, Subject},
    server::Incoming,
    store::{self, Library},
};

/// One entry of the answer, with what it is filtered and sorted by.
struct Entry {
    json: Value,
    /// The folder it is in.
    parent: String,
    is_folder: bool,
    file_type: Option<&'static str>,
    tags: Vec<String>,
    name: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    width: Option<u32>,
    height: Option<u32>,
    size: Option<u64>,
    format: Option<String>,
}

impl Entry {
    fn subject(&self) -> Subject<'_> {
        Subject {
            name: &self.name,
            tags: &self.tags,
            format: self.format.as_deref(),
            size: self.size,
            width: self.width,
            height: self.height,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

pub(super) fn list(library: &Library, request: &Incoming<'_>) -> Outcome {
    let search = request
        .query("searchQuery")
        .filter(|q| !q.trim().is_empty())
        .map(|q| search::parse(q, Utc::now()))
        .transpose()
        .map_err(Answer::bad_request)?;
    let kind = match request.query("type") {
        None => "file",
        Some(kind @ ("file" | "file-version" | "folder" | "all")) => kind,
        Some(other) => return Err(invalid("type", other)),
    };
    let file_type = match request.query("fileType") {
        None | Some("all") => None,
        Some(kind @ ("image" | "non-image")) => Some(kind),
        Some(other) => return Err(invalid("fileType", other)),
    };
    let path = match request.query("path") {
        None => None,
        Some(path) => Some(store::normalize_folder(path).ok_or_else(|| invalid("path", path))?),
    };
    let limit = number(request.query("limit"), "limit", 1000)?;
    if !(1..=1000).contains(&limit) {
        return Err(Answer::bad_request(
            "Your request contains invalid limit parameter. limit should be between 1 and 1000.",
        ));
    }
    let skip = number(request.query("skip"), "skip", 0)?;
    let sort = request.query("sort").unwrap_or("ASC_CREATED");
    let order = ordering(sort).ok_or_else(|| invalid("sort", sort))?;
    // As ImageKit: with a searchQuery, `type` and `tags` have no effect, and the search
    // covers files and folders.
    let tags: Option<Vec<&str>> = match search {
        Some(_) => None,
        None => request.query("tags").map(|t| {
            t.split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect()
        }),
    };
    let (with_files, with_versions, with_folders) = match (search.is_some(), kind) {
        (true, _) | (false, "all") => (true, false, true),
        (false, "file-version") => (false, true, false),
        (false, "folder") => (false, false, true),
        (false, _) => (true, false, false),
    };

    let mut entries = Vec::new();
    if with_folders {
        entries.extend(library.folders.iter().map(|(path, folder)| {
            let (parent, name) = store::split_path(path);
            Entry {
                json: Library::render_folder(path, folder),
                parent,
                is_folder: true,
                file_type: None,
                tags: Vec::new(),
                name,
                created_at: folder.created_at,
                updated_at: folder.updated_at,
                width: None,
                height: None,
                size: None,
                format: None,
            }
        }));
    }
    for file in &library.files {
        let versions: Vec<_> = match (with_files, with_versions) {
            (true, _) => vec![&file.current],
            (false, true) => file.older.iter().collect(),
            (false, false) => Vec::new(),
        };
        entries.extend(versions.into_iter().map(|version| Entry {
            json: library.render(file, version),
            parent: file.folder.clone(),
            is_folder: false,
            file_type: Some(version.media.file_type()),
            tags: version.tags.clone().unwrap_or_default(),
            name: file.name.clone(),
            created_at: if version.id == file.current.id {
                file.created_at
            } else {
                version.created_at
            },
            updated_at: version.updated_at,
            width: version.media.dimensions.map(|(w, _)| w),
            height: version.media.dimensions.map(|(_, h)| h),
            size: Some(version.size),
            format: Some(version.media.format().to_owned()),
        }));
    }
    entries.retain(|entry| {
        path.as_ref().is_none_or(|p| &entry.parent == p)
            && file_type.is_none_or(|t| entry.is_folder || entry.file_type == Some(t))
            && tags
                .as_ref()
                .is_none_or(|wanted| entry.tags.iter().any(|t| wanted.contains(&t.as_str())))
            && search.as_ref().is_none_or(|q| q.matches(&entry.subject()))
    });
    entries.sort_by(order);
    let page: Vec<Value> = entries
        .into_iter()
        .skip(usize::try_from(skip).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|entry| entry.json)
        .collect();
    Ok(Answer::ok(Value::Array(page)))
}

type Order = fn(&Entry, &Entry) -> Ordering;

/// The comparison of a `sort` value; relevance, which the fake cannot judge, keeps the
/// default order (by creation).
fn ordering(sort: &str) -> Option<Order> {
    fn by<K: PartialOrd>(a: K, b: K) -> Ordering {
        a.partial_cmp(&b).unwrap_or(Ordering::Equal)
    }
    Some(match sort {
        "ASC_NAME" => |a, b| by(&a.name, &b.name),
        "DESC_NAME" => |a, b| by(&b.name, &a.name),
        "ASC_CREATED" | "ASC_RELEVANCE" | "DESC_RELEVANCE" => |a, b| by(a.created_at, b.created_at),
        "DESC_CREATED" => |a, b| by(b.created_at, a.created_at),
        "ASC_UPDATED" => |a, b| by(a.updated_at, b.updated_at),
        "DESC_UPDATED" => |a, b| by(b.updated_at, a.updated_at),
        "ASC_HEIGHT" => |a, b| by(a.height, b.height),
        "DESC_HEIGHT" => |a, b| by(b.height, a.height),
        "ASC_WIDTH" => |a, b| by(a.width, b.width),
        "DESC_WIDTH" => |a, b| by(b.width, a.width),
        "ASC_SIZE" => |a, b| by(a.size, b.size),
        "DESC_SIZE" => |a, b| by(b.size, a.size),
        _ => return None,
    })
}

fn number(value: Option<&str>, name: &str, default: u64) -> Result<u64, Answer> {
    value.map_or(Ok(default), |text| {
        text.parse().map_err(|_| invalid(name, text))
    })
}

fn invalid(name: &str, value: &str) -> Answer {
    Answer::bad_request(format!(
        "Your request contains invalid {name} parameter: {value:?}."
    ))
}
