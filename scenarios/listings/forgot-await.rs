// forgot-await: send_email() is called but never awaited, so the email is never sent.
use std::time::Duration;
use tokio::time::sleep;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    save_order().await; // step: main.1
    #[allow(unused_must_use)] // the bug; rustc warns: "futures do nothing unless you `.await`"
    send_email(); // step: main.2
    sleep(Duration::from_secs(1)).await; // step: main.3
}

async fn save_order() {
    sleep(Duration::from_secs(1)).await; // step: save_order.1
}

async fn send_email() {
    sleep(Duration::from_millis(500)).await; // step: send_email.1
    sleep(Duration::from_millis(200)).await; // step: send_email.2
}
