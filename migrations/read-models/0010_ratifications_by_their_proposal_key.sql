-- A proposal's ratifications are found by the primary key, which begins with the proposal
-- (`proposal_id, ratification_id`), and put in log order by a sort of the few found: the plans of
-- `proposalById` and of the proposals projection's reading back took the primary key already. The
-- index by (proposal_id, log position) served nothing else, and cost every ratification written one
-- more entry, live and in a rebuild.
DROP INDEX ratifications_by_proposal;
