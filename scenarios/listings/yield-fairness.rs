// yield-fairness: two CPU jobs in 50 ms chunks take turns on one worker, thanks to yield_now.
use std::time::{Duration, Instant};
use tokio::{task::JoinSet, time::sleep};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut group = JoinSet::new();
    group.spawn(crunch()); // resize_images
    group.spawn(crunch()); // encode_video
    group.spawn(heartbeat());
    group.join_all().await; // step: main.1
}

async fn crunch() {
    for _ in 0..20 { // step: crunch.1
        let until = Instant::now() + Duration::from_millis(50);
        while Instant::now() < until {} // one chunk of CPU work // step: chunk.1
        tokio::task::yield_now().await; // let the others run // step: chunk.2
    }
}

async fn heartbeat() {
    for _ in 0..20 { // step: heartbeat.1
        sleep(Duration::from_millis(100)).await; // step: tick.1
    }
}
