-- /contact NAME finds Greek names typed without their accents, as /search does since 0009.
-- contacts.fold() takes accents off the typed name, but contact_words held names as typed and
-- its tokenizer folds only Latin accents, so "Νικος" missed "Νίκος". The index now holds the
-- words with Greek tonos and dialytika folded by the same table of replace()s as 0009's
-- search_text (and _GREEK_FOLD in bot/storage/search.py): change all three together.

CREATE VIEW contact_words_text (id, owner, words) AS
SELECT id, 'u' || owner_id,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
        name || ' ' || COALESCE(company, ''),
        'ά', 'α'), 'έ', 'ε'), 'ή', 'η'), 'ί', 'ι'), 'ό', 'ο'), 'ύ', 'υ'), 'ώ', 'ω'),
        'ϊ', 'ι'), 'ϋ', 'υ'), 'ΐ', 'ι'), 'ΰ', 'υ'),
        'Ά', 'Α'), 'Έ', 'Ε'), 'Ή', 'Η'), 'Ί', 'Ι'), 'Ό', 'Ο'), 'Ύ', 'Υ'), 'Ώ', 'Ω'),
        'Ϊ', 'Ι'), 'Ϋ', 'Υ')
FROM contacts;

DROP TRIGGER contacts_words_insert;
DROP TRIGGER contacts_words_update;

CREATE TRIGGER contacts_words_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contact_words (rowid, owner, words)
    SELECT id, owner, words FROM contact_words_text WHERE id = new.id;
END;
CREATE TRIGGER contacts_words_update AFTER UPDATE OF name, company ON contacts BEGIN
    UPDATE contact_words
    SET words = (SELECT words FROM contact_words_text WHERE id = new.id)
    WHERE rowid = new.id;
END;

-- Only the rows the fold changes.
UPDATE contact_words
SET words = (SELECT t.words FROM contact_words_text AS t WHERE t.id = contact_words.rowid)
WHERE rowid IN (
    SELECT c.id FROM contacts AS c JOIN contact_words_text AS t ON t.id = c.id
    WHERE t.words <> c.name || ' ' || COALESCE(c.company, '')
);
