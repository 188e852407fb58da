-- python-telegram-bot's chat_data and bot_data: nothing in the bot uses them, and they have
-- not been stored since they were switched off (bot/ptb/persistence.py); what an older
-- release wrote there was never read back.

DROP TABLE ptb_chat_data;
DROP TABLE ptb_bot_data;
