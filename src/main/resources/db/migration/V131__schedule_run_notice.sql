-- What a run left out on purpose and why (issue 11: databases over the per-run cap of "all databases").
ALTER TABLE schedule_runs ADD COLUMN notice VARCHAR(2000);
