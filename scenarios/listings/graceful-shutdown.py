# graceful-shutdown: main cancels a token; the server stops taking requests, drains, exits.
import asyncio

async def main():
    token = asyncio.Event()  # a cancellation token
    server_task = asyncio.create_task(server(token))  # step: main.1
    await asyncio.sleep(1.5)  # wait for Ctrl-C  # step: main.2
    token.set()  # step: main.3
    await server_task  # step: main.4

async def server(token):
    serving = asyncio.create_task(handle_requests())
    await token.wait()  # step: server.1
    serving.cancel()
    await asyncio.sleep(0.2)  # drain connections  # step: server.2

async def handle_requests():
    for _ in range(100):  # step: handle_requests.1
        await asyncio.sleep(0.4)  # GET /orders  # step: handle_request.1

asyncio.run(main())
