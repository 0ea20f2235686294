//! From a stream of rows (the database's, read as it comes) to a finished file: the rows go in
//! small batches through a bounded channel to a blocking thread that writes them, into an
//! anonymous temporary file (deleted when closed).
//!
//! Why a file rather than writing into the response as rows come: the database connection is
//! held only as long as writing takes, not as long as a slow client takes to download; an error
//! half-way is an error page, not a truncated file that looks whole; the XLSX and ODS archives
//! cannot be sent before they are complete anyway; and the audit entry can say how many rows
//! left. Memory stays flat either way: a few batches in the channel, one row in each writer.

use std::io::{BufWriter, Read, Seek, SeekFrom};

use futures_util::{Stream, StreamExt};
use tokio::sync::mpsc;

use super::{Cell, ExportError, Format, SheetWriter};

/// Rows per batch sent to the writing thread, and batches in flight at most.
const BATCH: usize = 256;
const BATCHES_IN_FLIGHT: usize = 4;
/// How much of the file each chunk of the response carries.
const CHUNK: usize = 256 * 1024;

/// A finished export in an anonymous temporary file, rewound.
#[derive(Debug)]
pub struct Spooled {
    pub file: std::fs::File,
    /// Its size in bytes.
    pub len: u64,
    /// The rows written, the header not counted.
    pub rows: u64,
}

enum Batch {
    Rows(Vec<Vec<Cell>>),
    /// All rows were sent: the file may be completed (without it, the writer gives up).
    End,
}

/// Writes `header` then every row of `rows` as a file of `format`. The first error of the
/// stream stops the export and is returned as [`ExportError::Rows`].
pub async fn spool<S, E>(
    format: Format,
    sheet: &str,
    header: Vec<String>,
    rows: S,
) -> Result<Spooled, ExportError>
where
    S: Stream<Item = Result<Vec<Cell>, E>>,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let (sender, mut receiver) = mpsc::channel::<Batch>(BATCHES_IN_FLIGHT);
    let sheet = sheet.to_owned();
    let writer = tokio::task::spawn_blocking(move || -> Result<Option<Spooled>, ExportError> {
        let file = tempfile::tempfile()?;
        let mut writer = SheetWriter::new(format, &sheet, &header, BufWriter::new(file))?;
        loop {
            match receiver.blocking_recv() {
                Some(Batch::Rows(rows)) => {
                    for row in &rows {
                        writer.write_row(row)?;
                    }
                }
                Some(Batch::End) => break,
                // The reading side stopped on an error: no need to complete the file.
                None => return Ok(None),
            }
        }
        let rows = writer.rows();
        let mut file = writer.finish()?.into_inner().map_err(|e| e.into_error())?;
        let len = file.seek(SeekFrom::End(0))?;
        file.rewind()?;
        Ok(Some(Spooled { file, len, rows }))
    });

    let read = feed(rows, &sender).await;
    if read.is_ok() {
        // Fails only when the writer stopped on an error, which `writer` below returns.
        let _ = sender.send(Batch::End).await;
    }
    drop(sender);
    let written = writer.await.map_err(|e| ExportError::Io(std::io::Error::other(e)))?;
    read?;
    written?.ok_or_else(|| ExportError::Io(std::io::Error::other("the export was not completed")))
}

/// Sends the rows in batches; stops early (without error) when the writer has stopped.
async fn feed<S, E>(rows: S, sender: &mpsc::Sender<Batch>) -> Result<(), ExportError>
where
    S: Stream<Item = Result<Vec<Cell>, E>>,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let mut rows = std::pin::pin!(rows);
    let mut batch = Vec::with_capacity(BATCH);
    while let Some(row) = rows.next().await {
        batch.push(row.map_err(|e| ExportError::Rows(e.into()))?);
        if batch.len() == BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            if sender.send(Batch::Rows(full)).await.is_err() {
                return Ok(());
            }
        }
    }
    if !batch.is_empty() {
        let _ = sender.send(Batch::Rows(batch)).await;
    }
    Ok(())
}

impl Spooled {
    /// The file in chunks, read on blocking threads, for a response body.
    pub fn chunks(self) -> impl Stream<Item = std::io::Result<Vec<u8>>> + Send + 'static {
        futures_util::stream::try_unfold(self.file, |mut file| async move {
            let (file, chunk) = tokio::task::spawn_blocking(move || {
                let mut chunk = vec![0; CHUNK];
                let read = file.read(&mut chunk)?;
                chunk.truncate(read);
                Ok::<_, std::io::Error>((file, chunk))
            })
            .await
            .map_err(std::io::Error::other)??;
            Ok((!chunk.is_empty()).then_some((chunk, file)))
        })
    }
}
