-- Optimistic locking of an author's and a video's own fields: PUT with If-Match compares against it.
ALTER TABLE author ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE video ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
