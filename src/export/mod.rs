//! Everything that leaves the process: JSON, text swimlanes.
