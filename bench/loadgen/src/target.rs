//! The URL under load: plain `http://`, loopback hosts only.
//!
//! This machine forbids traffic anywhere but the loopback interface, and a
//! load generator pointed at someone else's server is an attack: only
//! 127.0.0.0/8, `localhost` and `[::1]` are accepted.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use hyper::Uri;

#[derive(Clone, Debug)]
pub struct Target {
    /// The URL as given, for the report.
    pub url: String,
    /// Where to connect.
    pub addr: SocketAddr,
    /// `Host` header value.
    pub authority: String,
    /// Request target (`/path?query`).
    pub path: String,
}

const LOOPBACK_ONLY: &str =
    "this load generator only talks to 127.0.0.0/8, localhost and [::1] (no traffic elsewhere)";

impl Target {
    pub fn parse(url: &str) -> Result<Self, String> {
        let uri: Uri = url.parse().map_err(|e| format!("invalid URL {url:?}: {e}"))?;
        match uri.scheme_str() {
            Some("http") => {}
            Some(other) => {
                return Err(format!(
                    "unsupported scheme {other:?} in {url:?}: plain http:// only (no TLS)"
                ));
            }
            None => {
                return Err(format!("invalid URL {url:?}: expected http://HOST[:PORT]/PATH"));
            }
        }
        let host = uri.host().ok_or_else(|| format!("invalid URL {url:?}: no host"))?;
        let port = uri.port_u16().unwrap_or(80);
        let ip = loopback_ip(host).ok_or_else(|| {
            format!("refusing non-loopback host {host:?} in {url:?}: {LOOPBACK_ONLY}")
        })?;
        let authority =
            uri.authority().map(|a| a.as_str().to_owned()).unwrap_or_else(|| host.to_owned());
        let path = uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "/".to_owned());
        Ok(Self { url: url.to_owned(), addr: SocketAddr::new(ip, port), authority, path })
    }
}

/// The address to connect to if `host` is a loopback host, else `None`.
///
/// `localhost` maps to 127.0.0.1 without asking a resolver: the answer must
/// not depend on what a hosts file or DNS says.
fn loopback_ip(host: &str) -> Option<IpAddr> {
    if host.eq_ignore_ascii_case("localhost") {
        return Some(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    let bare = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
    if let Ok(v6) = bare.parse::<Ipv6Addr>() {
        return (v6 == Ipv6Addr::LOCALHOST).then_some(IpAddr::V6(v6));
    }
    // Only the dotted-quad form: `Ipv4Addr` rejects shorthands like "127.1".
    let v4 = bare.parse::<Ipv4Addr>().ok()?;
    v4.is_loopback().then_some(IpAddr::V4(v4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_loopback() {
        let t = Target::parse("http://127.0.0.1:8080/appel?x=1").expect("loopback v4");
        assert_eq!(t.addr, "127.0.0.1:8080".parse().expect("addr"));
        assert_eq!(t.authority, "127.0.0.1:8080");
        assert_eq!(t.path, "/appel?x=1");
        let t = Target::parse("http://127.4.5.6").expect("127/8");
        assert_eq!(t.addr.port(), 80);
        assert_eq!(t.path, "/");
        let t = Target::parse("http://LocalHost:9/").expect("localhost");
        assert_eq!(t.addr, "127.0.0.1:9".parse().expect("addr"));
        let t = Target::parse("http://[::1]:18081/healthz").expect("v6 loopback");
        assert_eq!(t.addr, "[::1]:18081".parse().expect("addr"));
        assert_eq!(t.authority, "[::1]:18081");
    }

    #[test]
    fn refuses_the_rest() {
        for url in [
            "http://10.0.0.1/",
            "http://example.org/",
            "http://localhost.example.org/",
            "http://128.0.0.1/",
            "http://[::2]/",
            "http://[::ffff:127.0.0.1]/",
            "http://0.0.0.0:80/",
        ] {
            let err = Target::parse(url).expect_err(url);
            assert!(err.contains("refusing non-loopback host"), "{url}: {err}");
        }
        assert!(Target::parse("https://127.0.0.1/").expect_err("tls").contains("no TLS"));
        assert!(Target::parse("/relative").is_err());
        assert!(Target::parse("not a url").is_err());
    }
}
