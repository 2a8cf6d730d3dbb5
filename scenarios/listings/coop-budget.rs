// coop-budget: draining 8000 queued jobs never waits, yet tokio makes the task yield.
use std::time::{Duration, Instant};
use tokio::{sync::mpsc, task::JoinSet, time::sleep};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut group = JoinSet::new();
    group.spawn(drain_backlog());
    group.spawn(heartbeat());
    group.join_all().await; // step: main.1
}

async fn drain_backlog() {
    let (jobs, mut backlog) = mpsc::unbounded_channel();
    (0..8000).for_each(|job| jobs.send(job).unwrap());
    // Always ready; after 128 receives the budget makes recv() return Pending once.
    while let Some(_job) = backlog.recv().await { // step: drain_backlog.1
        let until = Instant::now() + Duration::from_micros(200);
        while Instant::now() < until {} // 200 us of work per job
    }
}

async fn heartbeat() {
    for _ in 0..32 { // step: heartbeat.1
        sleep(Duration::from_millis(50)).await; // step: tick.1
    }
}
