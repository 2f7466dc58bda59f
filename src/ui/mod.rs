//! The user interface: the app shell, routes, shared state, pages and components.
//! Pages compose components and call into `domain`; they hold no business rules.

pub mod app;
pub mod browser;
pub mod camera;
pub mod charts;
pub mod code_reader;
pub mod components;
pub mod extras;
pub mod file_import;
pub mod pages;
pub mod questionnaire_choice;
pub mod rating_question;
pub mod route;
pub mod state;
pub mod update_banner;
