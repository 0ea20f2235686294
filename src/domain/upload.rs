//! Uploaded files: the accepted types recognised by their content (never by the name or the
//! browser's word), the reasons an upload is refused, and safe file names for display and
//! download.
//!
//! Office documents are ZIP archives: they are told apart by the names in the archive's central
//! directory (and, for OpenDocument, by the uncompressed `mimetype` entry the format puts first),
//! so nothing is ever decompressed here; the sizes the directory declares are added up so that a
//! "zip bomb" is refused before anybody opens it.

use std::fmt::Write as _;

use crate::domain::lang::Lang;

/// The largest total a document may declare once unpacked. A 10 MB spreadsheet full of text
/// unpacks to some 150 MB; beyond this the file is refused as a probable zip bomb.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// The most entries a document's archive may hold (a big real document has a few hundred).
pub const MAX_ARCHIVE_ENTRIES: u64 = 10_000;

/// Where Acrobat looks for the end marker of a PDF; a PDF without one there was cut short.
const PDF_EOF_WINDOW: usize = 1024;

/// Longest kept file name, in characters (the extension is kept when a name is shortened).
const MAX_NAME_CHARS: usize = 150;

/// A type of file the platform accepts somewhere. Each form field allows some of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileType {
    Pdf,
    Odt,
    Ods,
    Docx,
    Xlsx,
    Png,
    Jpeg,
}

impl FileType {
    pub const ALL: [FileType; 7] = [
        FileType::Pdf,
        FileType::Odt,
        FileType::Ods,
        FileType::Docx,
        FileType::Xlsx,
        FileType::Png,
        FileType::Jpeg,
    ];

    /// The stable code stored in the database and written in form definitions.
    pub fn key(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Odt => "odt",
            FileType::Ods => "ods",
            FileType::Docx => "docx",
            FileType::Xlsx => "xlsx",
            FileType::Png => "png",
            FileType::Jpeg => "jpeg",
        }
    }

    pub fn from_key(key: &str) -> Option<FileType> {
        FileType::ALL.into_iter().find(|t| t.key() == key)
    }

    /// The name people know the type by, e.g. "Texte OpenDocument (.odt)".
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FileType::Pdf, _) => "PDF",
            (FileType::Odt, Lang::Fr) => "Texte OpenDocument (.odt)",
            (FileType::Odt, Lang::En) => "OpenDocument text (.odt)",
            (FileType::Ods, Lang::Fr) => "Classeur OpenDocument (.ods)",
            (FileType::Ods, Lang::En) => "OpenDocument spreadsheet (.ods)",
            (FileType::Docx, Lang::Fr) => "Document Word (.docx)",
            (FileType::Docx, Lang::En) => "Word document (.docx)",
            (FileType::Xlsx, Lang::Fr) => "Classeur Excel (.xlsx)",
            (FileType::Xlsx, Lang::En) => "Excel workbook (.xlsx)",
            (FileType::Png, Lang::Fr) => "Image PNG",
            (FileType::Png, Lang::En) => "PNG image",
            (FileType::Jpeg, Lang::Fr) => "Image JPEG",
            (FileType::Jpeg, Lang::En) => "JPEG image",
        }
    }

    /// The short name used in lists of accepted types: "PDF", "ODT", "DOCX"…
    pub fn short_label(self) -> &'static str {
        match self {
            FileType::Pdf => "PDF",
            FileType::Odt => "ODT",
            FileType::Ods => "ODS",
            FileType::Docx => "DOCX",
            FileType::Xlsx => "XLSX",
            FileType::Png => "PNG",
            FileType::Jpeg => "JPEG",
        }
    }

    /// The extension a downloaded copy gets, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            FileType::Jpeg => "jpg",
            other => other.key(),
        }
    }

    /// Every extension a name of this type may end with, lower case, without the dot.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FileType::Pdf => &["pdf"],
            FileType::Odt => &["odt"],
            FileType::Ods => &["ods"],
            FileType::Docx => &["docx"],
            FileType::Xlsx => &["xlsx"],
            FileType::Png => &["png"],
            FileType::Jpeg => &["jpg", "jpeg"],
        }
    }

    /// The media type a download is served with.
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Odt => "application/vnd.oasis.opendocument.text",
            FileType::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            FileType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileType::Png => "image/png",
            FileType::Jpeg => "image/jpeg",
        }
    }
}

/// The value of an `<input type="file" accept="…">` for a field allowing these types: the
/// extensions and media types, so that the browser's file picker proposes the right files (the
/// server checks the content anyway).
pub fn accept_attribute(allowed: &[FileType]) -> String {
    let mut parts = Vec::new();
    for t in allowed {
        parts.extend(t.extensions().iter().map(|e| format!(".{e}")));
        parts.push(t.mime().to_owned());
    }
    parts.join(",")
}

