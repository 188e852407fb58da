"""What one user action changes, as one call and one transaction.

A handler reads the update, makes one call here and renders what it returns. The calls
decide with `coaching` and write through `storage`; they know nothing of Telegram.
"""
