//! The accessibility statement: who the tool is for, how accessible it is and what is not
//! yet checked, how to report a problem, the enforcement procedure, and how it was tested.
//! It follows the structure of the UK public sector model accessibility statement; keep it
//! in step with `docs/accessibility-checklist.md` and the README's Testing section.

use leptos::prelude::*;

use crate::ui::components::{use_page_title, PageHeading};

/// When this statement was prepared, and when it was last reviewed.
const PREPARED: &str = "23 November 2026";
const REVIEWED: &str = "23 November 2026";

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    use_page_title(|| "Accessibility statement".into());
    view! {
        <PageHeading>"Accessibility statement for Community planning self-assessment"</PageHeading>
        <p class="body">"This accessibility statement applies to the Community planning self-assessment tool. Community Planning Partnerships in Scotland use it to assess themselves against the Principles of Effective Community Planning: board members and officers of councils, NHS boards, Police Scotland, the Scottish Fire and Rescue Service, other statutory partners and community bodies, facilitators of board sessions, and improvement advisers."</p>
        <p class="body">"We want as many people as possible to be able to use this tool. For example, that means you should be able to:"</p>
        <ul class="list list--bullet">
            <li>"zoom in up to 400% without the text spilling off the screen"</li>
            <li>"use it in a window 320 pixels wide, without scrolling sideways except inside wide tables"</li>
            <li>"use every part of it with a keyboard alone"</li>
            <li>"use it with a screen reader"</li>
            <li>"change colours, contrast levels and fonts with your browser or device settings, including high contrast modes"</li>
        </ul>
        <p class="body">"We have also made the text as simple as we can to understand."</p>

        <h2 class="heading-m">"How accessible this tool is"</h2>
        <p class="body">"We know of no part of the tool that fails the accessibility standard, but not all of it has been checked by hand yet:"</p>
        <ul class="list list--bullet">
            <li>"the manual walk-through with screen readers (NVDA and VoiceOver) and at 400% zoom has not been done yet, so there may be problems for screen reader and magnifier users that we have not found"</li>
            <li>"text spacing overrides (for example, larger line height and letter spacing) have not been checked by hand"</li>
            <li>"files the tool makes for you to download (the board report as a web page, Word or PDF document, spreadsheets and CSV files) have not been checked with assistive technology"</li>
        </ul>
        <p class="body">"Some parts work differently to make them usable by everyone:"</p>
        <ul class="list list--bullet">
            <li>"charts are images with a text description, and a table with the same data is always beside them"</li>
            <li>"wherever you can drag and drop files, there is also a file picker that works with a keyboard"</li>
            <li>"in a board session's discussion view, Page Down, Page Up and the arrow keys move between expectations, and \u{201c}Previous expectation\u{201d} and \u{201c}Next expectation\u{201d} links do the same"</li>
            <li>"shaded tables always show their numbers, so the shading adds nothing you would miss without it"</li>
        </ul>

        <h2 class="heading-m">"Feedback and contact information"</h2>
        <p class="body">"This tool is provided to you by an organisation: usually your Community Planning Partnership's community planning team, or, for improvement advisers, the Improvement Service. If you need help using the tool, or need any of its content in a different format, such as large print, easy read, audio or braille, contact them."</p>
        <p class="body">"When you contact them, say:"</p>
        <ul class="list list--bullet">
            <li>"which page you were on: its main heading, and the part of the address after the # sign"</li>
            <li>"what you were trying to do, and what happened"</li>
            <li>"the browser and device you were using"</li>
            <li>"any assistive technology you use, such as a screen reader, magnifier or speech recognition, and its version"</li>
        </ul>
        <p class="body">"Do not send your assessment or its files unless you are asked for them. We aim to reply within 5 working days."</p>

        <h2 class="heading-m">"Reporting accessibility problems with this tool"</h2>
        <p class="body">"We are always looking to improve the accessibility of this tool. If you find any problems not listed on this page, or think we are not meeting accessibility requirements, contact the organisation that provides the tool to you, as described above."</p>

        <h2 class="heading-m">"Enforcement procedure"</h2>
        <p class="body">"The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the \u{201c}accessibility regulations\u{201d})."</p>
        <p class="body">"In Scotland, if you are not happy with how we respond to your complaint, contact the "
            <a href="https://www.equalityadvisoryservice.com/">"Equality Advisory and Support Service (EASS)"</a>
            "."
        </p>

        <h2 class="heading-m">"Technical information about this tool's accessibility"</h2>
        <p class="body">"The providers of this tool are committed to making it accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018."</p>
        <h3 class="heading-s">"Compliance status"</h3>
        <p class="body">"This tool is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, because the manual testing listed below is not yet complete."</p>
        <h3 class="heading-s">"Non-accessible content"</h3>
        <p class="body">"We know of no content that fails the Web Content Accessibility Guidelines version 2.2 AA standard. Automated checks find only some kinds of problem, so until the manual testing is done there may be failures we have not found."</p>
        <h3 class="heading-s">"Disproportionate burden"</h3>
        <p class="body">"We are not claiming that fixing any accessibility problem would be a disproportionate burden."</p>

        <h2 class="heading-m">"How we tested this tool"</h2>
        <p class="body">"Every test run of the tool checks it automatically in the Chromium browser, with no screen showing (headless). The last run recorded in our checklist was on 23 November 2026, by the development team, in Chromium 156. It checks:"</p>
        <ul class="list list--bullet">
            <li>"the pages and error messages the tests visit, against the Web Content Accessibility Guidelines 2.0, 2.1 and 2.2 at levels A and AA, with the axe-core checker: more than 40 of them, covering every step of an assessment, a board session, the quiz, loading a questionnaire and an adviser's collation; any problem found fails the run"</li>
            <li>"the first principle of an assessment, answered with the keyboard alone"</li>
            <li>"moving between expectations with Page Down in a board session's discussion view"</li>
            <li>"every kind of page at 320 pixels wide (the same as 400% zoom in a 1280 pixel window), with nothing needing sideways scrolling except inside wide tables"</li>
            <li>"that the tool makes no request to any other website"</li>
        </ul>
        <p class="body">"Not yet done: the manual checks in our checklist, walking through every page with the keyboard, at 400% zoom, with text spacing overrides, and with the NVDA screen reader (with Firefox or Chrome) and VoiceOver (with Safari)."</p>

        <h2 class="heading-m">"What we're doing to improve accessibility"</h2>
        <p class="body">"We will complete the manual checks before the next release, fix anything they find, and update this statement with the results."</p>

        <h2 class="heading-m">"Preparation of this accessibility statement"</h2>
        <p class="body">{format!("This statement was prepared on {PREPARED}. It was last reviewed on {REVIEWED}.")}</p>
        <p class="body">"This tool was last tested on 23 November 2026. The testing was carried out by the development team, as described under \u{201c}How we tested this tool\u{201d}."</p>
    }
}