/// What an upload's content was found to be, when it is not one of the field's types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// One of the platform's types, but not one this field accepts.
    Type(FileType),
    /// A program or script: Windows (PE, MSI), Linux (ELF), macOS (Mach-O), Java, a `#!` script…
    Executable,
    /// A Word or Excel document that carries macros (.docm, .xlsm).
    Macros,
    /// A Microsoft Office document of before 2007 (.doc, .xls, .ppt).
    OldOffice,
    /// A compressed archive (ZIP, 7z, RAR…) that is not an office document.
    Archive,
    /// Starts like a known type but is cut short or damaged (an interrupted copy, often).
    Incomplete,
    /// Another recognised format, by its usual extension ("gif", "html", "pptx"…).
    Other(&'static str),
    /// Nothing recognisable.
    Unknown,
}

impl Found {
    /// The end of a "wrong type" message: what the content looks like, and what to do.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (Found::Type(t), Lang::Fr) => format!("son contenu est au format {}.", t.short_label()),
            (Found::Type(t), Lang::En) => format!("its content is in {} format.", t.short_label()),
            (Found::Executable, Lang::Fr) => {
                "son contenu ressemble à un programme exécutable.".into()
            }
            (Found::Executable, Lang::En) => "its content looks like an executable program.".into(),
            (Found::Macros, Lang::Fr) => "c’est un document qui contient des macros, refusées par \
                 sécurité ; enregistrez-le sans macros (.docx ou .xlsx)."
                .into(),
            (Found::Macros, Lang::En) => "it is a document with macros, which are refused for \
                 safety; save it without macros (.docx or .xlsx)."
                .into(),
            (Found::OldOffice, Lang::Fr) => "c’est un ancien format de Microsoft Office (.doc, \
                 .xls, .ppt) ; enregistrez-le en PDF ou dans un format récent."
                .into(),
            (Found::OldOffice, Lang::En) => "it is an old Microsoft Office format (.doc, .xls, \
                 .ppt); save it as PDF or in a recent format."
                .into(),
            (Found::Archive, Lang::Fr) => {
                "c’est une archive compressée ; envoyez les documents un par un.".into()
            }
            (Found::Archive, Lang::En) => {
                "it is a compressed archive; send the documents one by one.".into()
            }
            (Found::Incomplete, Lang::Fr) => "son contenu semble incomplet ou abîmé ; \
                 enregistrez le fichier à nouveau puis renvoyez-le."
                .into(),
            (Found::Incomplete, Lang::En) => "its content seems incomplete or damaged; save the \
                 file again, then send it again."
                .into(),
            (Found::Other(extension), Lang::Fr) => {
                format!("son contenu correspond à un fichier .{extension}.")
            }
            (Found::Other(extension), Lang::En) => {
                format!("its content is that of a .{extension} file.")
            }
            (Found::Unknown, Lang::Fr) => "son contenu n’a pas été reconnu.".into(),
            (Found::Unknown, Lang::En) => "its content was not recognised.".into(),
        }
    }
}

/// Why an upload is refused. Each reason has a message for the person who sent the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {limit_bytes} bytes")]
    TooLarge { limit_bytes: u64 },
    #[error("the file is not of an accepted type ({found:?})")]
    WrongType { allowed: Vec<FileType>, found: Found },
    /// A document whose archive declares more than `MAX_UNPACKED_BYTES` or
    /// `MAX_ARCHIVE_ENTRIES` (zip bomb).
    #[error("the document would unpack to too much data")]
    UnpacksTooLarge,
    #[error("the antivirus found {signature}")]
    Infected { signature: String },
    /// The antivirus answered, but could not check this file (e.g. larger than its own limit).
    #[error("the antivirus could not check the file")]
    ScannerUnavailable,
    /// The request ended before the whole file arrived, or was not a well-formed upload.
    #[error("the upload was interrupted")]
    Interrupted,
}

impl UploadError {
    /// What the person reads, in plain words.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (UploadError::Empty, Lang::Fr) => "Le fichier est vide.".into(),
            (UploadError::Empty, Lang::En) => "The file is empty.".into(),
            (UploadError::TooLarge { limit_bytes }, Lang::Fr) => {
                format!("Le fichier dépasse la taille maximale de {} Mo.", megabytes(*limit_bytes))
            }
            (UploadError::TooLarge { limit_bytes }, Lang::En) => {
                format!("The file is larger than the {} MB limit.", megabytes(*limit_bytes))
            }
            (UploadError::WrongType { allowed, found }, Lang::Fr) => format!(
                "Ce fichier n’est pas d’un type accepté ({}) : {}",
                list(allowed, "ou"),
                found.describe(lang)
            ),
            (UploadError::WrongType { allowed, found }, Lang::En) => format!(
                "This file is not of an accepted type ({}): {}",
                list(allowed, "or"),
                found.describe(lang)
            ),
            (UploadError::UnpacksTooLarge, Lang::Fr) => "Ce document est refusé par précaution : \
                 une fois décompressé, il serait anormalement volumineux."
                .into(),
            (UploadError::UnpacksTooLarge, Lang::En) => "This document is refused as a \
                 precaution: once unpacked, it would be abnormally large."
                .into(),
            (UploadError::Infected { signature }, Lang::Fr) => format!(
                "L’antivirus a détecté un virus ou un logiciel malveillant dans ce fichier \
                 ({signature}) : il est refusé et n’a pas été enregistré."
            ),
            (UploadError::Infected { signature }, Lang::En) => format!(
                "The antivirus found a virus or malware in this file ({signature}): it is \
                 refused and was not stored."
            ),
            (UploadError::ScannerUnavailable, Lang::Fr) => "L’antivirus n’a pas pu vérifier ce \
                 fichier, qui n’a pas été enregistré. Réessayez dans quelques minutes ; si cela \
                 se reproduit, écrivez-nous."
                .into(),
            (UploadError::ScannerUnavailable, Lang::En) => "The antivirus could not check this \
                 file, which was not stored. Try again in a few minutes; if it happens again, \
                 write to us."
                .into(),
            (UploadError::Interrupted, Lang::Fr) => {
                "L’envoi du fichier a été interrompu ; réessayez.".into()
            }
            (UploadError::Interrupted, Lang::En) => {
                "Sending the file was interrupted; please try again.".into()
            }
        }
    }
}

