# yield-fairness: two CPU jobs in 50 ms chunks take turns on one thread, thanks to sleep(0).
import asyncio
import time

async def main():
    async with asyncio.TaskGroup() as group:  # step: main.1
        group.create_task(crunch())  # resize_images
        group.create_task(crunch())  # encode_video
        group.create_task(heartbeat())

async def crunch():
    for _ in range(20):  # step: crunch.1
        until = time.perf_counter() + 0.05
        while time.perf_counter() < until:  # one chunk of CPU work  # step: chunk.1
            pass
        await asyncio.sleep(0)  # let the others run  # step: chunk.2

async def heartbeat():
    for _ in range(20):  # step: heartbeat.1
        await asyncio.sleep(0.1)  # step: tick.1

asyncio.run(main())
