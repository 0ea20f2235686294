//! A dossier's files as one ZIP for the back office: the receipts of its submissions and every
//! attached file that may be given out (clean or not scanned; pending and infected ones are
//! left out and listed in a `LISEZ-MOI.txt`), written into an anonymous temporary file one file
//! at a time so that memory holds one file, never the archive.

use std::io::{Seek, SeekFrom, Write};

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use super::Spooled;

/// One file of the archive, read from the database when its turn comes.
pub struct Entry {
    /// The folder it goes in (the form field, "recepisses", "messages").
    pub folder: String,
    /// The file's own name (already cleaned when it was received).
    pub name: String,
}

/// The path of each entry in the archive: `folder/name`, with " (2)", " (3)"… before the
/// extension when two files share a path, and nothing that could climb out of the folder.
pub fn paths(entries: &[Entry]) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    for entry in entries {
        let clean = |text: &str| {
            let text: String = text
                .chars()
                .map(|c| if matches!(c, '/' | '\\' | '\0') || c.is_control() { '_' } else { c })
                .collect();
            let text = text.trim_matches('.').trim().to_owned();
            if text.is_empty() { "fichier".to_owned() } else { text }
        };
        let (folder, name) = (clean(&entry.folder), clean(&entry.name));
        let (stem, extension) = match name.rfind('.') {
            Some(dot) if dot > 0 => (&name[..dot], &name[dot..]),
            _ => (name.as_str(), ""),
        };
        let mut path = format!("{folder}/{name}");
        let mut n = 2;
        while taken.iter().any(|p| p.eq_ignore_ascii_case(&path)) {
            path = format!("{folder}/{stem} ({n}){extension}");
            n += 1;
        }
        taken.push(path);
    }
    taken
}

/// Writes an archive entry by entry: `contents(i)` reads the i-th file when its turn comes
/// (None: the file is not to be given out; the read-me, made by `readme` from the paths left
/// out, says so).
pub async fn write<F, Fut>(
    entries: &[Entry],
    readme: impl Fn(&[String]) -> String,
    mut contents: F,
) -> std::io::Result<Spooled>
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = std::io::Result<Option<Vec<u8>>>>,
{
    let paths = paths(entries);
    let file = tempfile::tempfile()?;
    let mut zip = ZipWriter::new(file);
    let mut left_out = Vec::new();
    let mut written = 0;
    for (i, path) in paths.iter().enumerate() {
        let Some(bytes) = contents(i).await? else {
            left_out.push(path.clone());
            continue;
        };
        let path = path.clone();
        zip = tokio::task::spawn_blocking(move || -> std::io::Result<ZipWriter<_>> {
            zip.start_file(path, options()).map_err(std::io::Error::other)?;
            zip.write_all(&bytes)?;
            Ok(zip)
        })
        .await
        .map_err(std::io::Error::other)??;
        written += 1;
    }
    let text = readme(&left_out);
    let mut file = tokio::task::spawn_blocking(move || -> std::io::Result<std::fs::File> {
        zip.start_file("LISEZ-MOI.txt", options()).map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
        zip.finish().map_err(std::io::Error::other)
    })
    .await
    .map_err(std::io::Error::other)??;
    let len = file.seek(SeekFrom::End(0))?;
    file.rewind()?;
    Ok(Spooled { file, len, rows: written })
}

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(folder: &str, name: &str) -> Entry {
        Entry { folder: folder.into(), name: name.into() }
    }

    #[test]
    fn two_files_of_the_same_name_get_numbered_paths_and_none_climbs_out() {
        let entries = [
            entry("statuts", "Statuts.pdf"),
            entry("statuts", "statuts.pdf"),
            entry("statuts", "Statuts.pdf"),
            entry("../etc", "..passwd"),
            entry("budget", "tableau"),
        ];
        assert_eq!(
            paths(&entries),
            [
                "statuts/Statuts.pdf",
                "statuts/statuts (2).pdf",
                "statuts/Statuts (3).pdf",
                "_etc/passwd",
                "budget/tableau"
            ]
        );
    }
}
