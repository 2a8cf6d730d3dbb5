//! `--console [ADDR]`: one flag, shared by every command that runs a scenario.
//!
//! A command adds it with `#[command(flatten)] console: ConsoleArg` and starts the server
//! with `options.console = args.console.start()?;`.

use std::net::{SocketAddr, ToSocketAddrs};
use std::process::ExitCode;

use super::EXIT_UNAVAILABLE;
use crate::runner::console::{self, ConsoleTap, DEFAULT_CONSOLE_ADDR};

/// The `--console [ADDR]` flag.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct ConsoleArg {
    /// Also serve the scenario's runtime to tokio-console on ADDR (default 127.0.0.1:6669;
    /// a port alone means 127.0.0.1:PORT), then connect with `tokio-console http://ADDR`.
    #[arg(
        long,
        value_name = "ADDR",
        num_args = 0..=1,
        default_missing_value = "127.0.0.1:6669",
        value_parser = parse_console_addr,
    )]
    pub console: Option<SocketAddr>,
}

impl ConsoleArg {
    /// Starts the console server if the flag was given and says where on stderr; on failure
    /// prints why (naming the port) and returns the exit code to use.
    pub fn start(&self) -> Result<Option<ConsoleTap>, ExitCode> {
        let Some(addr) = self.console else {
            return Ok(None);
        };
        match console::serve(addr) {
            Ok(tap) => {
                eprintln!(
                    "taskscope: serving tokio-console on {}: connect with `{}`",
                    tap.addr(),
                    tap.command()
                );
                Ok(Some(tap))
            }
            Err(e) => {
                eprintln!("taskscope: {e}");
                Err(ExitCode::from(EXIT_UNAVAILABLE))
            }
        }
    }
}

/// `6670`, `127.0.0.1:6670`, `[::1]:6670` or `localhost:6670`.
fn parse_console_addr(text: &str) -> Result<SocketAddr, String> {
    if let Ok(port) = text.parse::<u16>() {
        return Ok(SocketAddr::new(DEFAULT_CONSOLE_ADDR.ip(), port));
    }
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    let hint = format!(
        "expected an address like 127.0.0.1:6669 or a port, found `{text}` \
         (to use the default address, put --console after the scenario or write --console=ADDR)"
    );
    match text.to_socket_addrs() {
        Ok(mut addrs) => addrs.next().ok_or(hint),
        Err(_) => Err(hint),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_port_alone_is_loopback() {
        assert_eq!(
            parse_console_addr("7000").unwrap(),
            "127.0.0.1:7000".parse().unwrap()
        );
    }

    #[test]
    fn a_scenario_name_is_not_an_address() {
        let e = parse_console_addr("blocking-freeze").unwrap_err();
        assert!(e.contains("--console=ADDR"), "{e}");
    }
}
