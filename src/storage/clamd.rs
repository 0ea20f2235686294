//! A client of ClamAV's daemon `clamd` over TCP: `INSTREAM` to scan bytes, `PING` to check it
//! is there. Protocol: clamd(8), "COMMANDS"; commands prefixed with `z` end with a NUL, and so do
//! their replies.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Bytes sent per `INSTREAM` chunk.
const CHUNK: usize = 64 * 1024;

/// Longest reply read from clamd; a real one is a line.
const MAX_REPLY: usize = 4096;

/// What the antivirus says of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanVerdict {
    Clean,
    /// Infected, with the name of the signature that matched, e.g. `Eicar-Signature`.
    Infected(String),
}

/// Why a scan has no verdict.
#[derive(Debug, thiserror::Error)]
pub enum ClamdError {
    #[error("clamd at {address} cannot be reached: {source}")]
    Unreachable { address: String, source: std::io::Error },
    #[error("clamd at {address} did not answer in time")]
    Timeout { address: String },
    #[error("the connection to clamd at {address} failed: {source}")]
    Io { address: String, source: std::io::Error },
    /// clamd answered with an error about this request, e.g. "INSTREAM size limit exceeded":
    /// asking again will not help.
    #[error("clamd refused the scan: {0}")]
    Refused(String),
    #[error("clamd gave an unexpected reply: {0:?}")]
    UnexpectedReply(String),
}

impl ClamdError {
    /// Whether clamd is down or unreachable (the file may wait for a later scan), rather than
    /// refusing this very file.
    pub fn is_unavailable(&self) -> bool {
        !matches!(self, ClamdError::Refused(_))
    }
}

/// Where clamd listens, and how long to wait for it. Cheap to clone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clamd {
    /// `host:port`, e.g. `127.0.0.1:3310`.
    pub address: String,
    pub connect_timeout: Duration,
    /// For each read or write once connected; a scan of 10 MB takes well under a second.
    pub io_timeout: Duration,
}

impl Clamd {
    /// A client of the clamd at `host:port`, waiting 3 s to connect and 30 s for each step.
    pub fn new(address: impl Into<String>) -> Clamd {
        Clamd {
            address: address.into(),
            connect_timeout: Duration::from_secs(3),
            io_timeout: Duration::from_secs(30),
        }
    }

    /// Checks that clamd answers (`PONG`).
    pub async fn ping(&self) -> Result<(), ClamdError> {
        let reply = self.command(b"zPING\0").await?;
        if reply == "PONG" { Ok(()) } else { Err(ClamdError::UnexpectedReply(reply)) }
    }

    /// clamd's version and signature database date, e.g. "ClamAV 1.4.3/27690/Tue …", for logs.
    pub async fn version(&self) -> Result<String, ClamdError> {
        self.command(b"zVERSION\0").await
    }

    /// Scans `bytes` with `INSTREAM`: the bytes in chunks, each preceded by its length as 4
    /// big-endian bytes, then a zero length; clamd replies `stream: OK`,
    /// `stream: <signature> FOUND`, or `… ERROR`.
    pub async fn scan(&self, bytes: &[u8]) -> Result<ScanVerdict, ClamdError> {
        let mut stream = self.connect().await?;
        let sent = self.send_stream(&mut stream, bytes).await;
        // clamd closes the connection early when the stream passes its StreamMaxLength, after
        // writing why: read the reply even when sending failed.
        let reply = match (sent, self.read_reply(&mut stream).await) {
            (_, Ok(reply)) if !reply.is_empty() => reply,
            (Err(error), _) | (Ok(()), Err(error)) => return Err(error),
            (Ok(()), Ok(reply)) => reply,
        };
        parse_scan_reply(&reply)
    }

    async fn send_stream(&self, stream: &mut TcpStream, bytes: &[u8]) -> Result<(), ClamdError> {
        self.timed(stream.write_all(b"zINSTREAM\0")).await?;
        for chunk in bytes.chunks(CHUNK) {
            // A chunk is at most 64 KiB, so its length fits in 4 bytes.
            let len = u32::try_from(chunk.len()).unwrap_or(u32::MAX);
            self.timed(stream.write_all(&len.to_be_bytes())).await?;
            self.timed(stream.write_all(chunk)).await?;
        }
        self.timed(stream.write_all(&0u32.to_be_bytes())).await?;
        self.timed(stream.flush()).await
    }

    async fn command(&self, command: &[u8]) -> Result<String, ClamdError> {
        let mut stream = self.connect().await?;
        self.timed(stream.write_all(command)).await?;
        self.read_reply(&mut stream).await
    }

