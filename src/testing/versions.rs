//! File versions (list, details, delete, restore) and CDN cache purges.

use chrono::Utc;
use serde_json::{Value, json};

use super::{
    answer::{Answer, Outcome, json_object, required_str},
    files::find as find_file,
    store::Library,
};

fn version_not_found() -> Answer {
    Answer::error(404, "The requested file version does not exist.")
}

pub(super) fn list(library: &Library, id: &str) -> Outcome {
    let file = find_file(library, id)?;
    let versions: Vec<Value> = file.versions().map(|v| library.render(file, v)).collect();
    Ok(Answer::ok(Value::Array(versions)))
}

pub(super) fn details(library: &Library, id: &str, version_id: &str) -> Outcome {
    let file = find_file(library, id)?;
    let version = file
        .versions()
        .find(|v| v.id == version_id)
        .ok_or_else(version_not_found)?;
    Ok(Answer::ok(library.render(file, version)))
}

pub(super) fn delete(library: &mut Library, id: &str, version_id: &str) -> Outcome {
    let found = find_file(library, id)?;
    if found.current.id == version_id {
        return Err(Answer::bad_request(
            "You cannot delete current version of a file.",
        ));
    }
    if !found.older.iter().any(|v| v.id == version_id) {
        return Err(version_not_found());
    }
    if let Some(file) = library.file_mut(id) {
        file.older.retain(|v| v.id != version_id);
    }
    Ok(Answer::no_content())
}

/// Makes an earlier version current again: ImageKit keeps it in the history, as a new
/// current version with its content.
pub(super) fn restore(library: &mut Library, id: &str, version_id: &str) -> Outcome {
    let found = find_file(library, id)?;
    let Some(earlier) = found.versions().find(|v| v.id == version_id).cloned() else {
        return Err(version_not_found());
    };
    if found.current.id != version_id {
        let new_id = library.new_id();
        if let Some(file) = library.file_mut(id) {
            let mut restored = earlier;
            restored.id = new_id;
            restored.number = file.current.number + 1;
            restored.created_at = Utc::now();
            restored.updated_at = restored.created_at;
            let previous = std::mem::replace(&mut file.current, restored);
            file.older.push(previous);
        }
    }
    let found = find_file(library, id)?;
    Ok(Answer::ok(library.render(found, &found.current)))
}

/// Accepts a purge of one of the fake's URLs (or a prefix of them, ending in `*`); purges
/// complete at once.
pub(super) fn purge(library: &mut Library, body: &[u8]) -> Outcome {
    let body = json_object(body)?;
    let url = required_str(&body, "url")?;
    if !url.starts_with(library.url_endpoint()) {
        return Err(Answer::bad_request(
            "The URL is not valid for cache purging.",
        ));
    }
    let request_id = library.new_id();
    library.purges.insert(request_id.clone());
    Ok(Answer::json(201, json!({ "requestId": request_id })))
}

pub(super) fn purge_status(library: &Library, request_id: &str) -> Outcome {
    if library.purges.contains(request_id) {
        Ok(Answer::ok(json!({ "status": "Completed" })))
    } else {
        Err(Answer::bad_request("No request found for this requestId."))
    }
}
