//! The error answers of every operation, added to the document in one place from what the
//! server does for every request, so that no operation can forget one:
//!
//! - 401 `unauthenticated`: no, or a revoked, bearer token (every operation);
//! - 422: bad input, and `totp-required-for-platform-admins` for a platform admin without a
//!   second factor (every operation);
//! - 403 `forbidden` / `not-in-plan`: every operation outside the caller's own `/me`;
//! - 404 `not-found`: every operation with a path parameter;
//! - 400 `request-invalid`: a query, path or body that cannot be read;
//! - 414 `query-too-long`: a query string over `tupa_core::limits::QUERY_BYTES` (every
//!   operation);
//! - 413 `body-too-large`: a body over the operation's limit (`limits::API_JSON_BYTES` for
//!   JSON); 415 `request-invalid`: a body not `application/json`.
//!
//! Other statuses (409 conflicts, 201/204) are documented by the operation itself.

use utoipa::openapi::path::Operation;
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, ResponseBuilder};

/// Adds the error answers each operation can give.
pub fn document(openapi: &mut OpenApi) {
    for (path, item) in openapi.paths.paths.iter_mut() {
        let own = path == "/api/v1/me" || path.starts_with("/api/v1/me/");
        let path_params = path.contains('{');
        for op in [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch]
            .into_iter()
            .flatten()
        {
            add_errors(op, own, path_params);
        }
    }
}

fn add_errors(op: &mut Operation, own: bool, path_params: bool) {
    let has_body = op.request_body.is_some();
    let has_params = path_params || op.parameters.as_ref().is_some_and(|p| !p.is_empty());
    let mut errors: Vec<(&str, &str)> = vec![
        ("401", "`unauthenticated`: no valid bearer token (or session)."),
        (
            "422",
            "Invalid input (`field` names it), or `totp-required-for-platform-admins` for a platform admin without a second factor.",
        ),
        ("414", "`query-too-long`: the query string is longer than the server takes."),
    ];
    if !own {
        errors.push(("403", "`forbidden` or `not-in-plan`: the caller may not do this here."));
    }
    if path_params {
        errors.push(("404", "`not-found`: nothing by that name, or nothing the caller may see."));
    }
    if has_params || has_body {
        errors.push(("400", "`request-invalid`: a parameter or the body could not be read."));
    }
    if has_body {
        errors.push(("413", "`body-too-large`: the body is larger than this operation takes."));
        errors.push(("415", "`request-invalid`: the body is not of the documented content type."));
    }
    for (status, description) in errors {
        let response =
            op.responses.responses.entry(status.to_string()).or_insert_with(|| {
                RefOr::T(ResponseBuilder::new().description(description).build())
            });
        if let RefOr::T(r) = response {
            if r.description.is_empty() {
                r.description = description.to_string();
            }
            r.content.insert(
                "application/json".to_string(),
                ContentBuilder::new().schema(Some(Ref::from_schema_name("ApiErrorBody"))).into(),
            );
        }
    }
    // Statuses documented by the operation itself (409 and the like) say what they are too.
    for (status, response) in op.responses.responses.iter_mut() {
        if let RefOr::T(r) = response
            && r.description.is_empty()
            && status.starts_with('4')
        {
            r.description = "Refused: see `code`.".to_string();
        }
    }
}
