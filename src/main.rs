//! The `taskscope` binary: parses the command line and dispatches (see `taskscope --help`).

fn main() -> std::process::ExitCode {
    taskscope::cli::main()
}
