// await-chain: two 1.5 s calls awaited one after the other take 3 s.
use std::time::Duration;
use tokio::time::sleep;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    fetch_weather().await; // step: main.1
    fetch_news().await; // step: main.2
}

async fn fetch_weather() {
    sleep(Duration::from_millis(1500)).await; // step: fetch_weather.1
}

async fn fetch_news() {
    sleep(Duration::from_millis(1500)).await; // step: fetch_news.1
}
