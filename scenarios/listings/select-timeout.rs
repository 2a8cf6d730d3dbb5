// select-timeout: a 5 s request under a 2 s timeout is dropped at the deadline.
use std::time::Duration;
use tokio::time::{sleep, timeout};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // When the timer wins, the request's future is dropped, mid-await.
    let _ = timeout(Duration::from_secs(2), fetch_report()).await; // step: main.1
    load_cached_report().await; // step: main.2
}

async fn fetch_report() {
    sleep(Duration::from_secs(5)).await; // step: fetch_report.1
}

async fn load_cached_report() {
    sleep(Duration::from_millis(100)).await; // step: load_cached_report.1
}
