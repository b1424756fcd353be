//! Locale spelling: the words whose spelling differs between British, Canadian and
//! American English, for the `spell` helper.
//!
//! Each entry is (en-GB, en-CA, en-US). Canadian English takes -ize endings and
//! "license" as a verb like American English, but keeps -our and -re like British English.

use crate::options::Locale;

const WORDS: &[(&str, &str, &str)] = &[
    ("acknowledgement", "acknowledgement", "acknowledgment"),
    ("acknowledgements", "acknowledgements", "acknowledgments"),
    ("analyse", "analyze", "analyze"),
    ("apologise", "apologize", "apologize"),
    ("authorise", "authorize", "authorize"),
    ("authorised", "authorized", "authorized"),
    ("authorises", "authorizes", "authorizes"),
    ("behaviour", "behaviour", "behavior"),
    ("cancel", "cancel", "cancel"),
    ("cancellation", "cancellation", "cancellation"),
    ("cancelled", "cancelled", "canceled"),
    ("centre", "centre", "center"),
    ("centres", "centres", "centers"),
    ("colour", "colour", "color"),
    ("defence", "defence", "defense"),
    ("emphasise", "emphasize", "emphasize"),
    ("favour", "favour", "favor"),
    ("finalise", "finalize", "finalize"),
    ("finalised", "finalized", "finalized"),
    ("honour", "honour", "honor"),
    ("itemise", "itemize", "itemize"),
    ("itemised", "itemized", "itemized"),
    ("judgement", "judgment", "judgment"),
    ("labour", "labour", "labor"),
    ("licence", "licence", "license"),
    ("licences", "licences", "licenses"),
    ("minimise", "minimize", "minimize"),
    ("neighbour", "neighbour", "neighbor"),
    ("organisation", "organization", "organization"),
    ("organisations", "organizations", "organizations"),
    ("organise", "organize", "organize"),
    ("organised", "organized", "organized"),
    ("practise", "practise", "practice"),
    ("programme", "program", "program"),
    ("recognise", "recognize", "recognize"),
    ("recognised", "recognized", "recognized"),
    ("summarise", "summarize", "summarize"),
    ("synchronise", "synchronize", "synchronize"),
    ("utilise", "utilize", "utilize"),
];

/// The spelling of `word` (given in its British form) in `locale`, or `None` when the
/// word is not in the list.
pub fn spell(word: &str, locale: Locale) -> Option<&'static str> {
    let (gb, ca, us) = WORDS.iter().find(|(gb, _, _)| *gb == word)?;
    Some(match locale {
        Locale::EnGb => gb,
        Locale::EnCa => ca,
        Locale::EnUs => us,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_follow_the_locale() {
        assert_eq!(spell("organise", Locale::EnCa), Some("organize"));
        assert_eq!(spell("centre", Locale::EnCa), Some("centre"));
        assert_eq!(spell("centre", Locale::EnUs), Some("center"));
        assert_eq!(spell("licence", Locale::EnGb), Some("licence"));
        assert_eq!(spell("colour-blind", Locale::EnGb), None);
    }

    #[test]
    fn the_list_has_no_duplicates() {
        for (i, (gb, _, _)) in WORDS.iter().enumerate() {
            assert!(
                !WORDS[i + 1..].iter().any(|(other, _, _)| other == gb),
                "{gb}"
            );
        }
    }
}
