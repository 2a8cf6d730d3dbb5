// rate-limited-fanout: ten downloads start at once; a semaphore of 3 lets three run at a time.
use std::sync::Arc;
use std::time::Duration;
use tokio::{sync::Semaphore, task::JoinSet, time::sleep};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let api_quota = Arc::new(Semaphore::new(3));
    let mut group = JoinSet::new();
    for _ in 0..10 {
        group.spawn(fetch_page(api_quota.clone()));
    }
    group.join_all().await; // step: main.1
}

async fn fetch_page(api_quota: Arc<Semaphore>) {
    let _permit = api_quota.acquire().await.unwrap(); // step: fetch_page.1
    download().await; // the permit is given back when `_permit` is dropped
}

async fn download() {
    sleep(Duration::from_millis(500)).await; // step: download.1
}
