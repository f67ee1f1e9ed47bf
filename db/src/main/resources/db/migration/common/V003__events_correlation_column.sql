-- Queries by correlation id use a column of their own, the same on both databases (H2 cannot index a
-- JSON field), instead of PostgreSQL's expression index on the metadata.
alter table event add column correlation_id varchar(200);
drop index if exists event_correlation;
create index event_correlation_id on event (correlation_id, transaction_id, position);
