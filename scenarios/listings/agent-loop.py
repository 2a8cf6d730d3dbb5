# agent-loop: a model call, three tool calls at once, then a second model call.
import asyncio

async def main():
    await ask_model()  # step: main.1
    async with asyncio.TaskGroup() as tools:  # step: main.2
        tools.create_task(search_web())
        tools.create_task(read_calendar())
        tools.create_task(query_db())
    await ask_model()  # step: main.3

async def ask_model():
    await asyncio.sleep(0.8)  # step: ask_model.1

async def search_web():
    await asyncio.sleep(0.6)  # step: search_web.1

async def read_calendar():
    await asyncio.sleep(0.3)  # step: read_calendar.1

async def query_db():
    await asyncio.sleep(0.45)  # step: query_db.1

asyncio.run(main())
