# mutex-across-await: the prices lock is held across a 2 s query; two pages wait for it.
import asyncio

async def main():
    lock, prices = asyncio.Lock(), []
    async with asyncio.TaskGroup() as group:  # step: main.1
        group.create_task(refresh_prices(lock, prices))
        group.create_task(show_page(lock))  # the cart
        group.create_task(show_page(lock))  # the checkout

async def refresh_prices(lock, prices):
    async with lock:  # step: refresh_prices.1
        prices[:] = await reload_from_db()  # the bug: the lock is held across this await

async def reload_from_db():
    await asyncio.sleep(2)  # step: reload_from_db.1
    return [1999, 2499]

async def show_page(lock):
    await asyncio.sleep(0.1)  # load the page  # step: show_page.1
    async with lock:  # step: show_page.2
        await asyncio.sleep(0.02)  # render the prices  # step: render_prices.1

asyncio.run(main())
