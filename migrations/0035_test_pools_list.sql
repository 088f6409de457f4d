-- Pools newest first by unit (the list of pools reads an area's sample dates in a window).
CREATE INDEX test_pools_path_day ON test_pools(unit_path, sample_date, id);
