// rescued-by-timeout: a reply that never comes; a 2 s timeout gives up and raises an alert.
use std::time::Duration;
use tokio::time::{sleep, timeout};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    if timeout(Duration::from_secs(2), wait_for_reply()).await.is_err() { // step: main.1
        report_unreachable().await; // step: main.2
    }
}

async fn wait_for_reply() {
    sleep(Duration::from_millis(100)).await; // send PING // step: wait_for_reply.1
    std::future::pending::<()>().await; // the PONG was lost // step: wait_for_reply.2
}

async fn report_unreachable() {
    sleep(Duration::from_millis(100)).await; // step: report_unreachable.1
}
