// concurrent-group: two 1.5 s calls run as a group of tasks finish together in 1.5 s.
use std::time::Duration;
use tokio::{task::JoinSet, time::sleep};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut group = JoinSet::new();
    group.spawn(fetch_weather());
    group.spawn(fetch_news());
    group.join_all().await; // step: main.1
}

async fn fetch_weather() {
    sleep(Duration::from_millis(1500)).await; // step: fetch_weather.1
}

async fn fetch_news() {
    sleep(Duration::from_millis(1500)).await; // step: fetch_news.1
}
