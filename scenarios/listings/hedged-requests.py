# hedged-requests: the primary is slow; a hedged request to a replica answers first.
import asyncio

async def main():
    racers = {asyncio.create_task(ask_primary()), asyncio.create_task(hedge())}
    done, slower = await asyncio.wait(racers, return_when="FIRST_COMPLETED")  # step: main.1
    for task in slower:
        task.cancel()  # the first answer wins; drop the other request
    await asyncio.sleep(0.2)  # render the page  # step: main.2

async def ask_primary():
    await asyncio.sleep(4)  # step: ask_primary.1

async def hedge():
    await asyncio.sleep(0.5)  # no answer yet?  # step: hedge.1
    await ask_replica()  # step: hedge.2

async def ask_replica():
    await asyncio.sleep(1)  # step: ask_replica.1

asyncio.run(main())
