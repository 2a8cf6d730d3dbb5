//! What `taskscope attach ADDR` accepts: `http://HOST:PORT`, `HOST:PORT` or a port.
//!
//! console-subscriber serves plain-text gRPC. An `https://` address would be connected to in
//! plain text all the same (the client has no TLS), so it and any other scheme are refused
//! with a message rather than used for something they do not say.

/// The URL to connect to for `text`: `6669` → `http://127.0.0.1:6669`, `host:port` →
/// `http://host:port`, `http://host:port` as given (the scheme in lower case). Any other
/// scheme is an error that says what to write instead.
pub(super) fn target_url(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.parse::<u16>().is_ok() {
        return Ok(format!("http://127.0.0.1:{text}"));
    }
    match text.split_once("://") {
        None => Ok(format!("http://{text}")),
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => Ok(format!("http://{rest}")),
        Some((scheme, _)) => Err(format!(
            "ADDR `{text}`: console-subscriber serves plain-text gRPC, which attach reaches \
             with http:// only, not {scheme}://; give http://HOST:PORT, HOST:PORT or a port"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::target_url;

    #[test]
    fn a_port_a_host_and_http_are_accepted() {
        let ok = |t: &str| target_url(t).unwrap();
        assert_eq!(ok("6670"), "http://127.0.0.1:6670");
        assert_eq!(ok(" localhost:6670 "), "http://localhost:6670");
        assert_eq!(ok("[::1]:6670"), "http://[::1]:6670");
        assert_eq!(ok("http://10.0.0.1:6669"), "http://10.0.0.1:6669");
        assert_eq!(ok("HTTP://host:6669"), "http://host:6669");
    }

    #[test]
    fn other_schemes_are_errors_naming_the_argument_and_the_scheme() {
        for text in [
            "https://127.0.0.1:6669",
            "ftp://127.0.0.1:6669",
            "grpc://x:1",
        ] {
            let e = target_url(text).unwrap_err();
            let scheme = text.split("://").next().unwrap();
            assert!(e.starts_with(&format!("ADDR `{text}`")), "{e}");
            assert!(e.contains(&format!("not {scheme}://")), "{e}");
        }
    }
}
