// timeout-cancels: a checkout is cut off at 2 s, mid-payment; the receipt is never sent.
use std::time::Duration;
use tokio::time::{sleep, timeout};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // On timeout, checkout() is dropped at the await it is paused on.
    if timeout(Duration::from_secs(2), checkout()).await.is_err() { // step: main.1
        release_stock().await; // step: main.2
    }
}

async fn checkout() {
    sleep(Duration::from_millis(500)).await; // reserve the stock // step: checkout.1
    sleep(Duration::from_secs(4)).await; // charge the card // step: checkout.2
    sleep(Duration::from_millis(100)).await; // send the receipt // step: checkout.3
}

async fn release_stock() {
    sleep(Duration::from_millis(200)).await; // step: release_stock.1
}
