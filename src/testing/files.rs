//! File calls: details, update, delete, bulk delete, copy, move, rename and tags.

use chrono::Utc;
use serde_json::{Map, Value, json};

use super::{
    answer::{Answer, HELP, Outcome, json_object, optional_bool, required_str, string_array},
    store::{self, Library},
};

/// The file with id `id`, or ImageKit's 400 (malformed id) or 404.
pub(super) fn find<'a>(library: &'a Library, id: &str) -> Result<&'a store::File, Answer> {
    if !store::is_id(id) {
        return Err(Answer::bad_request(
            "Your request contains invalid fileId parameter.",
        ));
    }
    library
        .file(id)
        .ok_or_else(|| Answer::error(404, "The requested file does not exist."))
}

pub(super) fn details(library: &Library, id: &str) -> Outcome {
    let file = find(library, id)?;
    Ok(Answer::ok(library.render(file, &file.current)))
}

pub(super) fn update(library: &mut Library, id: &str, body: &[u8]) -> Outcome {
    find(library, id)?;
    let changes = json_object(body)?;
    if changes.get("extensions").is_some_and(|e| e != &json!([])) {
        return Err(Answer::unsupported(
            "PATCH",
            &format!("/v1/files/{id}/details"),
            Some("extensions, which need ImageKit's AI services"),
        ));
    }
    if let Some(publish) = changes.get("publish") {
        if changes.len() > 1 {
            return Err(Answer::bad_request(
                "Your request contains invalid parameters: publish must be sent alone, \
                 without other fields.",
            ));
        }
        let is_published = publish.get("isPublished").and_then(Value::as_bool);
        let Some(is_published) = is_published else {
            return Err(Answer::bad_request(
                "publish.isPublished should be a boolean.",
            ));
        };
        let all = publish
            .get("includeFileVersions")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let file = library.file_mut(id).ok_or_else(not_found)?;
        file.current.is_published = is_published;
        if all {
            file.older
                .iter_mut()
                .for_each(|v| v.is_published = is_published);
        }
        file.current.updated_at = Utc::now();
        return details(library, id);
    }
    let tags = match changes.get("tags") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::Array(items)) => Some(Some(strings(items, "tags")?)),
        Some(_) => return Err(invalid_value("tags")),
    };
    let coordinates = match changes.get("customCoordinates") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::String(text)) if is_coordinates(text) => Some(Some(text.clone())),
        Some(_) => return Err(invalid_value("customCoordinates")),
    };
    match changes.get("removeAITags") {
        None => {}
        Some(Value::String(all)) if all == "all" => {}
        Some(Value::Array(items)) => {
            strings(items, "removeAITags")?;
        }
        Some(_) => return Err(invalid_value("removeAITags")),
    }
    let metadata = match changes.get("customMetadata") {
        None => None,
        Some(Value::Object(values)) => Some(values.clone()),
        Some(_) => return Err(invalid_value("customMetadata")),
    };
    let description = match changes.get("description") {
        None => None,
        Some(Value::String(text)) => Some(text.clone()),
        Some(_) => return Err(invalid_value("description")),
    };
    let file = library.file_mut(id).ok_or_else(not_found)?;
    let version = &mut file.current;
    if let Some(tags) = tags {
        version.tags = tags;
    }
    if let Some(coordinates) = coordinates {
        version.custom_coordinates = coordinates;
    }
    if let Some(values) = metadata {
        merge_metadata(&mut version.custom_metadata, values);
    }
    if description.is_some() {
        version.description = description;
    }
    version.updated_at = Utc::now();
    details(library, id)
}

/// Sets each field given; `null` unsets one.
pub(super) fn merge_metadata(into: &mut Map<String, Value>, values: Map<String, Value>) {
    for (field, value) in values {
        if value.is_null() {
            into.remove(&field);
        } else {
            into.insert(field, value);
        }
    }
}

/// `x,y,width,height`, four non-negative integers.
pub(super) fn is_coordinates(text: &str) -> bool {
    let parts: Vec<&str> = text.split(',').collect();
    parts.len() == 4 && parts.iter().all(|p| p.trim().parse::<u32>().is_ok())
}