    async fn connect(&self) -> Result<TcpStream, ClamdError> {
        match tokio::time::timeout(self.connect_timeout, TcpStream::connect(&self.address)).await {
            Ok(Ok(stream)) => Ok(stream),
            Ok(Err(source)) => {
                Err(ClamdError::Unreachable { address: self.address.clone(), source })
            }
            Err(_) => Err(ClamdError::Timeout { address: self.address.clone() }),
        }
    }

    /// Reads up to the NUL that ends a reply (or the end of the connection).
    async fn read_reply(&self, stream: &mut TcpStream) -> Result<String, ClamdError> {
        let mut reply = Vec::new();
        let mut buffer = [0u8; 512];
        loop {
            let n = self.timed(stream.read(&mut buffer)).await?;
            if n == 0 {
                break;
            }
            reply.extend_from_slice(&buffer[..n]);
            if reply.contains(&0) || reply.len() > MAX_REPLY {
                break;
            }
        }
        let end = reply.iter().position(|&b| b == 0).unwrap_or(reply.len());
        Ok(String::from_utf8_lossy(&reply[..end]).trim().to_owned())
    }

    async fn timed<T>(
        &self,
        step: impl Future<Output = std::io::Result<T>>,
    ) -> Result<T, ClamdError> {
        match tokio::time::timeout(self.io_timeout, step).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(source)) => Err(ClamdError::Io { address: self.address.clone(), source }),
            Err(_) => Err(ClamdError::Timeout { address: self.address.clone() }),
        }
    }
}

/// Reads clamd's reply to `INSTREAM`.
fn parse_scan_reply(reply: &str) -> Result<ScanVerdict, ClamdError> {
    let verdict = reply.strip_prefix("stream: ").unwrap_or(reply);
    if verdict == "OK" {
        return Ok(ScanVerdict::Clean);
    }
    if let Some(signature) = verdict.strip_suffix(" FOUND") {
        return Ok(ScanVerdict::Infected(signature.trim().to_owned()));
    }
    if reply.ends_with("ERROR") {
        return Err(ClamdError::Refused(reply.to_owned()));
    }
    Err(ClamdError::UnexpectedReply(reply.chars().take(200).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_read_as_verdicts() {
        assert_eq!(parse_scan_reply("stream: OK").ok(), Some(ScanVerdict::Clean));
        assert_eq!(
            parse_scan_reply("stream: eicar.com.UNOFFICIAL FOUND").ok(),
            Some(ScanVerdict::Infected("eicar.com.UNOFFICIAL".into()))
        );
        assert!(matches!(
            parse_scan_reply("INSTREAM size limit exceeded. ERROR"),
            Err(ClamdError::Refused(m)) if m == "INSTREAM size limit exceeded. ERROR"
        ));
        assert!(matches!(
            parse_scan_reply("HTTP/1.1 400 Bad Request"),
            Err(ClamdError::UnexpectedReply(_))
        ));
    }

    /// A fake clamd on a free port that records what it receives and replies `reply`.
    async fn fake_clamd(reply: &'static [u8]) -> (String, tokio::task::JoinHandle<Vec<u8>>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address").to_string();
        let task = tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.expect("accept");
            let mut received = Vec::new();
            let mut buffer = [0u8; 4096];
            // Read until the zero-length terminator arrives.
            while !received.ends_with(&[0, 0, 0, 0]) {
                let n = socket.read(&mut buffer).await.expect("read");
                if n == 0 {
                    break;
                }
                received.extend_from_slice(&buffer[..n]);
            }
            socket.write_all(reply).await.expect("reply");
            received
        });
        (address, task)
    }

    #[tokio::test]
    async fn instream_sends_length_prefixed_chunks_and_a_zero_terminator() {
        let (address, received) = fake_clamd(b"stream: OK\0").await;
        let bytes = vec![7u8; CHUNK + 10];
        let verdict = Clamd::new(address).scan(&bytes).await.expect("verdict");
        assert_eq!(verdict, ScanVerdict::Clean);
        let mut expected = b"zINSTREAM\0".to_vec();
        expected.extend(65536u32.to_be_bytes());
        expected.extend(&bytes[..CHUNK]);
        expected.extend(10u32.to_be_bytes());
        expected.extend(&bytes[CHUNK..]);
        expected.extend([0, 0, 0, 0]);
        assert_eq!(received.await.expect("fake clamd"), expected);
    }

    #[tokio::test]
    async fn a_closed_port_is_unavailable() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let address = listener.local_addr().expect("address").to_string();
        drop(listener);
        let error = Clamd::new(address).scan(b"hello").await.expect_err("nobody listens");
        assert!(matches!(error, ClamdError::Unreachable { .. }), "{error:?}");
        assert!(error.is_unavailable());
    }
}
