-- The desk finds a client by any part of a name, email or phone as it is typed; trigram GIN
-- indexes in every studio's schema answer those ILIKE '%...%' searches without reading every
-- client. Extensions are per database, so the control migrations add it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
