"""Taking one's data out and bringing it back: the JSON export and its import, and the
contacts and calendar files made from an export. No Telegram here; handlers and the
command line call these."""
