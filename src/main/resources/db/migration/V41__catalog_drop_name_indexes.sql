-- Search matches names with LIKE '%q%' inside the caller's connections, which a B-tree on the name cannot serve
-- (the primary keys, led by connection_id, do the narrowing). The name indexes only doubled the cost of every
-- snapshot write (an extra index entry per column and object), so they go.
DROP INDEX catalog_columns_by_name;
DROP INDEX catalog_objects_by_name;