/// Whole megabytes (MiB, written "Mo" in French as people do), rounded down.
fn megabytes(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

/// "PDF, ODT ou DOCX".
fn list(types: &[FileType], or: &str) -> String {
    let labels: Vec<&str> = types.iter().map(|t| t.short_label()).collect();
    match labels.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} {or} {last}", rest.join(", ")),
    }
}

/// What a file's content was recognised as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identified {
    Type(FileType),
    NotAccepted(Found),
    /// A document whose archive would unpack to too much (zip bomb).
    UnpacksTooLarge,
}

/// The platform type of a file's content, if it is one. See `identify` for why not.
pub fn sniff(bytes: &[u8]) -> Option<FileType> {
    match identify(bytes) {
        Identified::Type(t) => Some(t),
        _ => None,
    }
}

/// Recognises a file by its content. Reads the header, and for ZIP-based documents the
/// archive's directory; decompresses nothing, so its cost is bounded by the file's size.
pub fn identify(bytes: &[u8]) -> Identified {
    if bytes.starts_with(b"%PDF-") {
        let tail = &bytes[bytes.len().saturating_sub(PDF_EOF_WINDOW)..];
        return if contains(tail, b"%%EOF") {
            Identified::Type(FileType::Pdf)
        } else {
            Identified::NotAccepted(Found::Incomplete)
        };
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        // The first chunk of every PNG is its 13-byte header.
        return if bytes.len() >= 33 && &bytes[12..16] == b"IHDR" {
            Identified::Type(FileType::Png)
        } else {
            Identified::NotAccepted(Found::Incomplete)
        };
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        // The smallest real JPEG files are a little over 100 bytes.
        return if bytes.len() >= 100 {
            Identified::Type(FileType::Jpeg)
        } else {
            Identified::NotAccepted(Found::Incomplete)
        };
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return identify_zip(bytes);
    }
    Identified::NotAccepted(foreign(bytes))
}

/// Names what a content outside the platform's types is, for the message.
fn foreign(bytes: &[u8]) -> Found {
    const MACH_O: [[u8; 4]; 4] = [
        [0xFE, 0xED, 0xFA, 0xCE],
        [0xFE, 0xED, 0xFA, 0xCF],
        [0xCE, 0xFA, 0xED, 0xFE],
        [0xCF, 0xFA, 0xED, 0xFE],
    ];
    // Checked first and by hand: infer wants a longer ELF header than a cut program may have.
    if bytes.starts_with(b"\x7fELF")
        || bytes.starts_with(b"MZ")
        || bytes.starts_with(b"#!")
        || MACH_O.iter().any(|m| bytes.starts_with(m))
    {
        return Found::Executable;
    }
    if bytes.starts_with(b"PK\x05\x06") || bytes.starts_with(b"PK\x07\x08") {
        return Found::Archive;
    }
    // infer reads Microsoft's compound files with the `cfb` parser; a damaged one must cost a
    // refusal, never the request.
    let kind = std::panic::catch_unwind(|| infer::get(bytes)).ok().flatten();
    let Some(kind) = kind else {
        return Found::Unknown;
    };
    match kind.extension() {
        "exe" | "dll" | "elf" | "mach" | "class" | "wasm" | "dex" | "dey" | "bc" | "obj"
        | "msi" | "sh" | "crx" => Found::Executable,
        "doc" | "xls" | "ppt" => Found::OldOffice,
        extension => match kind.matcher_type() {
            infer::MatcherType::Archive => Found::Archive,
            _ => Found::Other(extension),
        },
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at.checked_add(8)?)?;
    let mut le = [0u8; 8];
    le.copy_from_slice(b);
    Some(u64::from_le_bytes(le))
}

/// What the central directory of a ZIP says, as far as recognising a document goes.
#[derive(Debug, Default)]
struct ZipNames {
    content_types: bool,
    word: bool,
    excel: bool,
    powerpoint: bool,
    macros: bool,
    odf_content: bool,
}

