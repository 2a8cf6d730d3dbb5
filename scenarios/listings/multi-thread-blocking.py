# multi-thread-blocking: asyncio has no multi-thread runtime. Its one event loop is
# tokio's current_thread: here the blocking call stalls all six tickers, where tokio's
# four workers keep them going.
import asyncio
import time

async def main():
    async with asyncio.TaskGroup() as group:  # step: main.1
        group.create_task(resize_images())
        for _ in range(6):
            group.create_task(ticker())

async def resize_images():
    time.sleep(2)  # step: resize_images.1

async def ticker():
    for _ in range(8):  # step: ticker.1
        await asyncio.sleep(0.1)  # step: tick.1
        await asyncio.sleep(0)  # step: tick.2

asyncio.run(main())
