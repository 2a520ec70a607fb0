-- Buffers and travel held by the database; a pending class booking holds its place (issue 12, items 4 and 6).
SELECT 2;
