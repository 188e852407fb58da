-- Placeholder: migrations 0015-0018 belong to other branches, and merging them replaces
-- this file. Until then it keeps the numbers without a gap.
SELECT 1;
