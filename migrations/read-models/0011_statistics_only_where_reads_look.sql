-- ANALYZE gathers the planner's statistics only on columns that reads filter, join or sort on:
-- not on the JSON documents (a ratification's statement and authority basis, a proposal's versions,
-- an audit line's summary) nor on log positions as text, which no read compares. On the 200,000
-- events of `bench:read`, ANALYZE of the ratifications took 540-740 ms with them and 330-380 ms
-- without; a rebuild analyses every table it filled before it is swapped in, and autovacuum does
-- as the tables grow.
ALTER TABLE ratifications
  ALTER COLUMN statement SET STATISTICS 0,
  ALTER COLUMN authority SET STATISTICS 0,
  ALTER COLUMN rescission SET STATISTICS 0,
  ALTER COLUMN set_aside SET STATISTICS 0,
  ALTER COLUMN position SET STATISTICS 0;
ALTER TABLE audit_trail
  ALTER COLUMN summary SET STATISTICS 0,
  ALTER COLUMN position SET STATISTICS 0,
  ALTER COLUMN event_id SET STATISTICS 0;
ALTER TABLE proposals
  ALTER COLUMN versions SET STATISTICS 0,
  ALTER COLUMN exempt SET STATISTICS 0,
  ALTER COLUMN withdrawal SET STATISTICS 0,
  ALTER COLUMN tabled_position SET STATISTICS 0,
  ALTER COLUMN last_position SET STATISTICS 0;
