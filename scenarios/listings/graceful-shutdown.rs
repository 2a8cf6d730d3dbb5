// graceful-shutdown: main cancels a token; the server stops taking requests, drains, exits.
use std::time::Duration;
use tokio::{sync::watch, time::sleep};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (shutdown, token) = watch::channel(false); // a cancellation token
    let server = tokio::spawn(server(token)); // step: main.1
    sleep(Duration::from_millis(1500)).await; // wait for Ctrl-C // step: main.2
    shutdown.send_replace(true); // step: main.3
    server.await.unwrap(); // step: main.4
}

async fn server(mut token: watch::Receiver<bool>) {
    tokio::select! { // step: server.1
        _ = token.wait_for(|cancelled| *cancelled) => {}
        _ = handle_requests() => {}
    }
    sleep(Duration::from_millis(200)).await; // drain connections // step: server.2
}

async fn handle_requests() {
    for _ in 0..100 { // step: handle_requests.1
        sleep(Duration::from_millis(400)).await; // GET /orders // step: handle_request.1
    }
}
