# blocking-freeze: a 2 s time.sleep holds the only thread; every other task stalls.
import asyncio
import time

async def main():
    async with asyncio.TaskGroup() as group:  # step: main.1
        group.create_task(slow_sync_call())
        group.create_task(heartbeat())
        group.create_task(fetch_weather())

async def slow_sync_call():
    await asyncio.sleep(0.1)  # step: slow_sync_call.1
    time.sleep(2)  # step: slow_sync_call.2

async def heartbeat():
    for _ in range(5):  # step: heartbeat.1
        await asyncio.sleep(0.25)  # step: tick.1

async def fetch_weather():
    await asyncio.sleep(0.5)  # step: fetch_weather.1

asyncio.run(main())
