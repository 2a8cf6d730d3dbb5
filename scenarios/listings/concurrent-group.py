# concurrent-group: two 1.5 s calls run as a group of tasks finish together in 1.5 s.
import asyncio

async def main():
    async with asyncio.TaskGroup() as group:  # step: main.1
        group.create_task(fetch_weather())
        group.create_task(fetch_news())

async def fetch_weather():
    await asyncio.sleep(1.5)  # step: fetch_weather.1

async def fetch_news():
    await asyncio.sleep(1.5)  # step: fetch_news.1

asyncio.run(main())
