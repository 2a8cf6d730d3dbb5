//! Unit tests of the fold rules, on hand-written event sequences.
