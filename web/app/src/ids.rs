//! The ids of the form's elements, made from option paths, so that a diagnostic about
//! an option can lead to its field.

/// The id of the form field for an option path: `parties.1.name` → `opt-parties-1-name`.
pub fn field_id(path: &str) -> String {
    format!("opt-{}", path.replace('.', "-"))
}

/// The id of a form section, for the links at the top of the form: `group-recording`.
pub fn group_id(key: &str) -> String {
    format!("group-{key}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_path() {
        assert_eq!(field_id("parties.1.name"), "opt-parties-1-name");
        assert_eq!(group_id("breakout_rooms"), "group-breakout_rooms");
    }
}
