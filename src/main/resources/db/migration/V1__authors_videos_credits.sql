-- The three relationships between author and video, all in one schema:
--   uploads (one-to-many):         video.author_id -> author.id
--   featured video (one-to-one):   author.featured_video_id -> video.id, UNIQUE
--   credits (many-to-many + data): video_author(author_id, video_id, extra_data)

CREATE TABLE author (
    id                BIGINT       NOT NULL AUTO_INCREMENT,
    name              VARCHAR(100) NOT NULL,
    featured_video_id BIGINT       NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_author_featured_video UNIQUE (featured_video_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE video (
    id        BIGINT       NOT NULL AUTO_INCREMENT,
    code      VARCHAR(10)  NOT NULL,
    img       VARCHAR(100) NULL,
    score     FLOAT        NULL,
    author_id BIGINT       NULL,
    PRIMARY KEY (id),
    INDEX idx_video_author (author_id),
    CONSTRAINT fk_video_author FOREIGN KEY (author_id) REFERENCES author (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- added after video exists: author and video reference each other
ALTER TABLE author
    ADD CONSTRAINT fk_author_featured_video FOREIGN KEY (featured_video_id) REFERENCES video (id) ON DELETE SET NULL;

-- the primary key's prefix indexes author_id; video_id gets its own index
CREATE TABLE video_author (
    author_id  BIGINT      NOT NULL,
    video_id   BIGINT      NOT NULL,
    extra_data VARCHAR(50) NULL,
    PRIMARY KEY (author_id, video_id),
    INDEX idx_credit_video (video_id),
    CONSTRAINT fk_credit_author FOREIGN KEY (author_id) REFERENCES author (id) ON DELETE CASCADE,
    CONSTRAINT fk_credit_video FOREIGN KEY (video_id) REFERENCES video (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
