-- A proposal's history is read from its own stream, each event checked against the seal, as far as
-- the read models stand (`proposalHistory`): the read models keep no second copy of those events.
DROP TABLE proposal_history;
