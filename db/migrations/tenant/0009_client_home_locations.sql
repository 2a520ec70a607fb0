-- Clients without a home location get one (issue 12, item 1). SELECT 1 keeps the file distinct until filled in.
SELECT 1;
