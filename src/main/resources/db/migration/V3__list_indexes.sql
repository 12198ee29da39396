-- Every list reads through an index (common.Listing): each sortable field has one, alone and after the only equality
-- filter (a video's uploader), so that a page is read in order and stops after its rows, whatever the table's size.
-- InnoDB appends the primary key to each secondary index, which breaks ties in the same order.
CREATE INDEX idx_author_name ON author (name);
CREATE INDEX idx_video_code ON video (code);
CREATE INDEX idx_video_score ON video (score);
CREATE INDEX idx_video_author_code ON video (author_id, code);
CREATE INDEX idx_video_author_score ON video (author_id, score);
-- The lists of a node in key order, with the key named: MariaDB does not read an index's implicit primary-key suffix
-- in order for ORDER BY parent, key, and sorted a hub's million rows to return its first 21. Each replaces the
-- foreign key's single-column index (created before it is dropped, so that the key always has one).
CREATE INDEX idx_video_author_id ON video (author_id, id);
DROP INDEX idx_video_author ON video;
CREATE INDEX idx_credit_video_author ON video_author (video_id, author_id);
DROP INDEX idx_credit_video ON video_author;
