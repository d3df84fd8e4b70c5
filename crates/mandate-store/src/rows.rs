//! Decoding stored columns into domain types; anything that does not decode is corruption.

use mandate_core::Timestamp;
use serde::de::DeserializeOwned;
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::StoreError;

pub(crate) fn text(row: &AnyRow, col: &str) -> Result<String, StoreError> {
    Ok(row.try_get::<String, _>(col)?)
}

pub(crate) fn opt_text(row: &AnyRow, col: &str) -> Result<Option<String>, StoreError> {
    Ok(row.try_get::<Option<String>, _>(col)?)
}

pub(crate) fn int(row: &AnyRow, col: &str) -> Result<i64, StoreError> {
    Ok(row.try_get::<i64, _>(col)?)
}

pub(crate) fn opt_int(row: &AnyRow, col: &str) -> Result<Option<i64>, StoreError> {
    Ok(row.try_get::<Option<i64>, _>(col)?)
}

pub(crate) fn time(row: &AnyRow, col: &str) -> Result<Timestamp, StoreError> {
    Ok(mandate_core::from_millis(int(row, col)?))
}

pub(crate) fn opt_time(row: &AnyRow, col: &str) -> Result<Option<Timestamp>, StoreError> {
    Ok(opt_int(row, col)?.map(mandate_core::from_millis))
}

pub(crate) fn json<T: DeserializeOwned>(row: &AnyRow, col: &str) -> Result<T, StoreError> {
    let raw = text(row, col)?;
    serde_json::from_str(&raw).map_err(|e| corrupt(col, e))
}

/// Parses a stored value with a domain parser.
pub(crate) fn parsed<T, E: std::fmt::Display>(
    row: &AnyRow,
    col: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, StoreError> {
    let raw = text(row, col)?;
    parse(&raw).map_err(|e| corrupt(col, e))
}

pub(crate) fn corrupt(col: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("column `{col}`: {e}"))
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// How a table's rows decode.
pub(crate) type FromRow<T> = fn(&AnyRow) -> Result<T, StoreError>;

impl crate::Store {
    /// One row of `table` by its `id`, decoded.
    pub(crate) async fn by_id<T>(
        &self,
        table: &str,
        columns: &str,
        id: &str,
        decode: FromRow<T>,
    ) -> Result<Option<T>, StoreError> {
        sqlx::query(&format!("SELECT {columns} FROM {table} WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.read_pool())
            .await?
            .as_ref()
            .map(decode)
            .transpose()
    }
}

impl crate::Tx {
    /// One row of `table` by its `id`, decoded and locked until commit.
    pub(crate) async fn lock_by_id<T>(
        &mut self,
        table: &str,
        columns: &str,
        id: &str,
        decode: FromRow<T>,
    ) -> Result<Option<T>, StoreError> {
        let sql = format!(
            "SELECT {columns} FROM {table} WHERE id = $1{}",
            self.lock_clause()
        );
        sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.conn())
            .await?
            .as_ref()
            .map(decode)
            .transpose()
    }
}
