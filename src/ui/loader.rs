//! Scenario files for the menu (given on the command line, or found in `--scenarios DIR`),
//! read and checked on a thread of their own, so the menu answers keys while a big file is
//! checked: it says which file it is reading, and each file joins the list once read.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::menu::MenuEntry;

/// What the loader has to say since it was last asked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    /// Files read and checked, in the order given.
    pub entries: Vec<MenuEntry>,
    /// The file being read now; None once every file is read.
    pub reading: Option<String>,
}

/// One message of the loading thread.
enum Note {
    Reading(String),
    Entry(MenuEntry),
}

/// The loading thread's end of the work: what it sent, as it is asked for.
pub struct Loader {
    notes: Receiver<Note>,
    reading: Option<String>,
    over: bool,
}

impl Loader {
    /// Starts reading `paths` on a thread of their own; a file that does not parse becomes
    /// an entry with its diagnostic, as in [`MenuEntry::from_file`].
    pub fn start(paths: Vec<PathBuf>) -> Loader {
        let (send, notes) = channel();
        let spawned = std::thread::Builder::new()
            .name("taskscope-menu-loader".into())
            .spawn(move || {
                for path in paths {
                    let reading = Note::Reading(path.display().to_string());
                    if send.send(reading).is_err() {
                        return;
                    }
                    if send.send(Note::Entry(MenuEntry::from_file(&path))).is_err() {
                        return;
                    }
                }
            });
        Loader {
            notes,
            reading: None,
            // Without a thread there is nothing to wait for.
            over: spawned.is_err(),
        }
    }

    /// Whether files are still being read.
    pub fn is_loading(&self) -> bool {
        !self.over
    }

    /// What was read since the last call (None when nothing changed). Never waits.
    pub fn drain(&mut self) -> Option<Loaded> {
        if self.over {
            return None;
        }
        let mut loaded = Loaded::default();
        let mut changed = false;
        loop {
            match self.notes.try_recv() {
                Ok(Note::Reading(path)) => self.reading = Some(path),
                Ok(Note::Entry(entry)) => {
                    self.reading = None;
                    loaded.entries.push(entry);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.over = true;
                    self.reading = None;
                    changed = true;
                    break;
                }
            }
            changed = true;
        }
        loaded.reading = self.reading.clone();
        changed.then_some(loaded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn files_are_read_off_the_callers_thread_and_each_becomes_an_entry() {
        let mut loader = Loader::start(vec![
            PathBuf::from("scenarios/await-chain.toml"),
            PathBuf::from("no/such/file.toml"),
        ]);
        let mut entries = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(20);
        while loader.is_loading() && Instant::now() < deadline {
            if let Some(loaded) = loader.drain() {
                entries.extend(loaded.entries);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(!loader.is_loading());
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["await-chain", "file.toml"]);
        assert!(entries[1].scenario.is_err(), "listed with its diagnostic");
        assert_eq!(loader.drain(), None, "nothing more");
    }
}
