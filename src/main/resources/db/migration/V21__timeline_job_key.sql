-- The job that wrote an entry once however often the engine hands it out (a decision's record, an agent's task,
-- an escalation): its key in a column of its own with a unique key per case and kind, so that the entry is written
-- by one INSERT that a second delivery of the job cannot repeat, instead of a search of the case's entries for the
-- key in their details before every such entry (issue 15). Other entries leave it empty; the details keep the key.
ALTER TABLE timeline_entry ADD COLUMN job_key BIGINT NULL;

-- Entries written so far carry the key in their details only; the first of each job and kind takes it. (The key is
-- selected as it is grouped, for MySQL's ONLY_FULL_GROUP_BY; the grouped derived table is materialised, so the
-- UPDATE may read the table it writes.)
UPDATE timeline_entry t
  JOIN (SELECT MIN(id) AS id, CAST(JSON_VALUE(details, '$.jobKey') AS SIGNED) AS job_key
          FROM timeline_entry
         WHERE JSON_VALUE(details, '$.jobKey') IS NOT NULL
         GROUP BY case_id, kind, CAST(JSON_VALUE(details, '$.jobKey') AS SIGNED)) once ON once.id = t.id
   SET t.job_key = once.job_key;

CREATE UNIQUE INDEX ux_timeline_job ON timeline_entry (case_id, kind, job_key);
