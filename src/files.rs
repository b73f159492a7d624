//! Files: list, search, details, update, delete, copy, move, rename, tags.

use serde::Serialize;

use crate::{api::types, transport::Transport, Error, ImageKit, Response};

impl ImageKit {
    /// Details of one file.
    pub async fn get_file_details(
        &self,
        file_id: &str,
    ) -> Result<Response<types::FileDetails>, Error> {
        Transport::call(self.api().get_file_details().file_id(file_id).send()).await
    }
}

/// Changes to a file's details, for [`ImageKit::update_file_details`].
#[derive(Clone, Debug, Default, Serialize)]
pub struct UpdateFileDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<Option<Vec<String>>>,
}
