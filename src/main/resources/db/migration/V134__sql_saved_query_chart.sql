-- A saved query may keep the chart its result is shown as (type, X and Y column names, aggregation) as JSON.
ALTER TABLE sql_saved_query ADD COLUMN chart_json VARCHAR(8000);
