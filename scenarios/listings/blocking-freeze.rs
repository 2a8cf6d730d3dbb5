// blocking-freeze: a 2 s std::thread::sleep holds the only worker; every other task stalls.
use std::time::Duration;
use tokio::{task::JoinSet, time::sleep};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut group = JoinSet::new();
    group.spawn(slow_sync_call());
    group.spawn(heartbeat());
    group.spawn(fetch_weather());
    group.join_all().await; // step: main.1
}

async fn slow_sync_call() {
    sleep(Duration::from_millis(100)).await; // step: slow_sync_call.1
    std::thread::sleep(Duration::from_secs(2)); // step: slow_sync_call.2
}

async fn heartbeat() {
    for _ in 0..5 { // step: heartbeat.1
        sleep(Duration::from_millis(250)).await; // step: tick.1
    }
}

async fn fetch_weather() {
    sleep(Duration::from_millis(500)).await; // step: fetch_weather.1
}
