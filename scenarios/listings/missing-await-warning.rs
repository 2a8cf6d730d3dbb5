// missing-await-warning: audit() is called without .await after each order: it never runs.
use std::time::Duration;
use tokio::time::sleep;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    for _ in 0..3 { // step: main.1
        save_order().await;
    }
}

async fn save_order() {
    sleep(Duration::from_millis(400)).await; // step: save_order.1
    #[allow(unused_must_use)] // the bug; rustc warns: "futures do nothing unless you `.await`"
    audit(); // step: save_order.2
}

async fn audit() {
    sleep(Duration::from_millis(100)).await; // step: audit.1
}
