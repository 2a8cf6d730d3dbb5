// failure-cancellation: a request fails after 2 s; the group cancels its two siblings.
use std::time::Duration;
use tokio::{task::JoinSet, time::sleep};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), String> {
    let mut group = JoinSet::new();
    group.spawn(fetch(Duration::from_secs(3))); // fetch_weather
    group.spawn(fetch(Duration::from_secs(4))); // fetch_news
    group.spawn(flaky_call());
    // `?` returns at the first error; dropping the JoinSet aborts the other tasks.
    while let Some(done) = group.join_next().await { // step: main.1
        done.map_err(|e| e.to_string())??;
    }
    Ok(())
}

async fn fetch(took: Duration) -> Result<(), String> {
    sleep(took).await; // step: fetch_weather.1 fetch_news.1
    Ok(())
}

async fn flaky_call() -> Result<(), String> {
    sleep(Duration::from_secs(2)).await; // step: flaky_call.1
    Err("HTTP 503 from news service".into()) // step: flaky_call.2
}
