//! Which files `prep` opens: regular files only.
//!
//! A FIFO, socket or device is never opened, because opening a FIFO for reading waits for a writer
//! forever and a device is no document; the type is read with `stat` first, which never blocks. What
//! such a file means for the run (skipped inside a directory, an error when named) is [`super::load`]'s
//! choice.

use std::path::Path;

pub enum ReadError {
    /// Not a regular file: what it is instead (see [`special_kind`]).
    NotRegular(&'static str),
    Io(std::io::Error),
}

/// Reads `path` if it is (still) a regular file: discovery checked, but the file may have been
/// replaced since. The type is checked before opening, because opening a FIFO blocks until something
/// writes to it.
pub fn read_regular(path: &Path) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(special_kind(&meta.file_type())));
    }
    std::fs::read(path).map_err(ReadError::Io)
}

/// What a file that is neither a regular file nor a directory is, for messages.
pub fn special_kind(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
    }
    let _ = file_type;
    "a special file"
}
