//! What the person is told besides the page itself: the one-off success message for the
//! next page, problems found loading stored records, and files offered for saving, with
//! why one could not be.

use leptos::prelude::*;

use cpp_format::record::{self, Record};

use super::read_only::ReadOnly;
use crate::ui::browser;

#[derive(Clone, Copy)]
pub struct Notices {
    /// A one-off success message for the next page, shown in a notification banner.
    success: RwSignal<Option<String>>,
    /// Why the last file this page offered for saving could not be; forgotten when a file
    /// is offered or the page changes.
    download_problem: RwSignal<Option<String>>,
    /// Problems found when loading, shown on the start page and on pages that read records
    /// after start.
    load_problems: RwSignal<Vec<String>>,
}

impl Notices {
    pub(super) fn new(load_problems: Vec<String>) -> Notices {
        Notices {
            success: RwSignal::new(None),
            download_problem: RwSignal::new(None),
            load_problems: RwSignal::new(load_problems),
        }
    }

    /// Leaves a success message for the next page to show once.
    pub fn announce(&self, message: impl Into<String>) {
        self.success.set(Some(message.into()));
    }

    /// The message left for this page; shown until the page is left (`forget_success`), so
    /// a page drawn again shows it again.
    pub fn success(&self) -> Option<String> {
        self.success.get_untracked()
    }

    pub fn forget_success(&self) {
        self.success.set(None);
    }

    pub fn download_problem(&self) -> ReadOnly<Option<String>> {
        ReadOnly::of(self.download_problem)
    }

    pub fn load_problems(&self) -> ReadOnly<Vec<String>> {
        ReadOnly::of(self.load_problems)
    }

    pub(super) fn report_load_problems(&self, problems: Vec<String>) {
        if !problems.is_empty() {
            self.load_problems.update(|all| all.extend(problems));
        }
    }

    pub(super) fn clear_load_problems(&self) {
        self.load_problems.set(Vec::new());
    }

    /// Forgets what belonged to the page left behind.
    pub fn page_changed(&self) {
        self.download_problem.set(None);
    }

    /// Offers a file for saving, and says whether it was. If it cannot be made or offered,
    /// the page says so (`DownloadProblem`), so no failed download passes unnoticed.
    pub fn offer_file(
        &self,
        file_name: &str,
        media_type: &str,
        contents: Result<Vec<u8>, String>,
    ) -> bool {
        let offered = contents.and_then(|bytes| browser::download(file_name, media_type, &bytes));
        self.download_problem.set(
            offered
                .as_ref()
                .err()
                .map(|reason| format!("{file_name} could not be saved. {reason}.")),
        );
        offered.is_ok()
    }

    /// Offers an assessment or session in the app's own file format, as a backup or to hand
    /// over.
    pub fn offer_record<T: Record>(&self, record: &T) {
        self.offer_encoded(record, record::encode_for_file);
    }

    /// Offers a file exactly as its maker was shown it before saving (laid out to be read),
    /// and says whether it was.
    pub fn offer_as_shown<T: Record>(&self, file: &T) -> bool {
        self.offer_encoded(file, record::encode_pretty)
    }

    fn offer_encoded<T: Record>(
        &self,
        file: &T,
        encode: fn(&T) -> Result<String, record::EncodeError>,
    ) -> bool {
        let contents = encode(file)
            .map(String::into_bytes)
            .map_err(|e| e.to_string());
        self.offer_file(&record::file_name(file), "application/json", contents)
    }
}
