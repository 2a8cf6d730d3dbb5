# forgot-await: send_email() is called but never awaited, so the email is never sent.
import asyncio

async def main():
    await save_order()  # step: main.1
    send_email()  # step: main.2
    await asyncio.sleep(1)  # step: main.3

async def save_order():
    await asyncio.sleep(1)  # step: save_order.1

async def send_email():  # Python warns: "coroutine 'send_email' was never awaited"
    await asyncio.sleep(0.5)  # step: send_email.1
    await asyncio.sleep(0.2)  # step: send_email.2

asyncio.run(main())
