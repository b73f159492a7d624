//! Folder calls: create, delete, and the copy, move and rename jobs with their status. Jobs
//! complete before their answer is sent, so their status is `Completed` from the start.

use chrono::Utc;
use serde_json::json;

use super::{
    answer::{Answer, Outcome, json_object, optional_bool, required_str},
    files::destination,
    store::{self, Library},
};

/// `path` moved from under `from` to under `to`.
fn rebase(path: &str, from: &str, to: &str) -> String {
    let rest = path.strip_prefix(from).unwrap_or_default();
    if to == "/" {
        if rest.is_empty() {
            "/".to_owned()
        } else {
            rest.to_owned()
        }
    } else {
        format!("{to}{rest}")
    }
}

fn invalid_path(path: &str) -> Answer {
    Answer::error_with_reason(
        400,
        "INVALID_FOLDER_PATH",
        format!("Your request contains an invalid folder path {path:?}."),
    )
}

pub(super) fn create(library: &mut Library, body: &[u8]) -> Outcome {
    let body = json_object(body)?;
    let name = required_str(&body, "folderName")?;
    let parent = required_str(&body, "parentFolderPath")?;
    if name == "." || name == ".." {
        return Err(Answer::error_with_reason(
            400,
            "INVALID_FOLDER_PATH",
            "'.' & '..' can not be used as folder-name",
        ));
    }
    let parent = store::normalize_folder(parent).ok_or_else(|| invalid_path(parent))?;
    library.ensure_folder(&store::join(&parent, &store::sanitize(name, "")));
    Ok(Answer::json(201, json!({})))
}

pub(super) fn delete(library: &mut Library, body: &[u8]) -> Outcome {
    let body = json_object(body)?;
    let given = required_str(&body, "folderPath")?;
    let path = store::normalize_folder(given).ok_or_else(|| invalid_path(given))?;
    if path == "/" || !library.folder_exists(&path) {
        return Err(Answer::error_with_reason(
            404,
            "FOLDER_NOT_FOUND",
            format!("No folder found with folderPath `{given}`."),
        ));
    }
    library.folders.retain(|p, _| !store::is_within(p, &path));
    library
        .files
        .retain(|f| !store::is_within(&f.folder, &path));
    Ok(Answer::no_content())
}

/// The source and destination of a copy or move, checked as ImageKit checks them.
fn job_paths(
    library: &Library,
    body: &serde_json::Map<String, serde_json::Value>,
) -> Result<(String, String), Answer> {
    let given = required_str(body, "sourceFolderPath")?;
    let source = store::normalize_folder(given).ok_or_else(|| invalid_path(given))?;
    let target = destination(required_str(body, "destinationPath")?)?;
    if source == "/" {
        return Err(Answer::error_with_reason(
            400,
            "SOURCE_IS_ROOT",
            "sourceFolderPath cannot be the root folder.",
        ));
    }
    if !library.folder_exists(&source) {
        return Err(Answer::error_with_reason(
            404,
            "NO_FILES_FOLDER",
            format!("No files & folder found at sourceFolderPath `{given}`."),
        ));
    }
    if source == target {
        return Err(Answer::error_with_reason(
            400,
            "SAME_SOURCE_AND_DESTINATION",
            "sourceFolderPath and destinationPath is same",
        ));
    }
    if store::is_within(&target, &source) {
        return Err(Answer::error_with_reason(
            400,
            "INVALID_DESTINATION_PATH",
            "This operation is not allowed because parent folder cannot be moved into child \
             folder.",
        ));
    }
    let (_, name) = store::split_path(&source);
    Ok((source, store::join(&target, &name)))
}

fn started(library: &mut Library, kind: &'static str, purge: bool, status: u16) -> Answer {
    let job_id = library.new_id();
    let purge_id = purge.then(|| library.new_id());
    if let Some(id) = &purge_id {
        library.purges.insert(id.clone());
    }
    library.jobs.insert(job_id.clone(), (kind, purge_id));
    Answer::json(status, json!({ "jobId": job_id }))
}

