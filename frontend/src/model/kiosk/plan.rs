//! `/kiosk?views=map,services,traces&every=30s`: what to show, in which order, for how long.

use shared::api::{format_window, parse_window};

use crate::model::url_state::UrlState;

/// A view the kiosk can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KioskView {
    Map,
    Services,
    Traces,
}

impl KioskView {
    fn parse(name: &str) -> Option<Self> {
        match name.trim() {
            "map" => Some(Self::Map),
            "services" => Some(Self::Services),
            "traces" => Some(Self::Traces),
            _ => None,
        }
    }

    /// The name in `views=` (and the page's `data-kiosk-view`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Map => "map",
            Self::Services => "services",
            Self::Traces => "traces",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Map => "Service map",
            Self::Services => "Services",
            Self::Traces => "Traces",
        }
    }
}

/// The rotation: a non-empty list of views, each shown for `every_seconds`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskPlan {
    pub views: Vec<KioskView>,
    pub every_seconds: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("views= names {0:?}, which the kiosk cannot show; use map, services and traces")]
    UnknownView(String),
    #[error("every= is {0:?}; use a duration of 5s or more, such as 30s or 2m")]
    Every(String),
}

/// Shorter rotations would refresh faster than AWS's own throttling allows.
const MIN_EVERY_SECONDS: u32 = 5;
const DEFAULT_EVERY_SECONDS: u32 = 30;

impl Default for KioskPlan {
    fn default() -> Self {
        KioskPlan {
            views: vec![KioskView::Map, KioskView::Services, KioskView::Traces],
            every_seconds: DEFAULT_EVERY_SECONDS,
        }
    }
}

impl KioskPlan {
    /// Reads `views=` and `every=`; a missing parameter takes its default.
    pub fn parse(views: Option<&str>, every: Option<&str>) -> Result<Self, PlanError> {
        let mut plan = KioskPlan::default();
        if let Some(views) = views.filter(|v| !v.trim().is_empty()) {
            plan.views = views
                .split(',')
                .map(|name| {
                    KioskView::parse(name).ok_or_else(|| PlanError::UnknownView(name.to_owned()))
                })
                .collect::<Result<_, _>>()?;
        }
        if let Some(every) = every {
            let seconds =
                parse_window(every.trim()).map_err(|_| PlanError::Every(every.to_owned()))?;
            plan.every_seconds = u32::try_from(seconds)
                .ok()
                .filter(|s| *s >= MIN_EVERY_SECONDS)
                .ok_or_else(|| PlanError::Every(every.to_owned()))?;
        }
        Ok(plan)
    }

    /// The view shown after `rotations` switches.
    pub fn view_at(&self, rotations: u64) -> KioskView {
        let len = self.views.len().max(1) as u64;
        let index = usize::try_from(rotations % len).unwrap_or(0);
        self.views.get(index).copied().unwrap_or(KioskView::Map)
    }
}

/// The kiosk's part of the URL: its plan, or why the link cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskQuery(pub Result<KioskPlan, PlanError>);

impl UrlState for KioskQuery {
    const KEYS: &'static [&'static str] = &["views", "every"];

    fn parse<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
        let (mut views, mut every) = (None, None);
        for (key, value) in pairs {
            match key.as_ref() {
                "views" => views = Some(value.as_ref().to_owned()),
                "every" => every = Some(value.as_ref().to_owned()),
                _ => {}
            }
        }
        KioskQuery(KioskPlan::parse(views.as_deref(), every.as_deref()))
    }

    /// A plan in full; a broken one writes nothing (the defaults).
    fn pairs(&self) -> Vec<(String, String)> {
        let Ok(plan) = &self.0 else {
            return Vec::new();
        };
        let views: Vec<&str> = plan.views.iter().map(|view| view.name()).collect();
        vec![
            ("views".to_owned(), views.join(",")),
            (
                "every".to_owned(),
                format_window(u64::from(plan.every_seconds)),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use KioskView::{Map, Services, Traces};

    #[test]
    fn reads_the_rotation_from_the_address() {
        let check = |views, every, expect: Result<(Vec<KioskView>, u32), PlanError>| {
            let got = KioskPlan::parse(views, every);
            let expect = expect.map(|(views, every_seconds)| KioskPlan {
                views,
                every_seconds,
            });
            assert_eq!(got, expect, "{views:?} {every:?}");
        };
        check(None, None, Ok((vec![Map, Services, Traces], 30)));
        check(Some("traces,map"), Some("10s"), Ok((vec![Traces, Map], 10)));
        check(Some(""), Some("2m"), Ok((vec![Map, Services, Traces], 120)));
        check(
            Some("map,logs"),
            None,
            Err(PlanError::UnknownView("logs".into())),
        );
        check(None, Some("1s"), Err(PlanError::Every("1s".into())));
        check(None, Some("soon"), Err(PlanError::Every("soon".into())));
    }

    #[test]
    fn rotation_cycles_through_the_views_in_order() {
        let plan = KioskPlan {
            views: vec![Map, Traces],
            every_seconds: 5,
        };
        let shown: Vec<KioskView> = (0..5).map(|n| plan.view_at(n)).collect();
        assert_eq!(shown, vec![Map, Traces, Map, Traces, Map]);
    }

    #[test]
    fn the_address_holds_the_plan_and_keeps_the_rest() {
        let query = [("window", "15m"), ("views", "traces,map"), ("every", "10s")];
        let read = KioskQuery::parse(query);
        let plan = KioskPlan {
            views: vec![Traces, Map],
            every_seconds: 10,
        };
        assert_eq!(read, KioskQuery(Ok(plan)));
        let written = read.merge_into([("window", "15m")]);
        assert_eq!(KioskQuery::parse(written), read);
        let broken = KioskQuery::parse([("views", "logs")]);
        assert_eq!(
            broken,
            KioskQuery(Err(PlanError::UnknownView("logs".into())))
        );
        assert!(broken.pairs().is_empty());
    }
}
