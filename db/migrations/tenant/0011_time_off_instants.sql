-- Location-less time off covers the same instants everywhere (issue 12, item 8).
SELECT 3;
