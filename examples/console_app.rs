//! A small app instrumented with console-subscriber, to attach taskscope (or tokio-console)
//! to: `cargo run --example console_app -- 6669`, then `taskscope attach 6669 --headless`.
//!
//! Its named tasks: `ticker` sleeps 100 ms at a time, `yielder` yields in bursts, `blocker`
//! holds its worker with `std::thread::sleep(300ms)` between short sleeps, and a
//! `spawn_blocking` closure runs now and then. It publishes every 50 ms and runs until
//! killed (or for the seconds given as a second argument).

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use tracing_subscriber::layer::SubscriberExt;

/// How long `blocker` holds its worker in each poll.
const BLOCK: Duration = Duration::from_millis(300);

fn main() {
    let mut args = std::env::args().skip(1);
    let port: u16 = match args.next().map(|p| p.parse()) {
        Some(Ok(port)) => port,
        _ => {
            eprintln!("usage: console_app PORT [SECONDS]");
            std::process::exit(2);
        }
    };
    let seconds: Option<u64> = args.next().and_then(|s| s.parse().ok());
    let layer = console_subscriber::ConsoleLayer::builder()
        .publish_interval(Duration::from_millis(50))
        .server_addr(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
        .spawn();
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(layer))
        .expect("the only global subscriber");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async move {
        let tasks = [
            spawn("ticker", ticker()),
            spawn("yielder", yielder()),
            spawn("blocker", blocker()),
            spawn("pool-user", pool_user()),
        ];
        eprintln!("console_app: serving console-subscriber on 127.0.0.1:{port}");
        match seconds {
            Some(s) => tokio::time::sleep(Duration::from_secs(s)).await,
            None => std::future::pending::<()>().await,
        }
        tasks.iter().for_each(|t| t.abort());
    });
}

fn spawn<F>(name: &str, future: F) -> tokio::task::JoinHandle<()>
where
    F: std::future::Future<Output = ()> + Send + 'static,
{
    tokio::task::Builder::new()
        .name(name)
        .spawn(future)
        .expect("spawn a named task")
}

async fn ticker() {
    loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn yielder() {
    loop {
        for _ in 0..20 {
            tokio::task::yield_now().await;
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

async fn blocker() {
    loop {
        // A blocking call inside async code: the worker can do nothing else meanwhile.
        std::thread::sleep(BLOCK);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn pool_user() {
    loop {
        let _ =
            tokio::task::spawn_blocking(|| std::thread::sleep(Duration::from_millis(120))).await;
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
}
