//! Bare hyper 1 HTTP/1.1 server answering every request `200 text/plain "hello"`.
//!
//! Multi-threaded tokio runtime, one task per connection, keep-alive. It does
//! nothing else, so its throughput is the ceiling of what any server built on
//! the same stack can reach on this machine; `bench/run.sh` reports the
//! platform's figures as a fraction of it.
//!
//! Usage: `hello [--bind ADDR]` (default `127.0.0.1:18081`).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::process::ExitCode;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

const DEFAULT_BIND: &str = "127.0.0.1:18081";
const BODY: &[u8] = b"hello";

fn usage() -> &'static str {
    "usage: hello [--bind ADDR]   (default 127.0.0.1:18081)"
}

fn parse_args() -> Result<SocketAddr, String> {
    let mut bind = DEFAULT_BIND.to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bind" => bind = args.next().ok_or("--bind needs a value")?,
            s if s.starts_with("--bind=") => bind = s["--bind=".len()..].to_owned(),
            "-h" | "--help" => return Err(usage().to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{}", usage())),
        }
    }
    bind.parse().map_err(|e| format!("invalid --bind {bind:?}: {e}"))
}

async fn hello(_req: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let mut res = Response::new(Full::new(Bytes::from_static(BODY)));
    res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    Ok(res)
}

async fn serve(addr: SocketAddr) -> std::io::Result<()> {
    let listener = TcpListener::bind(addr).await?;
    eprintln!("hello: listening on {}", listener.local_addr()?);
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(conn) => conn,
            Err(e) => {
                // EMFILE and friends: keep serving the connections we have.
                eprintln!("hello: accept: {e}");
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        tokio::spawn(async move {
            let conn = http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service_fn(hello));
            // Client resets and half-closed sockets are routine under load.
            let _ = conn.await;
        });
    }
}

fn main() -> ExitCode {
    let addr = match parse_args() {
        Ok(addr) => addr,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("hello: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(addr)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hello: {addr}: {e}");
            ExitCode::FAILURE
        }
    }
}
