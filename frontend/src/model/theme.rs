//! The colour theme, as written to `<html data-theme>` and remembered in localStorage.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    /// The value of `data-theme` and of the stored choice.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Reads a stored choice; anything else (an old or hand-edited value) means "no choice".
    pub fn parse(text: &str) -> Option<Theme> {
        match text {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn toggled(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }

    /// What the toggle button offers, for its label.
    pub fn toggle_label(self) -> &'static str {
        match self {
            Theme::Light => "Switch to the dark theme",
            Theme::Dark => "Switch to the light theme",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_values_round_trip_and_junk_is_no_choice() {
        for theme in [Theme::Light, Theme::Dark] {
            assert_eq!(Theme::parse(theme.as_str()), Some(theme));
            assert_ne!(theme.toggled(), theme);
            assert_eq!(theme.toggled().toggled(), theme);
        }
        assert_eq!(Theme::parse("Dark"), None);
        assert_eq!(Theme::parse(""), None);
    }
}
