"""The reminder engine: debrief offers, follow-up reminders, stay-in-touch nudges and the
daily digest, delivered by a sweep over the database (sweep.py says why).

It knows nothing of handlers: bot/handlers/followups.py keeps the buttons and the commands,
and uses the cards and lists from here. Decisions are in bot/coaching/followups.py, rows in
bot/storage/followups.py; the state it keeps between sweeps lives on Services.reminders.
"""
