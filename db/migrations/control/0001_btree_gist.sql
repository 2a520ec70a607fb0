-- Exclusion constraints over (instructor, time range) in every studio's schema need gist
-- support for equality on uuid. Extensions are per database, so the control migrations add it.
CREATE EXTENSION IF NOT EXISTS btree_gist;
