//! The services table's own URL parameters: `sort=`, `order=`, `name=`, `kind=`, `status=` and
//! `refresh=`. Defaults are left out of the URL so a plain `/services` stays plain.

use shared::api::ServiceKind;

use super::refresh::RefreshInterval;
use crate::model::url_state::UrlState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    #[default]
    Name,
    Kind,
    Region,
    Status,
    Url,
    Tracing,
    Updated,
}

impl SortColumn {
    pub const ALL: [SortColumn; 7] = [
        SortColumn::Name,
        SortColumn::Kind,
        SortColumn::Region,
        SortColumn::Status,
        SortColumn::Url,
        SortColumn::Tracing,
        SortColumn::Updated,
    ];

    /// The value in `sort=`.
    pub fn key(self) -> &'static str {
        match self {
            SortColumn::Name => "name",
            SortColumn::Kind => "kind",
            SortColumn::Region => "region",
            SortColumn::Status => "status",
            SortColumn::Url => "url",
            SortColumn::Tracing => "tracing",
            SortColumn::Updated => "updated",
        }
    }

    /// The column heading.
    pub fn label(self) -> &'static str {
        match self {
            SortColumn::Name => "Name",
            SortColumn::Kind => "Kind",
            SortColumn::Region => "Region",
            SortColumn::Status => "Status",
            SortColumn::Url => "URL",
            SortColumn::Tracing => "Tracing",
            SortColumn::Updated => "Last updated",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|column| column.key() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    Ascending,
    Descending,
}

impl SortOrder {
    /// The value of `aria-sort` on the sorted column's heading.
    pub fn aria(self) -> &'static str {
        match self {
            SortOrder::Ascending => "ascending",
            SortOrder::Descending => "descending",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    pub sort: SortColumn,
    pub order: SortOrder,
    /// Case-insensitive part of the name; empty shows every service.
    pub name: String,
    /// App Runner or ECS Express only; `None` shows both.
    pub kind: Option<ServiceKind>,
    /// A status (App Runner's `RUNNING`, ECS's `ACTIVE`); `None` shows every status.
    pub status: Option<String>,
    pub refresh: RefreshInterval,
}

impl UrlState for ListQuery {
    const KEYS: &'static [&'static str] = &["sort", "order", "name", "kind", "status", "refresh"];

    /// Unknown values fall back to the defaults: a stale bookmark still opens the table.
    fn parse<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
        let mut query = ListQuery::default();
        for (key, value) in pairs {
            let value = value.as_ref().trim();
            match key.as_ref() {
                "sort" => query.sort = SortColumn::parse(value).unwrap_or_default(),
                "order" if value == "desc" => query.order = SortOrder::Descending,
                "name" => query.name = value.to_owned(),
                "kind" => query.kind = ServiceKind::parse(value),
                "status" if !value.is_empty() => query.status = Some(value.to_ascii_uppercase()),
                "refresh" => query.refresh = RefreshInterval::parse(value).unwrap_or_default(),
                _ => {}
            }
        }
        query
    }

    fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        let mut push = |key: &str, value: String| pairs.push((key.to_owned(), value));
        if self.sort != SortColumn::default() {
            push("sort", self.sort.key().to_owned());
        }
        if self.order == SortOrder::Descending {
            push("order", "desc".to_owned());
        }
        if !self.name.is_empty() {
            push("name", self.name.clone());
        }
        if let Some(kind) = self.kind {
            push("kind", kind.as_str().to_owned());
        }
        if let Some(status) = &self.status {
            push("status", status.clone());
        }
        if self.refresh != RefreshInterval::default() {
            push("refresh", self.refresh.key());
        }
        pairs
    }
}

impl ListQuery {
    /// The query after a click on `column`'s heading: the sorted column flips its order, another
    /// column becomes the sorted one, ascending.
    pub fn sorted_by(&self, column: SortColumn) -> Self {
        let order = match (column == self.sort, self.order) {
            (true, SortOrder::Ascending) => SortOrder::Descending,
            _ => SortOrder::Ascending,
        };
        ListQuery {
            sort: column,
            order,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_table_parameters() {
        let check = |query: &[(&str, &str)], expect: ListQuery| {
            assert_eq!(ListQuery::parse(query.iter().copied()), expect, "{query:?}");
        };
        check(&[], ListQuery::default());
        check(
            &[
                ("sort", "updated"),
                ("order", "desc"),
                ("name", " movies "),
                ("kind", "ecs_express"),
                ("status", "running"),
            ],
            ListQuery {
                sort: SortColumn::Updated,
                order: SortOrder::Descending,
                name: "movies".into(),
                kind: Some(ServiceKind::EcsExpress),
                status: Some("RUNNING".into()),
                refresh: RefreshInterval::default(),
            },
        );
        check(
            &[("refresh", "off"), ("window", "1h")],
            ListQuery {
                refresh: RefreshInterval::Off,
                ..Default::default()
            },
        );
        check(
            &[
                ("sort", "colour"),
                ("order", "sideways"),
                ("kind", "lambda"),
                ("refresh", "1ms"),
            ],
            ListQuery::default(),
        );
    }

    #[test]
    fn writes_only_what_differs_from_the_defaults_and_keeps_the_rest() {
        let query = ListQuery {
            sort: SortColumn::Status,
            name: "api".into(),
            refresh: RefreshInterval::Seconds(60),
            ..Default::default()
        };
        let current = [("window", "1h"), ("sort", "name"), ("region", "eu-west-1")];
        let expect = [
            ("window", "1h"),
            ("region", "eu-west-1"),
            ("sort", "status"),
            ("name", "api"),
            ("refresh", "60s"),
        ];
        let expect: Vec<_> = expect.map(|(k, v)| (k.to_owned(), v.to_owned())).into();
        assert_eq!(query.merge_into(current), expect);
        assert_eq!(
            ListQuery::default().merge_into([("window", "1h")]),
            [("window".to_owned(), "1h".to_owned())]
        );
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let query = ListQuery {
            sort: SortColumn::Tracing,
            order: SortOrder::Descending,
            name: "shop".into(),
            kind: Some(ServiceKind::AppRunner),
            status: Some("PAUSED".into()),
            refresh: RefreshInterval::Off,
        };
        assert_eq!(
            ListQuery::parse(query.merge_into(Vec::<(String, String)>::new())),
            query
        );
    }

    #[test]
    fn clicking_a_heading_sorts_by_it_then_flips_the_order() {
        let first = ListQuery::default().sorted_by(SortColumn::Updated);
        assert_eq!(
            (first.sort, first.order),
            (SortColumn::Updated, SortOrder::Ascending)
        );
        let second = first.sorted_by(SortColumn::Updated);
        assert_eq!(
            (second.sort, second.order),
            (SortColumn::Updated, SortOrder::Descending)
        );
        let third = second.sorted_by(SortColumn::Name);
        assert_eq!(
            (third.sort, third.order),
            (SortColumn::Name, SortOrder::Ascending)
        );
    }
}
