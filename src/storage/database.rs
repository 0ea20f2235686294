//! The default file store: contents in the `file_contents` table of the platform's database,
//! so that every server sees every file and a backup of the database holds them all.

use uuid::Uuid;

use super::FileStore;
use crate::db::Db;
use crate::db::files::FileMeta;

/// Files kept in the database. Cheap to clone.
#[derive(Debug, Clone)]
pub struct DatabaseStore {
    db: Db,
}

impl DatabaseStore {
    pub fn new(db: Db) -> DatabaseStore {
        DatabaseStore { db }
    }
}

impl FileStore for DatabaseStore {
    async fn put(&self, meta: &FileMeta, contents: &[u8]) -> Result<(), sqlx::Error> {
        self.db.insert_file(meta, contents).await
    }

    async fn get(&self, id: Uuid) -> Result<Option<Vec<u8>>, sqlx::Error> {
        self.db.file_contents(id).await
    }

    async fn delete(&self, id: Uuid) -> Result<bool, sqlx::Error> {
        self.db.delete_file(id).await
    }
}