enum ZipProblem {
    /// No readable central directory: the file was cut, or is not a real archive.
    Incomplete,
    /// Declares more entries or unpacked bytes than allowed.
    TooLarge,
}

fn identify_zip(bytes: &[u8]) -> Identified {
    let names = match zip_names(bytes) {
        Ok(names) => names,
        Err(ZipProblem::Incomplete) => return Identified::NotAccepted(Found::Incomplete),
        Err(ZipProblem::TooLarge) => return Identified::UnpacksTooLarge,
    };
    if let Some(mimetype) = odf_mimetype(bytes) {
        let found = match mimetype.strip_prefix(b"application/vnd.oasis.opendocument.") {
            Some(b"text") if names.odf_content => return Identified::Type(FileType::Odt),
            Some(b"spreadsheet") if names.odf_content => return Identified::Type(FileType::Ods),
            Some(b"text" | b"spreadsheet") => Found::Incomplete,
            Some(b"presentation") => Found::Other("odp"),
            Some(b"graphics") => Found::Other("odg"),
            _ => Found::Archive,
        };
        return Identified::NotAccepted(found);
    }
    if names.content_types {
        if (names.word || names.excel) && names.macros {
            return Identified::NotAccepted(Found::Macros);
        }
        if names.word {
            return Identified::Type(FileType::Docx);
        }
        if names.excel {
            return Identified::Type(FileType::Xlsx);
        }
        if names.powerpoint {
            return Identified::NotAccepted(Found::Other("pptx"));
        }
    }
    Identified::NotAccepted(Found::Archive)
}

/// The content of the OpenDocument `mimetype` entry, which the format requires to be the
/// archive's first entry, stored uncompressed.
fn odf_mimetype(bytes: &[u8]) -> Option<&[u8]> {
    const STORED: u16 = 0;
    let method = u16_at(bytes, 8)?;
    let size = usize::try_from(u32_at(bytes, 18)?).ok()?;
    let name_len = usize::from(u16_at(bytes, 26)?);
    let extra_len = usize::from(u16_at(bytes, 28)?);
    if method != STORED || size > 128 || bytes.get(30..30 + name_len)? != b"mimetype" {
        return None;
    }
    let start = 30 + name_len + extra_len;
    bytes.get(start..start + size)
}

