-- Its own schema, so the example never touches other tables of a shared database.
create schema if not exists nplusone_example;
