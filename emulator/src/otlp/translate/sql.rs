//! The `sql` block (reference §11; the Collector's `makeSQL`): written only for SQL databases,
//! whose `db.*` attributes it consumes; other databases (DynamoDB, Redis, …) keep theirs in
//! metadata.

use shared::trace::Sql;

use super::attrs::Attrs;

const SQL_SYSTEMS: &[&str] = &[
    "db2",
    "derby",
    "hive",
    "mariadb",
    "mssql",
    "mysql",
    "oracle",
    "postgresql",
    "sqlite",
    "teradata",
    "other_sql",
];

const CONSUMED: &[&str] = &[
    "db.connection_string",
    "db.system",
    "db.name",
    "db.statement",
    "db.user",
];

pub(super) fn block<'a>(span_name: &str, attrs: Attrs<'a>) -> (Option<Sql>, Attrs<'a>) {
    let Some(system) = attrs.str("db.system").filter(|s| SQL_SYSTEMS.contains(s)) else {
        return (None, attrs);
    };
    let connection = attrs.str("db.connection_string").unwrap_or("localhost");
    let database = attrs.str("db.name").unwrap_or_default();
    let sql = Sql {
        // The Collector's choice: a connection string as the URL helps nobody, the span name
        // (`SELECT movies`) does.
        url: Some(span_name.to_owned()),
        connection_string: Some(format!("{connection}/{database}")),
        database_type: Some(system.to_owned()),
        user: attrs.str("db.user").map(str::to_owned),
        sanitized_query: attrs.str("db.statement").map(str::to_owned),
        ..Sql::default()
    };
    (Some(sql), attrs.without(CONSUMED))
}
