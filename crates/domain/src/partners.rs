//! The statutory community planning partners, offered as owners of improvement actions.
//!
//! Section 4(1) of the Community Empowerment (Scotland) Act 2015 gives the community
//! planning duties to each local authority and to the persons listed in Schedule 1 to the
//! Act. The local authority is named in section 4(1) itself, not in Schedule 1, so the list
//! is the local authority first, then the Schedule 1 partners.

/// The local authority, a statutory partner under section 4(1) but not listed in Schedule 1.
pub const LOCAL_AUTHORITY: &str = "Local authority";

/// The local authority followed by the partners listed in Schedule 1.
pub const STATUTORY_PARTNERS: &[&str] = &[
    LOCAL_AUTHORITY,
    "Health Board (NHS)",
    "Scottish Enterprise / Highlands and Islands Enterprise",
    "Police Scotland",
    "Scottish Fire and Rescue Service",
    "Regional Transport Partnership",
    "Skills Development Scotland",
    "Integration Joint Board (health and social care)",
    "NatureScot (Scottish Natural Heritage)",
    "Scottish Environment Protection Agency",
    "Historic Environment Scotland",
    "National Park Authority",
    "sportscotland",
    "VisitScotland",
    "Regional college board of management",
    "Regional strategic body (further and higher education)",
];

/// The partners listed in Schedule 1: every statutory partner except the local authority.
pub const SCHEDULE_1_PARTNERS: &[&str] = match STATUTORY_PARTNERS.split_first() {
    Some((_, schedule_1)) => schedule_1,
    None => &[],
};

#[cfg(test)]
mod tests {
    use super::{LOCAL_AUTHORITY, SCHEDULE_1_PARTNERS, STATUTORY_PARTNERS};
    use std::collections::BTreeSet;

    #[test]
    fn partner_names_are_unique_and_include_the_governance_partners() {
        let unique: BTreeSet<_> = STATUTORY_PARTNERS.iter().collect();
        assert_eq!(unique.len(), STATUTORY_PARTNERS.len());
        for governance_partner in [
            "Local authority",
            "Health Board (NHS)",
            "Police Scotland",
            "Scottish Fire and Rescue Service",
        ] {
            assert!(STATUTORY_PARTNERS.contains(&governance_partner));
        }
    }

    #[test]
    fn the_local_authority_comes_first_and_is_not_a_schedule_1_partner() {
        assert_eq!(STATUTORY_PARTNERS[0], LOCAL_AUTHORITY);
        assert!(!SCHEDULE_1_PARTNERS.contains(&LOCAL_AUTHORITY));
        assert_eq!(SCHEDULE_1_PARTNERS, &STATUTORY_PARTNERS[1..]);
    }
}
