// hedged-requests: the primary is slow; a hedged request to a replica answers first.
use std::time::Duration;
use tokio::time::sleep;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // The first branch to finish wins; select! drops the other one, mid-await.
    tokio::select! { // step: main.1
        _ = ask_primary() => {}
        _ = hedge() => {}
    }
    sleep(Duration::from_millis(200)).await; // render the page // step: main.2
}

async fn ask_primary() {
    sleep(Duration::from_secs(4)).await; // step: ask_primary.1
}

async fn hedge() {
    sleep(Duration::from_millis(500)).await; // no answer yet? // step: hedge.1
    ask_replica().await; // step: hedge.2
}

async fn ask_replica() {
    sleep(Duration::from_secs(1)).await; // step: ask_replica.1
}