fn strings(items: &[Value], field: &str) -> Result<Vec<String>, Answer> {
    items
        .iter()
        .map(|item| {
            item.as_str()
                .map(str::to_owned)
                .ok_or_else(|| invalid_value(field))
        })
        .collect()
}

fn invalid_value(field: &str) -> Answer {
    Answer::bad_request(format!(
        "Your request contains invalid value for {field} parameter."
    ))
}

fn not_found() -> Answer {
    Answer::error(404, "The requested file does not exist.")
}

pub(super) fn delete(library: &mut Library, id: &str) -> Outcome {
    find(library, id)?;
    library.files.retain(|f| f.id != id);
    Ok(Answer::no_content())
}

/// The ids of a bulk call that are unknown: ImageKit then answers 404 listing them and
/// changes nothing.
fn missing(library: &Library, ids: &[String]) -> Result<(), Answer> {
    let missing: Vec<&String> = ids.iter().filter(|id| library.file(id).is_none()).collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(Answer::json(
        404,
        json!({
            "message": "The requested file(s) does not exist.",
            "help": HELP,
            "missingFileIds": missing,
        }),
    ))
}

/// The ids a bulk call processes, and the failures set up with `fail_bulk_item` for the rest.
fn split_failing(library: &Library, ids: Vec<String>) -> (Vec<String>, Vec<Value>) {
    let mut done = Vec::new();
    let mut errors = Vec::new();
    for id in ids {
        match library.failing_items.get(&id) {
            Some(error) => errors.push(json!({ "fileId": id, "error": error })),
            None => done.push(id),
        }
    }
    (done, errors)
}

/// 200 with the ids, or 207 with the errors too when some failed.
fn bulk_answer(key: &str, done: Vec<String>, errors: Vec<Value>) -> Answer {
    if errors.is_empty() {
        Answer::ok(json!({ key: done }))
    } else {
        Answer::json(207, json!({ key: done, "errors": errors }))
    }
}

pub(super) fn bulk_delete(library: &mut Library, body: &[u8]) -> Outcome {
    let body = json_object(body)?;
    let ids = string_array(
        &body,
        "fileIds",
        Some((100, "fileIds cannot have more than 100 items.")),
    )?;
    missing(library, &ids)?;
    let (done, errors) = split_failing(library, ids);
    library.files.retain(|f| !done.contains(&f.id));
    Ok(bulk_answer("successfullyDeletedFileIds", done, errors))
}

fn tag_request(
    library: &Library,
    body: &[u8],
    field: &str,
) -> Result<(Vec<String>, Vec<String>), Answer> {
    let body = json_object(body)?;
    let ids = string_array(
        &body,
        "fileIds",
        Some((50, "A maximum of 50 files can be edited at a time.")),
    )?;
    let tags = string_array(&body, field, None)?;
    missing(library, &ids)?;
    Ok((ids, tags))
}

pub(super) fn add_tags(library: &mut Library, body: &[u8]) -> Outcome {
    let (ids, tags) = tag_request(library, body, "tags")?;
    let (done, errors) = split_failing(library, ids);
    let now = Utc::now();
    for file in library.files.iter_mut().filter(|f| done.contains(&f.id)) {
        let current = file.current.tags.get_or_insert_with(Vec::new);
        for tag in &tags {
            if !current.contains(tag) {
                current.push(tag.clone());
            }
        }
        file.current.updated_at = now;
    }
    Ok(bulk_answer("successfullyUpdatedFileIds", done, errors))
}

pub(super) fn remove_tags(library: &mut Library, body: &[u8]) -> Outcome {
    let (ids, tags) = tag_request(library, body, "tags")?;
    let (done, errors) = split_failing(library, ids);
    let now = Utc::now();
    for file in library.files.iter_mut().filter(|f| done.contains(&f.id)) {
        if let Some(current) = &mut file.current.tags {
            current.retain(|t| !tags.contains(t));
        }
        file.current.updated_at = now;
    }
    Ok(bulk_answer("successfullyUpdatedFileIds", done, errors))
}

