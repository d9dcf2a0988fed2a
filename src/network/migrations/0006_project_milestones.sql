-- A project's milestones, the steps the office follows it by: a title in both languages, the day
-- it is due, the day it was done (none while it is open) and a note, in the order the office
-- lists them (seq). Part of the project: written with it, and after only as a whole list
-- replaced (PUT …/milestones), which writes nothing else of the project.
CREATE TABLE network_project_milestones (
  id {{ID}},
  project_id BIGINT NOT NULL REFERENCES network_projects(id),
  seq INTEGER NOT NULL,
  title_zh TEXT NOT NULL,
  title_en TEXT NOT NULL,
  due_on TEXT NOT NULL,          -- YYYY-MM-DD
  done_on TEXT,                  -- YYYY-MM-DD, none while open
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX network_project_milestones_project ON network_project_milestones(project_id, seq);
