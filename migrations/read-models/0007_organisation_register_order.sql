-- An organisation's register of ratifications in the register's own order. The index it replaces
-- (organisation_id, decided_on DESC) left PostgreSQL to sort every ratification of a decision date to
-- find the page's order among those decided the same day: an organisation's half-year page of 50
-- read 230 buffers and sorted 116 kB in 0.5 ms; in this order it reads the 50 and stops (0.1 ms).
DROP INDEX ratifications_by_organisation;
CREATE INDEX ratifications_by_organisation ON ratifications (organisation_id, decided_on DESC, log_transaction DESC, log_sequence DESC);
