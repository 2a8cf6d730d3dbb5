# failure-cancellation: a request fails after 2 s; the group cancels its two siblings.
import asyncio

async def main():
    # The first exception cancels the other tasks; the group re-raises it.
    async with asyncio.TaskGroup() as group:  # step: main.1
        group.create_task(fetch_weather())
        group.create_task(fetch_news())
        group.create_task(flaky_call())

async def fetch_weather():
    await asyncio.sleep(3)  # step: fetch_weather.1

async def fetch_news():
    await asyncio.sleep(4)  # step: fetch_news.1

async def flaky_call():
    await asyncio.sleep(2)  # step: flaky_call.1
    raise ConnectionError("HTTP 503 from news service")  # step: flaky_call.2

asyncio.run(main())
