// multi-thread-blocking: with 4 workers, a 2 s blocking call holds one of them; the rest go on.
use std::time::Duration;
use tokio::{task::JoinSet, time::sleep};

#[tokio::main(flavor = "multi_thread", worker_threads = 4)]
async fn main() {
    let mut group = JoinSet::new();
    group.spawn(resize_images());
    for _ in 0..6 {
        group.spawn(ticker());
    }
    group.join_all().await; // step: main.1
}

async fn resize_images() {
    std::thread::sleep(Duration::from_secs(2)); // step: resize_images.1
}

async fn ticker() {
    for _ in 0..8 { // step: ticker.1
        sleep(Duration::from_millis(100)).await; // step: tick.1
        tokio::task::yield_now().await; // step: tick.2
    }
}
