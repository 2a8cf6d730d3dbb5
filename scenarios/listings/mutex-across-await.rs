// mutex-across-await: the prices lock is held across a 2 s query; two pages wait for it.
use std::time::Duration;
use tokio::{sync::Mutex, task::JoinSet, time::sleep};
type Prices = std::sync::Arc<Mutex<Vec<u32>>>;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let prices = Prices::default();
    let mut group = JoinSet::new();
    group.spawn(refresh_prices(prices.clone()));
    group.spawn(show_page(prices.clone())); // the cart
    group.spawn(show_page(prices.clone())); // the checkout
    group.join_all().await; // step: main.1
}

async fn refresh_prices(prices: Prices) {
    let mut guard = prices.lock().await; // step: refresh_prices.1
    *guard = reload_from_db().await; // the bug: the lock is held across this await
}

async fn reload_from_db() -> Vec<u32> {
    sleep(Duration::from_secs(2)).await; // step: reload_from_db.1
    vec![1999, 2499] // the new prices
}

async fn show_page(prices: Prices) {
    sleep(Duration::from_millis(100)).await; // load the page // step: show_page.1
    let _guard = prices.lock().await; // step: show_page.2
    sleep(Duration::from_millis(20)).await; // render the prices // step: render_prices.1
}
