-- /search finds Greek words typed without their accents, and the reverse. The tokenizer's
-- remove_diacritics folds Latin accents (café, cafe) but not Greek tonos and dialytika
-- (σίσυφος, σισυφος), and Greek is often typed without them. So search_index holds the text
-- with those folded away, and bot/storage/search.py folds each searched word the same way
-- (_GREEK_FOLD there is this table of replace()s: change both together). The fold is plain
-- SQL, not a function of the bot's, so any connection (the sqlite3 shell, bench/scale_data.py)
-- can still write notes and contacts. It swaps each letter for one of the same length, so a
-- snippet of the folded text shows the note as typed again (search.py, _as_typed).

-- What search_index holds for each note and contact: the one place that says so, read by the
-- triggers below. `typed` is the text as the user typed it, `body` the same text folded.
CREATE VIEW search_text (kind, id, owner, typed, body) AS
SELECT kind, id, owner, typed,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(typed,
        'ά', 'α'), 'έ', 'ε'), 'ή', 'η'), 'ί', 'ι'), 'ό', 'ο'), 'ύ', 'υ'), 'ώ', 'ω'),
        'ϊ', 'ι'), 'ϋ', 'υ'), 'ΐ', 'ι'), 'ΰ', 'υ'),
        'Ά', 'Α'), 'Έ', 'Ε'), 'Ή', 'Η'), 'Ί', 'Ι'), 'Ό', 'Ο'), 'Ύ', 'Υ'), 'Ώ', 'Ω'),
        'Ϊ', 'Ι'), 'Ϋ', 'Υ')
FROM (
    SELECT 'note' AS kind, id, 'u' || owner_id AS owner, body AS typed FROM notes
    UNION ALL
    SELECT 'contact', id, 'u' || owner_id,
           name || ' ' || coalesce(company, '') || ' ' || coalesce(role, '')
           || ' ' || coalesce(how_met, '')
    FROM contacts
);

-- The triggers of 0003, reading the folded text; deleting needs no text and stays as it was.
DROP TRIGGER notes_search_insert;
DROP TRIGGER notes_search_update;
DROP TRIGGER contacts_search_insert;
DROP TRIGGER contacts_search_update;

CREATE TRIGGER notes_search_insert AFTER INSERT ON notes BEGIN
    INSERT INTO search_index (rowid, owner, body, kind, ref)
    SELECT 2 * new.id, owner, body, 'note', new.id
    FROM search_text WHERE kind = 'note' AND id = new.id;
END;
CREATE TRIGGER notes_search_update AFTER UPDATE OF body ON notes BEGIN
    UPDATE search_index
    SET body = (SELECT body FROM search_text WHERE kind = 'note' AND id = new.id)
    WHERE rowid = 2 * new.id;
END;

CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO search_index (rowid, owner, body, kind, ref)
    SELECT 2 * new.id + 1, owner, body, 'contact', new.id
    FROM search_text WHERE kind = 'contact' AND id = new.id;
END;
CREATE TRIGGER contacts_search_update AFTER UPDATE OF name, company, role, how_met ON contacts
BEGIN
    UPDATE search_index
    SET body = (SELECT body FROM search_text WHERE kind = 'contact' AND id = new.id)
    WHERE rowid = 2 * new.id + 1;
END;

-- Existing rows: only those the fold changes are written again (each write re-indexes the
-- row), each found by its rowid (2 * id for notes, 2 * id + 1 for contacts).
UPDATE search_index SET body = t.body
FROM search_text AS t
WHERE search_index.rowid = 2 * t.id + (t.kind = 'contact') AND t.body <> t.typed;
