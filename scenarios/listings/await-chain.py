# await-chain: two 1.5 s calls awaited one after the other take 3 s.
import asyncio

async def main():
    await fetch_weather()  # step: main.1
    await fetch_news()  # step: main.2

async def fetch_weather():
    await asyncio.sleep(1.5)  # step: fetch_weather.1

async def fetch_news():
    await asyncio.sleep(1.5)  # step: fetch_news.1

asyncio.run(main())
