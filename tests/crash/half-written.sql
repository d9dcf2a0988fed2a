-- The crash test's look for writes left halfway (tests/crash/crash.mjs, scripts/crash-test.sh):
-- every write of a case is one transaction holding the change, its history event and its
-- audit entry (core/cases/engine.cpp, attachments.cpp), so after a crash each case has all
-- three or none. A change's entry is sealed on its own (hash <> '', which lets the index by
-- object answer). One row per case that breaks this: its id and what is wrong. Nothing
-- printed means nothing half-written. Portable: SQLite and PostgreSQL run it as it is.
SELECT CAST(c.id AS TEXT) AS case_id, 'no created event' AS problem
  FROM cases c
 WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.kind = 'created')
UNION ALL
SELECT CAST(c.id AS TEXT), 'no case.create audit entry'
  FROM cases c
 WHERE NOT EXISTS (SELECT 1 FROM audit_log a
                    WHERE a.object_type = 'case' AND a.object_id = CAST(c.id AS TEXT)
                      AND a.hash <> ''
                      AND a.action = 'case.create')
UNION ALL
SELECT a.object_id, 'a case.create audit entry without its case'
  FROM audit_log a
 WHERE a.object_type = 'case' AND a.action = 'case.create' AND a.hash <> ''
   AND NOT EXISTS (SELECT 1 FROM cases c WHERE CAST(c.id AS TEXT) = a.object_id)
UNION ALL
SELECT CAST(c.id AS TEXT), 'transition events and case.transition audit entries differ in number'
  FROM cases c
 WHERE (SELECT COUNT(*) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'transition')
    <> (SELECT COUNT(*) FROM audit_log a
         WHERE a.object_type = 'case' AND a.object_id = CAST(c.id AS TEXT)
           AND a.hash <> ''
           AND a.action = 'case.transition')
UNION ALL
SELECT CAST(c.id AS TEXT), 'comment events and case.comment audit entries differ in number'
  FROM cases c
 WHERE (SELECT COUNT(*) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'comment')
    <> (SELECT COUNT(*) FROM audit_log a
         WHERE a.object_type = 'case' AND a.object_id = CAST(c.id AS TEXT)
           AND a.hash <> ''
           AND a.action = 'case.comment')
UNION ALL
SELECT CAST(c.id AS TEXT), 'attachment events and case.attach audit entries differ in number'
  FROM cases c
 WHERE (SELECT COUNT(*) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'attachment')
    <> (SELECT COUNT(*) FROM audit_log a
         WHERE a.object_type = 'case' AND a.object_id = CAST(c.id AS TEXT)
           AND a.hash <> ''
           AND a.action = 'case.attach')
UNION ALL
SELECT CAST(c.id AS TEXT), 'attachments and attachment events differ in number'
  FROM cases c
 WHERE (SELECT COUNT(*) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'attachment')
    <> (SELECT COUNT(*) FROM attachments t WHERE t.case_id = c.id)
UNION ALL
SELECT CAST(c.id AS TEXT), 'edited events and case.edit audit entries differ in number'
  FROM cases c
 WHERE (SELECT COUNT(*) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'edited')
    <> (SELECT COUNT(*) FROM audit_log a
         WHERE a.object_type = 'case' AND a.object_id = CAST(c.id AS TEXT)
           AND a.hash <> ''
           AND a.action = 'case.edit')
UNION ALL
SELECT CAST(c.id AS TEXT), 'the state is not where its last transition led'
  FROM cases c
 WHERE c.state <> (SELECT e.to_state FROM case_events e
                    WHERE e.case_id = c.id AND e.kind IN ('created', 'transition')
                    ORDER BY e.id DESC LIMIT 1);
