"""The python-telegram-bot glue, in one place: the Application with the bot's services, the
update processor (each user's updates in order), the inbox in front of getUpdates, the
retrying rate limiter and the persistence of conversations and drafts. Nothing below it
(`storage`, `coaching`) imports `telegram`."""
