// cpu-starvation: 1.5 s of crunching holds the only worker; the heartbeat and a request starve.
use std::time::{Duration, Instant};
use tokio::{task::JoinSet, time::sleep};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut group = JoinSet::new();
    group.spawn(build_report());
    group.spawn(heartbeat());
    group.spawn(health_check());
    group.join_all().await; // step: main.1
}

async fn build_report() {
    sleep(Duration::from_millis(100)).await; // SELECT * FROM sales // step: build_report.1
    let until = Instant::now() + Duration::from_millis(1500);
    while Instant::now() < until {} // aggregate 2M rows: no await // step: build_report.2
}

async fn heartbeat() {
    for _ in 0..8 { // step: heartbeat.1
        sleep(Duration::from_millis(100)).await; // step: tick.1
    }
}

async fn health_check() {
    sleep(Duration::from_millis(300)).await; // GET /health // step: health_check.1
}
