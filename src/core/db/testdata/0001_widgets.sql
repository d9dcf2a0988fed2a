-- A module's first migration, for database_test.cpp: modules number their own from 0001.
CREATE TABLE test_widgets (
  id {{ID}},
  name TEXT NOT NULL
);
