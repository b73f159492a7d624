//! Which call a request is, by method and path, and ImageKit's 401 for an unauthenticated one.

use http::Method;

use super::{
    answer::Answer,
    files, folders, list,
    server::{Auth, Incoming, Keys},
    store::Library,
    upload, versions,
};

/// The answer to one request.
pub(super) fn dispatch(library: &mut Library, keys: &Keys, request: &Incoming<'_>) -> Answer {
    let segments: Vec<&str> = request.path.split('/').filter(|s| !s.is_empty()).collect();
    let method = request.method;
    // Uploads authenticate either way (private key or client-side fields): the route decides.
    if method == Method::POST {
        match segments.as_slice() {
            ["api", "v1", "files", "upload"] => return upload::upload(library, keys, request, 1),
            ["api", "v2", "files", "upload"] => return upload::upload(library, keys, request, 2),
            _ => {}
        }
    }
    match request.auth {
        Auth::PrivateKey => {}
        Auth::Missing => {
            return Answer::error(401, "Your request does not contain private API key.");
        }
        Auth::Wrong => return Answer::error(401, "Your account cannot be authenticated."),
    }
    let outcome = match (method.as_str(), segments.as_slice()) {
        ("GET", ["v1", "files"]) => list::list(library, request),
        ("POST", ["v1", "files", "batch", "deleteByFileIds"]) => {
            files::bulk_delete(library, request.body)
        }
        ("POST", ["v1", "files", "copy"]) => files::copy(library, request.body),
        ("POST", ["v1", "files", "move"]) => files::move_to(library, request.body),
        ("PUT", ["v1", "files", "rename"]) => files::rename(library, request.body),
        ("POST", ["v1", "files", "addTags"]) => files::add_tags(library, request.body),
        ("POST", ["v1", "files", "removeTags"]) => files::remove_tags(library, request.body),
        ("POST", ["v1", "files", "removeAITags"]) => files::remove_ai_tags(library, request.body),
        ("POST", ["v1", "files", "purge"]) => versions::purge(library, request.body),
        ("GET", ["v1", "files", "purge", id]) => versions::purge_status(library, id),
        ("GET", ["v1", "files", id, "details"]) => files::details(library, id),
        ("PATCH", ["v1", "files", id, "details"]) => files::update(library, id, request.body),
        ("DELETE", ["v1", "files", id]) => files::delete(library, id),
        ("GET", ["v1", "files", id, "versions"]) => versions::list(library, id),
        ("GET", ["v1", "files", id, "versions", version]) => {
            versions::details(library, id, version)
        }
        ("DELETE", ["v1", "files", id, "versions", version]) => {
            versions::delete(library, id, version)
        }
        ("PUT", ["v1", "files", id, "versions", version, "restore"]) => {
            versions::restore(library, id, version)
        }
        ("POST", ["v1", "folder"]) => folders::create(library, request.body),
        ("DELETE", ["v1", "folder"]) => folders::delete(library, request.body),
        ("POST", ["v1", "bulkJobs", "copyFolder"]) => folders::copy(library, request.body),
        ("POST", ["v1", "bulkJobs", "moveFolder"]) => folders::move_to(library, request.body),
        ("POST", ["v1", "bulkJobs", "renameFolder"]) => folders::rename(library, request.body),
        ("GET", ["v1", "bulkJobs", id]) => folders::job(library, id),
        _ => Err(Answer::unsupported(method.as_str(), request.path, None)),
    };
    outcome.unwrap_or_else(|answer| answer)
}
