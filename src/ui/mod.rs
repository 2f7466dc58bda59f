//! placeholder
pub mod app { use leptos::prelude::*; #[component] pub fn App() -> impl IntoView { view!{ <p>"x"</p> } } }
