-- The current version's title beside the proposal, so that a register of ratifications names each
-- proposal without reading every version of it. Free text stays JSON-escaped (see 0005): the title
-- is the JSON string as `versions` holds it, quotes included.
ALTER TABLE proposals ADD COLUMN title text;
UPDATE proposals SET title = (versions::json -> -1 -> 'title')::text;
ALTER TABLE proposals ALTER COLUMN title SET NOT NULL;
