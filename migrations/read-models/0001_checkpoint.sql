-- Where the projector stands in the log: updated in the same transaction as the read models it
-- wrote, so a crash neither skips nor repeats an event. One row.
CREATE TABLE projection_checkpoint (
  only_row    boolean     PRIMARY KEY DEFAULT true CHECK (only_row),
  position    text        NOT NULL,
  events      bigint      NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO projection_checkpoint (position) VALUES ('0:0');
