//! `--console [ADDR]`: one flag, shared by every command that runs a scenario.
//!
//! A command adds it with `#[command(flatten)] console: ConsoleArg`, starts the server with
//! `options.console = args.console.start()?;`, and calls [`finish`] before it exits.

use std::net::{SocketAddr, ToSocketAddrs};
use std::process::ExitCode;

use super::{EXIT_UNAVAILABLE, bounds};
use crate::output::errln;
use crate::runner::console::{self, ConsoleTap, DEFAULT_CONSOLE_ADDR, FinalPublish};

/// The `--console [ADDR]` flag.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct ConsoleArg {
    /// Also serve the scenario's runtime to tokio-console on ADDR (default 127.0.0.1:6669;
    /// a port alone means 127.0.0.1:PORT; `http://` may precede it), then connect with
    /// `tokio-console http://ADDR`.
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
    /// Starts the console server if the flag was given and says where on stderr (with a
    /// warning when it is reachable from other machines); on failure prints why (naming the
    /// port) and returns the exit code to use.
    pub fn start(&self) -> Result<Option<ConsoleTap>, ExitCode> {
        let Some(addr) = self.console else {
            return Ok(None);
        };
        match console::serve(addr) {
            Ok(tap) => {
                if let Some(warning) = exposure_warning(tap.addr()) {
                    errln!("taskscope: warning: {warning}");
                }
                errln!(
                    "taskscope: serving tokio-console on {}: connect with `{}`",
                    tap.addr(),
                    tap.command()
                );
                Ok(Some(tap))
            }
            Err(e) => {
                errln!("taskscope: {e}");
                Err(ExitCode::from(EXIT_UNAVAILABLE))
            }
        }
    }
}

/// Before exiting: lets a connected tokio-console receive the run's final state (at most
/// about two seconds; no wait when none is connected), and says so if it could not.
pub(super) fn finish(tap: Option<ConsoleTap>) {
    if tap.map(ConsoleTap::finish) == Some(FinalPublish::TimedOut) {
        errln!(
            "taskscope: a connected tokio-console was not sent the run's final state in time \
             (paused, or too slow); it may show tasks as still running"
        );
    }
}

/// What to say when the console is served beyond this machine: anyone who can reach it sees
/// the run's task names, spawn locations and timings.
fn exposure_warning(addr: SocketAddr) -> Option<String> {
    let ip = addr.ip();
    if ip.is_loopback() {
        return None;
    }
    let reach = if ip.is_unspecified() {
        format!("{addr} listens on every network interface")
    } else {
        format!("{addr} is not a loopback address")
    };
    Some(format!(
        "--console {reach}: anyone who can reach it can watch the run (task names, spawn \
         locations, timings). Use 127.0.0.1:{} to keep it on this machine.",
        addr.port()
    ))
}

/// `6670`, `127.0.0.1:6670`, `[::1]:6670`, `localhost:6670`, or any of these after `http://`.
/// tokio-console's gRPC is plain text: another scheme (`https://`) is an error, not a
/// connection that silently is not what it says.
fn parse_console_addr(text: &str) -> Result<SocketAddr, String> {
    let text = text.trim();
    let bare = match text.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => rest.trim_end_matches('/'),
        Some((scheme, _)) => {
            return Err(format!(
                "`{text}`: the console is served as plain-text gRPC (what tokio-console \
                 connects to with http://), not {scheme}://; give an address like \
                 127.0.0.1:6669, a port, or http://127.0.0.1:6669"
            ));
        }
        None => text,
    };
    if !bare.is_empty() && bare.bytes().all(|b| b.is_ascii_digit()) {
        let port = bounds::port(bare)?;
        return Ok(SocketAddr::new(DEFAULT_CONSOLE_ADDR.ip(), port));
    }
    if let Some((_, port)) = bare.rsplit_once(':') {
        bounds::port(port)?;
    }
    if let Ok(addr) = bare.parse::<SocketAddr>() {
        return Ok(addr);
    }
    let hint = format!(
        "expected an address like 127.0.0.1:6669 or a port, found `{text}` \
         (to use the default address, put --console after the scenario or write --console=ADDR)"
    );
    match bare.to_socket_addrs() {
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
    fn a_port_is_1_to_65535() {
        for text in ["0", "70000", "127.0.0.1:0", "http://localhost:65536"] {
            let e = parse_console_addr(text).unwrap_err();
            assert!(e.contains("1 to 65535"), "{text}: {e}");
        }
        assert!(parse_console_addr("127.0.0.1:65535").is_ok());
    }

    #[test]
    fn a_scenario_name_is_not_an_address() {
        let e = parse_console_addr("blocking-freeze").unwrap_err();
        assert!(e.contains("--console=ADDR"), "{e}");
    }

    #[test]
    fn http_is_accepted_and_other_schemes_are_errors_naming_them() {
        let local: SocketAddr = "127.0.0.1:7000".parse().unwrap();
        assert_eq!(parse_console_addr("http://127.0.0.1:7000").unwrap(), local);
        assert_eq!(parse_console_addr("HTTP://127.0.0.1:7000/").unwrap(), local);
        assert_eq!(parse_console_addr("http://7000").unwrap(), local);
        for other in ["https://127.0.0.1:7000", "ftp://127.0.0.1:7000"] {
            let e = parse_console_addr(other).unwrap_err();
            let scheme = other.split("://").next().unwrap();
            assert!(e.contains(&format!("not {scheme}://")), "{e}");
            assert!(e.contains("plain-text"), "{e}");
        }
    }

    #[test]
    fn only_an_address_beyond_loopback_gets_a_warning() {
        for local in ["127.0.0.1:6669", "[::1]:6669"] {
            assert_eq!(exposure_warning(local.parse().unwrap()), None, "{local}");
        }
        let every = exposure_warning("0.0.0.0:6669".parse().unwrap()).unwrap();
        assert!(every.contains("every network interface"), "{every}");
        assert!(every.contains("anyone who can reach it"), "{every}");
        assert!(every.contains("127.0.0.1:6669"), "{every}");
        let one = exposure_warning("192.0.2.7:6669".parse().unwrap()).unwrap();
        assert!(one.contains("not a loopback address"), "{one}");
    }
}
