-- python-telegram-bot's own state (user_data, chat_data, bot_data, conversation states),
-- kept as JSON beside the domain tables so that one file holds everything and a restart
-- resumes a conversation where it stopped.

CREATE TABLE ptb_user_data (
    owner_id INTEGER PRIMARY KEY,
    data     TEXT NOT NULL
) STRICT;

CREATE TABLE ptb_chat_data (
    chat_id INTEGER PRIMARY KEY,
    data    TEXT NOT NULL
) STRICT;

-- bot_data is a single document.
CREATE TABLE ptb_bot_data (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL
) STRICT;

CREATE TABLE ptb_conversations (
    name  TEXT NOT NULL,
    -- The ConversationHandler key as a JSON array, e.g. [chat_id, user_id].
    key   TEXT NOT NULL,
    -- The state as JSON, so that an int state comes back an int and a str a str.
    state TEXT NOT NULL,
    PRIMARY KEY (name, key)
) STRICT, WITHOUT ROWID;
