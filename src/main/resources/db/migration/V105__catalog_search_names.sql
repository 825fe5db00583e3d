-- Search over a 100,000-table catalog (a million columns) scanned every column name twice (page and count):
-- seconds per query. Names repeat (every table has an "id"), so search scans the distinct names instead and
-- fetches the rows of the names on the page by index. A sync that changed anything rebuilds its connection's rows.
CREATE TABLE catalog_names (
    connection_id UUID         NOT NULL,
    hit_type      VARCHAR(10)  NOT NULL,
    name_lower    VARCHAR(255) NOT NULL,
    occurrences   INTEGER      NOT NULL,
    PRIMARY KEY (connection_id, hit_type, name_lower)
);

CREATE INDEX catalog_objects_by_connection_name ON catalog_objects (connection_id, name_lower);
CREATE INDEX catalog_columns_by_connection_name ON catalog_columns (connection_id, name_lower);

INSERT INTO catalog_names (connection_id, hit_type, name_lower, occurrences)
SELECT connection_id, 'table', name_lower, COUNT(*) FROM catalog_objects GROUP BY connection_id, name_lower;

INSERT INTO catalog_names (connection_id, hit_type, name_lower, occurrences)
SELECT connection_id, 'column', name_lower, COUNT(*) FROM catalog_columns GROUP BY connection_id, name_lower;
