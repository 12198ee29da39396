-- Every list reads through an index (common.Listing): each sortable field has one, alone and after the only equality
-- filter (a video's uploader), so that a page is read in order and stops after its rows, whatever the table's size.
-- InnoDB appends the primary key to each secondary index, which breaks ties in the same order.
CREATE INDEX idx_author_name ON author (name);
CREATE INDEX idx_video_code ON video (code);
CREATE INDEX idx_video_score ON video (score);
CREATE INDEX idx_video_author_code ON video (author_id, code);
CREATE INDEX idx_video_author_score ON video (author_id, score);
