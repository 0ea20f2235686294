//! What the migrated schema looks like, read back from the database itself: tables, columns
//! with their nullability, and unique keys. Used to prove the SQLite and PostgreSQL migration
//! trees describe the same schema.

use std::collections::{BTreeMap, BTreeSet};

use super::Db;

/// A table: its columns (name → nullable) and unique keys (primary key included).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub columns: BTreeMap<String, bool>,
    pub unique_keys: BTreeSet<Vec<String>>,
}

/// Tables by name, without the migration bookkeeping nor SQLite's full-text index (`dossier_fts`
/// and its shadow tables), which PostgreSQL keeps as a GIN index instead.
pub type Schema = BTreeMap<String, Table>;

impl Db {
    pub async fn describe_schema(&self) -> Result<Schema, sqlx::Error> {
        let mut schema = Schema::new();
        match self {
            Db::Sqlite(pool, _) => {
                let tables: Vec<String> = sqlx::query_scalar(
                    "SELECT name FROM sqlite_master WHERE type = 'table' \
                     AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%' \
                     AND name NOT LIKE 'dossier_fts%' ORDER BY name",
                )
                .fetch_all(pool)
                .await?;
                for name in tables {
                    let mut table = Table::default();
                    let columns: Vec<(String, bool, i64)> =
                        sqlx::query_as("SELECT name, \"notnull\", pk FROM pragma_table_info($1)")
                            .bind(&name)
                            .fetch_all(pool)
                            .await?;
                    for (column, not_null, pk) in columns {
                        table.columns.insert(column, !(not_null || pk > 0));
                    }
                    let indexes: Vec<(String, bool)> =
                        sqlx::query_as("SELECT name, \"unique\" FROM pragma_index_list($1)")
                            .bind(&name)
                            .fetch_all(pool)
                            .await?;
                    for (index, _) in indexes.into_iter().filter(|(_, unique)| *unique) {
                        let key: Vec<String> = sqlx::query_scalar(
                            "SELECT name FROM pragma_index_info($1) ORDER BY seqno",
                        )
                        .bind(&index)
                        .fetch_all(pool)
                        .await?;
                        table.unique_keys.insert(key);
                    }
                    // A rowid table's INTEGER PRIMARY KEY has no index: add it from the columns.
                    let pk: Vec<(String, i64)> = sqlx::query_as(
                        "SELECT name, pk FROM pragma_table_info($1) WHERE pk > 0 ORDER BY pk",
                    )
                    .bind(&name)
                    .fetch_all(pool)
                    .await?;
                    if !pk.is_empty() {
                        table.unique_keys.insert(pk.into_iter().map(|(c, _)| c).collect());
                    }
                    schema.insert(name, table);
                }
            }
            Db::Postgres(pool) => {
                let tables: Vec<String> = sqlx::query_scalar(
                    "SELECT table_name::text FROM information_schema.tables \
                     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
                     AND table_name NOT LIKE '_sqlx%' ORDER BY table_name",
                )
                .fetch_all(pool)
                .await?;
                for name in tables {
                    let mut table = Table::default();
                    let columns: Vec<(String, String)> = sqlx::query_as(
                        "SELECT column_name::text, is_nullable::text FROM information_schema.columns \
                         WHERE table_schema = current_schema() AND table_name = $1",
                    )
                    .bind(&name)
                    .fetch_all(pool)
                    .await?;
                    for (column, nullable) in columns {
                        table.columns.insert(column, nullable == "YES");
                    }
                    let keys: Vec<Vec<String>> = sqlx::query_scalar(
                        "SELECT array_agg(a.attname::text ORDER BY k.ord) \
                         FROM pg_index x \
                         JOIN pg_class t ON t.oid = x.indrelid \
                         JOIN pg_namespace n ON n.oid = t.relnamespace \
                         CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord) \
                         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
                         WHERE t.relname = $1 AND n.nspname = current_schema() AND x.indisunique \
                         GROUP BY x.indexrelid",
                    )
                    .bind(&name)
                    .fetch_all(pool)
                    .await?;
                    table.unique_keys.extend(keys);
                    schema.insert(name, table);
                }
            }
        }
        Ok(schema)
    }
}