/// The fake's files have no AI tags (it runs no auto-tagging), so there is nothing to remove
/// once the request is found valid.
pub(super) fn remove_ai_tags(library: &mut Library, body: &[u8]) -> Outcome {
    let (ids, _) = tag_request(library, body, "AITags")?;
    let (done, errors) = split_failing(library, ids);
    Ok(bulk_answer("successfullyUpdatedFileIds", done, errors))
}

/// The file at `path`, or ImageKit's 404 with `reason`.
fn at_path<'a>(library: &'a Library, path: &str, reason: &str) -> Result<&'a store::File, Answer> {
    library.file_at(path).ok_or_else(|| {
        let message = if reason == "FILE_MISSING" {
            format!("No file found in media library at filePath {path}")
        } else {
            format!("No file found with filePath `{path}`.")
        };
        Answer::error_with_reason(404, reason, message)
    })
}

/// A destination folder, or ImageKit's 400 for one that is not a valid path.
pub(super) fn destination(path: &str) -> Result<String, Answer> {
    store::normalize_folder(path).ok_or_else(|| {
        Answer::error_with_reason(
            400,
            "INVALID_FOLDER_PATH",
            format!("Your request contains an invalid destinationPath {path:?}."),
        )
    })
}

fn same_source_and_destination() -> Answer {
    Answer::error_with_reason(
        400,
        "SAME_SOURCE_AND_DESTINATION",
        "Your request is missing parameters / contains invalid parameters: the file is in the \
         destination folder already.",
    )
}

pub(super) fn copy(library: &mut Library, body: &[u8]) -> Outcome {
    let body = json_object(body)?;
    let source = required_str(&body, "sourceFilePath")?;
    let target = destination(required_str(&body, "destinationPath")?)?;
    let all = optional_bool(&body, "includeFileVersions")?.unwrap_or(false);
    let file = at_path(library, source, "SOURCE_FILE_MISSING")?;
    if file.folder == target {
        return Err(same_source_and_destination());
    }
    let versions = if all {
        file.versions().cloned().collect()
    } else {
        vec![file.current.clone()]
    };
    let name = file.name.clone();
    library.place(None, &target, &name, versions);
    Ok(Answer::no_content())
}

pub(super) fn move_to(library: &mut Library, body: &[u8]) -> Outcome {
    let body = json_object(body)?;
    let source = required_str(&body, "sourceFilePath")?;
    let target = destination(required_str(&body, "destinationPath")?)?;
    let file = at_path(library, source, "SOURCE_FILE_MISSING")?;
    if file.folder == target {
        return Err(same_source_and_destination());
    }
    let id = file.id.clone();
    let index = library.files.iter().position(|f| f.id == id);
    if let Some(index) = index {
        let file = library.files.remove(index);
        let versions = file.versions().cloned().collect();
        library.place(Some(file.id), &target, &file.name, versions);
    }
    Ok(Answer::no_content())
}

pub(super) fn rename(library: &mut Library, body: &[u8]) -> Outcome {
    let body = json_object(body)?;
    let path = required_str(&body, "filePath")?;
    let new_name = store::sanitize(required_str(&body, "newFileName")?, "._-");
    let purge = optional_bool(&body, "purgeCache")?.unwrap_or(false);
    let file = at_path(library, path, "FILE_MISSING")?;
    if file.name == new_name {
        return Err(Answer::error_with_reason(
            400,
            "SAME_OLD_AND_NEW_NAME",
            "newFileName cannot be the same as its existing name.",
        ));
    }
    let target = store::join(&file.folder, &new_name);
    if library.file_at(&target).is_some() {
        return Err(Answer::error_with_reason(
            409,
            "FILE_ALREADY_EXISTS",
            format!("File with name {new_name} already exists at the same location."),
        ));
    }
    let id = file.id.clone();
    if let Some(file) = library.file_mut(&id) {
        file.name = new_name;
        file.current.updated_at = Utc::now();
    }
    if !purge {
        return Ok(Answer::ok(json!({})));
    }
    let request_id = library.new_id();
    library.purges.insert(request_id.clone());
    Ok(Answer::ok(json!({ "purgeRequestId": request_id })))
}