/// Reads the ZIP's central directory (ZIP64 included): which document parts it holds, and
/// whether its declared entries and unpacked sizes stay within bounds.
fn zip_names(bytes: &[u8]) -> Result<ZipNames, ZipProblem> {
    use ZipProblem::{Incomplete, TooLarge};
    // The end record is 22 bytes plus a comment of up to 65 535 bytes, at the very end.
    let lowest = bytes.len().saturating_sub(22 + usize::from(u16::MAX));
    let end = (lowest..=bytes.len().saturating_sub(22))
        .rev()
        .find(|&at| bytes[at..].starts_with(b"PK\x05\x06"))
        .ok_or(Incomplete)?;
    let mut entries = u64::from(u16_at(bytes, end + 10).ok_or(Incomplete)?);
    let mut dir_size = u64::from(u32_at(bytes, end + 12).ok_or(Incomplete)?);
    let mut dir_start = u64::from(u32_at(bytes, end + 16).ok_or(Incomplete)?);
    if entries == 0xFFFF || dir_size == 0xFFFF_FFFF || dir_start == 0xFFFF_FFFF {
        // ZIP64: a locator just before the end record points to the real figures.
        let locator = end.checked_sub(20).ok_or(Incomplete)?;
        if !bytes[locator..].starts_with(b"PK\x06\x07") {
            return Err(Incomplete);
        }
        let record = u64_at(bytes, locator + 8).ok_or(Incomplete)?;
        let record = usize::try_from(record).map_err(|_| Incomplete)?;
        if !bytes.get(record..).is_some_and(|r| r.starts_with(b"PK\x06\x06")) {
            return Err(Incomplete);
        }
        entries = u64_at(bytes, record + 32).ok_or(Incomplete)?;
        dir_size = u64_at(bytes, record + 40).ok_or(Incomplete)?;
        dir_start = u64_at(bytes, record + 48).ok_or(Incomplete)?;
    }
    if entries > MAX_ARCHIVE_ENTRIES {
        return Err(TooLarge);
    }
    let dir_start = usize::try_from(dir_start).map_err(|_| Incomplete)?;
    let dir_end = usize::try_from(dir_size)
        .ok()
        .and_then(|size| dir_start.checked_add(size))
        .filter(|&e| e <= end)
        .ok_or(Incomplete)?;
    let directory = &bytes[dir_start..dir_end];
    let mut names = ZipNames::default();
    let mut unpacked: u64 = 0;
    let mut at = 0usize;
    for _ in 0..entries {
        let header = directory.get(at..at + 46).ok_or(Incomplete)?;
        if !header.starts_with(b"PK\x01\x02") {
            return Err(Incomplete);
        }
        let size = u32_at(header, 24).ok_or(Incomplete)?;
        let name_len = usize::from(u16_at(header, 28).ok_or(Incomplete)?);
        let extra_len = usize::from(u16_at(header, 30).ok_or(Incomplete)?);
        let comment_len = usize::from(u16_at(header, 32).ok_or(Incomplete)?);
        let name = directory.get(at + 46..at + 46 + name_len).ok_or(Incomplete)?;
        let extra =
            directory.get(at + 46 + name_len..at + 46 + name_len + extra_len).ok_or(Incomplete)?;
        let size = if size == 0xFFFF_FFFF {
            zip64_unpacked_size(extra).ok_or(TooLarge)?
        } else {
            u64::from(size)
        };
        unpacked = unpacked.saturating_add(size);
        if unpacked > MAX_UNPACKED_BYTES {
            return Err(TooLarge);
        }
        match name {
            b"[Content_Types].xml" => names.content_types = true,
            b"word/document.xml" => names.word = true,
            b"xl/workbook.xml" => names.excel = true,
            b"ppt/presentation.xml" => names.powerpoint = true,
            b"content.xml" => names.odf_content = true,
            _ => {}
        }
        if name.to_ascii_lowercase().ends_with(b"vbaproject.bin") {
            names.macros = true;
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    Ok(names)
}

/// The unpacked size in a ZIP64 extra field (id 1), which comes first when present.
fn zip64_unpacked_size(mut extra: &[u8]) -> Option<u64> {
    while extra.len() >= 4 {
        let id = u16_at(extra, 0)?;
        let len = usize::from(u16_at(extra, 2)?);
        let data = extra.get(4..4 + len)?;
        if id == 1 {
            return u64_at(data, 0);
        }
        extra = &extra[4 + len..];
    }
    None
}

/// Checks that an upload is neither empty nor over the limit.
pub fn check_size(bytes: &[u8], limit_bytes: u64) -> Result<(), UploadError> {
    if bytes.is_empty() {
        return Err(UploadError::Empty);
    }
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit_bytes {
        return Err(UploadError::TooLarge { limit_bytes });
    }
    Ok(())
}

/// Checks an upload's content against a field's allowed types and the size limit, and
/// returns its type.
pub fn check_upload(
    bytes: &[u8],
    allowed: &[FileType],
    limit_bytes: u64,
) -> Result<FileType, UploadError> {
    check_size(bytes, limit_bytes)?;
    let wrong = |found| UploadError::WrongType { allowed: allowed.to_vec(), found };
    match identify(bytes) {
        Identified::Type(t) if allowed.contains(&t) => Ok(t),
        Identified::Type(t) => Err(wrong(Found::Type(t))),
        Identified::NotAccepted(found) => Err(wrong(found)),
        Identified::UnpacksTooLarge => Err(UploadError::UnpacksTooLarge),
    }
}

/// Whether a character must not appear in a shown or downloaded name: controls, and the
/// invisible marks that reorder or hide text ("facture", U+202E, "fdp.exe" shows as
/// "factureexe.pdf").
fn is_hidden_or_control(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// A file name as the platform keeps and shows it: the last part of whatever path the browser
/// sent, without control or invisible characters, one space for any run of blanks, no leading
/// dots or surrounding spaces, at most 150 characters (keeping the extension); "document" when
/// nothing is left.
pub fn clean_name(original: &str) -> String {
    let last = original.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut name = String::with_capacity(last.len());
    for c in last.chars() {
        // Line breaks and tabs become spaces; a run of spaces becomes one.
        if c.is_whitespace() {
            if !name.ends_with(' ') {
                name.push(' ');
            }
        } else if !is_hidden_or_control(c) {
            name.push(c);
        }
    }
    let name = name.trim().trim_start_matches('.').trim();
    if name.is_empty() {
        return "document".into();
    }
    if name.chars().count() <= MAX_NAME_CHARS {
        return name.to_owned();
    }
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.chars().count() <= 10 => (stem, ext),
        _ => (name, ""),
    };
    let keep = MAX_NAME_CHARS - extension.chars().count() - usize::from(!extension.is_empty());
    let mut short: String = stem.chars().take(keep).collect();
    if !extension.is_empty() {
        short.push('.');
        short.push_str(extension);
    }
    short
}

/// The name a downloaded copy gets: the kept name, with the type's extension added when the
/// name does not already end with one of the type's extensions — the content decides what the
/// file is, so "statuts.exe" holding a PDF downloads as "statuts.exe.pdf".
pub fn download_name(name: &str, file_type: FileType) -> String {
    let name = clean_name(name);
    let ext_ok = name
        .rsplit_once('.')
        .is_some_and(|(_, ext)| file_type.extensions().contains(&ext.to_lowercase().as_str()));
    if ext_ok { name } else { format!("{name}.{}", file_type.extension()) }
}

/// The `Content-Disposition` value that makes the browser save the file under `name`
/// (RFC 6266): `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>`.
/// The name is cleaned first, so no quote, backslash, CR/LF or path can break out of it.
pub fn content_disposition(name: &str) -> String {
    let name = clean_name(name);
    let mut fallback = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '"' | '\\' => fallback.push('_'),
            ' '..='~' => fallback.push(c),
            other => fallback.push_str(ascii_for(other)),
        }
    }
    let mut encoded = String::with_capacity(name.len() * 3);
    for byte in name.bytes() {
        // RFC 8187 attr-char: what may stand unencoded in an extended parameter value.
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            let _ = write!(encoded, "%{byte:02X}");
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// An ASCII stand-in for a character of a name, for browsers that ignore `filename*`.
fn ascii_for(c: char) -> &'static str {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => "a",
        'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => "A",
        'ç' => "c",
        'Ç' => "C",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'É' | 'È' | 'Ê' | 'Ë' => "E",
        'î' | 'ï' | 'í' | 'ì' => "i",
        'Î' | 'Ï' | 'Í' | 'Ì' => "I",
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' => "o",
        'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => "O",
        'ù' | 'û' | 'ü' | 'ú' => "u",
        'Ù' | 'Û' | 'Ü' | 'Ú' => "U",
        'ÿ' => "y",
        'ñ' => "n",
        'Ñ' => "N",
        'œ' => "oe",
        'Œ' => "OE",
        'æ' => "ae",
        'Æ' => "AE",
        'ß' => "ss",
        '’' | '‘' | '´' => "'",
        '–' | '—' | '‐' => "-",
        _ => "_",
    }
}

