//! The decoder against streams written here word by word, as the Python module writes them.

mod garbage;
mod records;
mod stream;
