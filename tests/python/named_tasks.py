"""taskscope's tests: tasks named with name=, one named by asyncio, arguments and output."""
import asyncio
import sys


async def fetch(what, seconds):
    await asyncio.sleep(seconds)
    return what


async def main():
    users = asyncio.create_task(fetch("users", 0.05), name="fetch-users")
    orders = asyncio.create_task(fetch("orders", 0.1), name="fetch-orders")
    plain = asyncio.create_task(fetch("plain", 0.02))
    print("got", await users, await orders, await plain)


print("argv", sys.argv[1:])
asyncio.run(main())
