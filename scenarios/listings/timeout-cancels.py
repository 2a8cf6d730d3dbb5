# timeout-cancels: a checkout is cut off at 2 s, mid-payment; the receipt is never sent.
import asyncio

async def main():
    try:  # on timeout, checkout() is cancelled at the await it is paused on
        async with asyncio.timeout(2):
            await checkout()  # step: main.1
    except TimeoutError:
        await release_stock()  # step: main.2

async def checkout():
    await asyncio.sleep(0.5)  # reserve the stock  # step: checkout.1
    await asyncio.sleep(4)  # charge the card  # step: checkout.2
    await asyncio.sleep(0.1)  # send the receipt  # step: checkout.3

async def release_stock():
    await asyncio.sleep(0.2)  # step: release_stock.1

asyncio.run(main())
