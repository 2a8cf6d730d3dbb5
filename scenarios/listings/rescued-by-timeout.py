# rescued-by-timeout: a reply that never comes; a 2 s timeout gives up and raises an alert.
import asyncio

async def main():
    try:
        async with asyncio.timeout(2):
            await wait_for_reply()  # step: main.1
    except TimeoutError:
        await report_unreachable()  # step: main.2

async def wait_for_reply():
    await asyncio.sleep(0.1)  # send PING  # step: wait_for_reply.1
    await asyncio.Event().wait()  # the PONG was lost  # step: wait_for_reply.2

async def report_unreachable():
    await asyncio.sleep(0.1)  # step: report_unreachable.1

asyncio.run(main())