/// Where an uploaded file stands with the antivirus; only `Clean` and `NotScanned` files are
/// ever given out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScanStatus {
    /// Stored while the antivirus did not answer; waits for the rescan job.
    Pending,
    Clean,
    /// Found infected by a later scan: its contents were deleted, its record stays.
    Infected,
    /// Uploaded while no antivirus was configured (`CLAMD_ADDRESS` unset).
    NotScanned,
}

impl ScanStatus {
    pub fn key(self) -> &'static str {
        match self {
            ScanStatus::Pending => "pending",
            ScanStatus::Clean => "clean",
            ScanStatus::Infected => "infected",
            ScanStatus::NotScanned => "not_scanned",
        }
    }

    pub fn from_key(key: &str) -> Option<ScanStatus> {
        [ScanStatus::Pending, ScanStatus::Clean, ScanStatus::Infected, ScanStatus::NotScanned]
            .into_iter()
            .find(|s| s.key() == key)
    }

    pub fn is_downloadable(self) -> bool {
        matches!(self, ScanStatus::Clean | ScanStatus::NotScanned)
    }

    /// A note shown beside a file that cannot be downloaded (none for the others).
    pub fn note(self, lang: Lang) -> Option<&'static str> {
        match (self, lang) {
            (ScanStatus::Pending, Lang::Fr) => {
                Some("Vérification antivirus en cours : le fichier sera disponible ensuite.")
            }
            (ScanStatus::Pending, Lang::En) => {
                Some("Antivirus check in progress: the file will be available afterwards.")
            }
            (ScanStatus::Infected, Lang::Fr) => {
                Some("L’antivirus a détecté un virus dans ce fichier ; il a été supprimé.")
            }
            (ScanStatus::Infected, Lang::En) => {
                Some("The antivirus found a virus in this file; it was deleted.")
            }
            (ScanStatus::Clean | ScanStatus::NotScanned, _) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    use super::*;

    fn minimal_pdf() -> Vec<u8> {
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n\
          2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
            .to_vec()
    }

    fn minimal_png() -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
        png.extend([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);
        png.extend(b"\x00\x00\x00\x00IEND\xaeB`\x82");
        png
    }

    fn minimal_jpeg() -> Vec<u8> {
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        jpeg.extend(b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00");
        jpeg.resize(200, 0);
        jpeg.extend([0xFF, 0xD9]);
        jpeg
    }

    /// A ZIP holding these entries, in this order; `(name, content, stored)`.
    fn zip_of(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content, stored) in entries {
            let method =
                if *stored { CompressionMethod::Stored } else { CompressionMethod::Deflated };
            let options = SimpleFileOptions::default().compression_method(method);
            zip.start_file(*name, options).expect("entry");
            zip.write_all(content).expect("content");
        }
        zip.finish().expect("zip").into_inner()
    }

    fn odf(kind: &str) -> Vec<u8> {
        let mimetype = format!("application/vnd.oasis.opendocument.{kind}");
        zip_of(&[
            ("mimetype", mimetype.as_bytes(), true),
            ("content.xml", b"<office:document-content/>", false),
            ("META-INF/manifest.xml", b"<manifest:manifest/>", false),
        ])
    }

    fn ooxml(main_part: &str) -> Vec<u8> {
        zip_of(&[
            ("[Content_Types].xml", b"<Types/>", false),
            ("_rels/.rels", b"<Relationships/>", false),
            (main_part, b"<document/>", false),
        ])
    }

    #[test]
    fn each_accepted_type_is_recognised_from_a_minimal_file() {
        assert_eq!(sniff(&minimal_pdf()), Some(FileType::Pdf));
        assert_eq!(sniff(&minimal_png()), Some(FileType::Png));
        assert_eq!(sniff(&minimal_jpeg()), Some(FileType::Jpeg));
        assert_eq!(sniff(&odf("text")), Some(FileType::Odt));
        assert_eq!(sniff(&odf("spreadsheet")), Some(FileType::Ods));
        assert_eq!(sniff(&ooxml("word/document.xml")), Some(FileType::Docx));
        assert_eq!(sniff(&ooxml("xl/workbook.xml")), Some(FileType::Xlsx));
    }

    #[test]
    fn a_zip_that_is_neither_an_office_nor_an_opendocument_file_is_an_archive() {
        let zip = zip_of(&[("photos/mairie.txt", b"bonjour", false), ("notes.txt", b"x", false)]);
        assert_eq!(identify(&zip), Identified::NotAccepted(Found::Archive));
    }

    #[test]
    fn other_office_formats_are_named() {
        assert_eq!(identify(&odf("presentation")), Identified::NotAccepted(Found::Other("odp")));
        assert_eq!(
            identify(&ooxml("ppt/presentation.xml")),
            Identified::NotAccepted(Found::Other("pptx"))
        );
        let docm = zip_of(&[
            ("[Content_Types].xml", b"<Types/>", false),
            ("word/document.xml", b"<document/>", false),
            ("word/vbaProject.bin", b"macros", false),
        ]);
        assert_eq!(identify(&docm), Identified::NotAccepted(Found::Macros));
    }

    #[test]
    fn truncated_files_are_incomplete() {
        let pdf = minimal_pdf();
        assert_eq!(identify(&pdf[..40]), Identified::NotAccepted(Found::Incomplete));
        let docx = ooxml("word/document.xml");
        assert_eq!(identify(&docx[..docx.len() / 2]), Identified::NotAccepted(Found::Incomplete));
        assert_eq!(identify(&minimal_png()[..10]), Identified::NotAccepted(Found::Incomplete));
        assert_eq!(identify(&[0xFF, 0xD8, 0xFF, 0xE0]), Identified::NotAccepted(Found::Incomplete));
        assert_eq!(identify(b"PK\x03\x04"), Identified::NotAccepted(Found::Incomplete));
    }

    #[test]
    fn programs_and_scripts_are_called_executables() {
        let mut pe = b"MZ\x90\x00".to_vec();
        pe.resize(512, 0);
        let mut elf = b"\x7fELF\x02\x01\x01".to_vec();
        elf.resize(64, 0);
        let mach_o = [0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1];
        for program in [&pe[..], &elf[..], &mach_o[..], b"#!/bin/sh\nrm -rf ~\n"] {
            assert_eq!(identify(program), Identified::NotAccepted(Found::Executable));
        }
    }

    #[test]
    fn unknown_and_foreign_contents_are_described() {
        assert_eq!(
            identify(b"GIF89a\x01\x00\x01\x00"),
            Identified::NotAccepted(Found::Other("gif"))
        );
        assert_eq!(identify(b"just some words"), Identified::NotAccepted(Found::Unknown));
        let seven_zip = b"7z\xBC\xAF\x27\x1C\x00\x04rest of the archive";
        assert_eq!(identify(seven_zip), Identified::NotAccepted(Found::Archive));
    }

    #[test]
    fn a_document_declaring_too_much_unpacked_data_is_refused() {
        let mut docx = ooxml("word/document.xml");
        // Make the central directory claim 2 GiB for the main part, as a bomb would.
        let entry = docx
            .windows(4)
            .enumerate()
            .filter(|(_, w)| *w == b"PK\x01\x02")
            .map(|(i, _)| i)
            .nth(2)
            .expect("third directory entry");
        docx[entry + 24..entry + 28].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
        assert_eq!(identify(&docx), Identified::UnpacksTooLarge);
    }

    #[test]
    fn an_archive_with_more_than_ten_thousand_entries_is_refused() {
        let names: Vec<String> = (0..=MAX_ARCHIVE_ENTRIES).map(|i| format!("f{i}")).collect();
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("[Content_Types].xml", SimpleFileOptions::default()).expect("entry");
        for name in &names {
            let options =
                SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
            zip.start_file(name.as_str(), options).expect("entry");
        }
        let bytes = zip.finish().expect("zip").into_inner();
        assert_eq!(identify(&bytes), Identified::UnpacksTooLarge);
    }

    #[test]
    fn random_bytes_after_a_zip_signature_never_panic() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for len in 0..400 {
            let mut bytes = b"PK\x03\x04".to_vec();
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                bytes.push(state.to_le_bytes()[0]);
            }
            bytes.extend(b"PK\x05\x06");
            bytes.extend(state.to_le_bytes());
            let _ = identify(&bytes);
        }
    }

    #[test]
    fn an_executable_renamed_pdf_gets_the_executable_message() {
        let mut pe = b"MZ\x90\x00".to_vec();
        pe.resize(512, 0);
        let error = check_upload(&pe, &[FileType::Pdf, FileType::Odt], 10 << 20).unwrap_err();
        assert_eq!(
            error.message(Lang::Fr),
            "Ce fichier n’est pas d’un type accepté (PDF ou ODT) : son contenu ressemble à un \
             programme exécutable."
        );
        assert_eq!(
            error.message(Lang::En),
            "This file is not of an accepted type (PDF or ODT): its content looks like an \
             executable program."
        );
    }

    #[test]
    fn a_type_outside_the_field_names_the_accepted_ones() {
        let allowed = [FileType::Pdf, FileType::Odt, FileType::Docx];
        let error = check_upload(&minimal_png(), &allowed, 10 << 20).unwrap_err();
        assert_eq!(
            error,
            UploadError::WrongType { allowed: allowed.to_vec(), found: Found::Type(FileType::Png) }
        );
        assert_eq!(
            error.message(Lang::Fr),
            "Ce fichier n’est pas d’un type accepté (PDF, ODT ou DOCX) : son contenu est au \
             format PNG."
        );
    }

    #[test]
    fn size_and_emptiness_are_checked_first() {
        assert_eq!(check_upload(b"", &[FileType::Pdf], 10), Err(UploadError::Empty));
        let error = check_upload(&minimal_pdf(), &[FileType::Pdf], 10 << 20);
        assert_eq!(error, Ok(FileType::Pdf));
        let error = check_upload(&minimal_pdf(), &[FileType::Pdf], 20).unwrap_err();
        assert_eq!(error, UploadError::TooLarge { limit_bytes: 20 });
        let ten = UploadError::TooLarge { limit_bytes: 10 * 1024 * 1024 };
        assert_eq!(ten.message(Lang::Fr), "Le fichier dépasse la taille maximale de 10 Mo.");
        assert_eq!(ten.message(Lang::En), "The file is larger than the 10 MB limit.");
    }

    #[test]
    fn keys_round_trip_and_labels_read_well() {
        for t in FileType::ALL {
            assert_eq!(FileType::from_key(t.key()), Some(t));
        }
        assert_eq!(FileType::from_key("exe"), None);
        assert_eq!(FileType::Odt.label(Lang::Fr), "Texte OpenDocument (.odt)");
        assert_eq!(FileType::Jpeg.extension(), "jpg");
        assert_eq!(
            accept_attribute(&[FileType::Pdf, FileType::Jpeg]),
            ".pdf,application/pdf,.jpg,.jpeg,image/jpeg"
        );
        for s in ["pending", "clean", "infected", "not_scanned"] {
            assert_eq!(ScanStatus::from_key(s).map(ScanStatus::key), Some(s));
        }
    }

    #[test]
    fn a_name_loses_its_path_controls_and_invisible_marks() {
        assert_eq!(clean_name("C:\\Users\\camille\\Statuts.pdf"), "Statuts.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\r\nb\u{0}c.pdf"), "a bc.pdf");
        assert_eq!(clean_name("facture\u{202E}fdp.exe"), "facturefdp.exe");
        assert_eq!(clean_name("  .htaccess "), "htaccess");
        assert_eq!(clean_name("/"), "document");
        assert_eq!(clean_name(""), "document");
        let long = format!("{}.pdf", "é".repeat(300));
        assert_eq!(clean_name(&long), format!("{}.pdf", "é".repeat(146)));
    }

    #[test]
    fn a_download_name_ends_with_the_extension_of_its_content() {
        assert_eq!(download_name("statuts.PDF", FileType::Pdf), "statuts.PDF");
        assert_eq!(download_name("photo.jpeg", FileType::Jpeg), "photo.jpeg");
        assert_eq!(download_name("statuts.exe", FileType::Pdf), "statuts.exe.pdf");
        assert_eq!(download_name("budget", FileType::Xlsx), "budget.xlsx");
    }

    #[test]
    fn content_disposition_survives_quotes_line_breaks_and_unicode() {
        assert_eq!(
            content_disposition("rapport \"final\"\r\nSet-Cookie: x=1.pdf"),
            "attachment; filename=\"rapport _final_ Set-Cookie: x=1.pdf\"; \
             filename*=UTF-8''rapport%20%22final%22%20Set-Cookie%3A%20x%3D1.pdf"
        );
        assert_eq!(
            content_disposition("Statuts signés – Pôle d’Arès.pdf"),
            "attachment; filename=\"Statuts signes - Pole d'Ares.pdf\"; \
             filename*=UTF-8''Statuts%20sign%C3%A9s%20%E2%80%93%20P%C3%B4le%20d%E2%80%99Ar%C3%A8s.pdf"
        );
        assert_eq!(
            content_disposition("..\\..\\a\\b.pdf"),
            "attachment; filename=\"b.pdf\"; filename*=UTF-8''b.pdf"
        );
        assert_eq!(
            content_disposition("年度報告.pdf"),
            "attachment; filename=\"____.pdf\"; \
             filename*=UTF-8''%E5%B9%B4%E5%BA%A6%E5%A0%B1%E5%91%8A.pdf"
        );
    }
}
