//! What the code pane shows: whether it is up ([`CodePane`]: where the room allows, open,
//! closed) and in which language ([`Lang`]). Chosen with `c` and `p`, kept for a rerun.

/// Whether the code pane is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CodePane {
    /// Where the room allows: below the lanes when it fits there, else beside them on a
    /// terminal wide enough for both (see `layout.rs`), else not at all.
    #[default]
    Auto,
    /// Shown (`c`): beside the lanes on a wide terminal, else below them.
    Open,
    /// Hidden (`c`).
    Closed,
}

/// The language of the code pane's listing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// The tokio program.
    #[default]
    Rust,
    /// The same story with asyncio.
    Python,
}

impl Lang {
    /// The other language (`p` switches).
    pub fn other(self) -> Lang {
        match self {
            Lang::Rust => Lang::Python,
            Lang::Python => Lang::Rust,
        }
    }

    /// The name the pane shows.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Rust => "Rust",
            Lang::Python => "Python",
        }
    }
}