pub(super) fn copy(library: &mut Library, body: &[u8]) -> Outcome {
    let body = json_object(body)?;
    let (source, root) = job_paths(library, &body)?;
    let all = optional_bool(&body, "includeVersions")?.unwrap_or(false);
    let folders: Vec<String> = library
        .folders
        .keys()
        .filter(|p| store::is_within(p, &source))
        .map(|p| rebase(p, &source, &root))
        .collect();
    for folder in folders {
        library.ensure_folder(&folder);
    }
    let files: Vec<_> = library
        .files
        .iter()
        .filter(|f| store::is_within(&f.folder, &source))
        .map(|f| {
            let versions = if all {
                f.versions().cloned().collect()
            } else {
                vec![f.current.clone()]
            };
            (rebase(&f.folder, &source, &root), f.name.clone(), versions)
        })
        .collect();
    for (folder, name, versions) in files {
        library.place(None, &folder, &name, versions);
    }
    Ok(started(library, "COPY_FOLDER", false, 200))
}

/// Moves everything under `source` to under `root`, merging into files of the same path.
fn relocate(library: &mut Library, source: &str, root: &str) {
    let moved: Vec<String> = library
        .folders
        .keys()
        .filter(|p| store::is_within(p, source))
        .cloned()
        .collect();
    for path in moved {
        if let Some(folder) = library.folders.remove(&path) {
            let target = rebase(&path, source, root);
            library.ensure_folder(&store::split_path(&target).0);
            library.folders.entry(target).or_insert(folder);
        }
    }
    let (inside, outside): (Vec<_>, Vec<_>) = std::mem::take(&mut library.files)
        .into_iter()
        .partition(|f| store::is_within(&f.folder, source));
    library.files = outside;
    for file in inside {
        let folder = rebase(&file.folder, source, root);
        let versions = file.versions().cloned().collect();
        library.place(Some(file.id), &folder, &file.name, versions);
    }
}

pub(super) fn move_to(library: &mut Library, body: &[u8]) -> Outcome {
    let body = json_object(body)?;
    let (source, root) = job_paths(library, &body)?;
    relocate(library, &source, &root);
    Ok(started(library, "MOVE_FOLDER", false, 200))
}

pub(super) fn rename(library: &mut Library, body: &[u8]) -> Outcome {
    let body = json_object(body)?;
    let given = required_str(&body, "folderPath")?;
    let source = store::normalize_folder(given).ok_or_else(|| invalid_path(given))?;
    let new_name = store::sanitize(required_str(&body, "newFolderName")?, "-");
    let purge = optional_bool(&body, "purgeCache")?.unwrap_or(false);
    if source == "/" {
        return Err(Answer::bad_request("folderPath cannot be root."));
    }
    if !library.folder_exists(&source) {
        return Err(Answer::error(404, "Source folder not found."));
    }
    let target = store::join(&store::split_path(&source).0, &new_name);
    if library.folder_exists(&target) {
        return Err(Answer::error(
            409,
            format!("Folder with name {new_name} already exists at the same location."),
        ));
    }
    relocate(library, &source, &target);
    if let Some(folder) = library.folders.get_mut(&target) {
        folder.updated_at = Utc::now();
    }
    Ok(started(library, "RENAME_FOLDER", purge, 202))
}

pub(super) fn job(library: &Library, id: &str) -> Outcome {
    let (kind, purge) = library
        .jobs
        .get(id)
        .ok_or_else(|| Answer::error(404, "The requested job does not exist."))?;
    let mut body = json!({ "jobId": id, "type": kind, "status": "Completed" });
    if let (Some(purge), Some(object)) = (purge, body.as_object_mut()) {
        object.insert("purgeRequestId".into(), purge.clone().into());
    }
    Ok(Answer::ok(body))
}
